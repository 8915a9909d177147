/* Pocket Guide service worker.
 *
 * Written by the pocketguide/pwa plugin: the build replaces only the BUILD line below with the
 * precache list ({url, revision, size} per file, sorted) and a few settings.
 *
 * How versions work (the Workbox model, kept small):
 * - One cache per scope. A file with a revision is stored under "url?__pg=<revision>"; a file
 *   whose name already carries a hash is stored under its url. Each worker knows only the keys
 *   of its own build, so an old worker keeps serving its own version while a new one installs.
 * - Install downloads only the keys that are not cached yet, checks each body against its
 *   revision (SHA-256), and fails as a whole if any file fails: the old version stays in charge
 *   and the next visit retries, reusing what was already fetched.
 * - The new worker waits until the reader taps "Update" (message SKIP_WAITING). On activation
 *   it deletes the keys no longer listed and only our own older caches for this scope.
 */
"use strict";

const BUILD = "__POCKETGUIDE_BUILD__";

const SCOPE = self.registration.scope;
const CACHE = `${BUILD.cachePrefix}-precache-v1-${SCOPE}`;
const PARALLEL_DOWNLOADS = 6;

const ENTRIES = BUILD.entries.map((entry) => {
  const url = new URL(entry.url, SCOPE).href;
  const key = entry.revision ? `${url}?__pg=${entry.revision}` : url;
  return { url, key, revision: entry.revision, size: entry.size };
});
const KEY_FOR_URL = new Map(ENTRIES.map((entry) => [entry.url, entry.key]));
const OFFLINE_URL = new URL(BUILD.offlinePage, SCOPE).href;

function isOurCache(name) {
  return name.startsWith(`${BUILD.cachePrefix}-`) && name.endsWith(SCOPE);
}

async function deleteOurCaches(keep) {
  for (const name of await caches.keys()) {
    if (name !== keep && isOurCache(name)) {
      await caches.delete(name);
    }
  }
}

/* ---- escape hatch: a worker that removes itself ---- */

if (BUILD.selfDestroying) {
  // Delete the offline copy at once, even before this worker takes over: the old worker then
  // falls back to the network, where every page of this build unregisters what is left.
  self.addEventListener("install", (event) => {
    event.waitUntil(deleteOurCaches(null).then(() => self.skipWaiting()));
  });
  // Chromium may not act on an install-time skipWaiting while the old worker is busy; the old
  // page's "Update now" button asks again.
  self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "SKIP_WAITING") {
      self.skipWaiting();
    }
  });
  self.addEventListener("activate", (event) => {
    event.waitUntil(
      (async () => {
        await deleteOurCaches(null);
        await self.registration.unregister();
        const windows = await self.clients.matchAll({ type: "window" });
        for (const client of windows) {
          client.navigate(client.url);
        }
      })(),
    );
  });
} else {
  self.addEventListener("install", (event) => event.waitUntil(precache()));
  self.addEventListener("activate", (event) => event.waitUntil(activate()));
  self.addEventListener("fetch", onFetch);
  self.addEventListener("message", onMessage);
}

/* ---- install: download what is missing, all or nothing ---- */

async function sha256Prefix(buffer, length) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"));
  return hex.join("").slice(0, length);
}

async function download(cache, entry) {
  // "no-cache" revalidates with the server, so a stale HTTP cache cannot hand us old bytes.
  const response = await fetch(entry.url, {
    cache: entry.revision ? "no-cache" : "default",
    credentials: "same-origin",
  });
  if (!response.ok) {
    throw new Error(`${entry.url}: HTTP ${response.status}`);
  }
  const body = await response.arrayBuffer();
  if (entry.revision) {
    const actual = await sha256Prefix(body, entry.revision.length);
    if (actual !== entry.revision) {
      throw new Error(`${entry.url}: got revision ${actual}, expected ${entry.revision}`);
    }
  }
  const headers = new Headers();
  const type = response.headers.get("Content-Type");
  if (type) {
    headers.set("Content-Type", type);
  }
  await cache.put(entry.key, new Response(body, { status: 200, headers }));
}

async function precache() {
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const queue = ENTRIES.filter((entry) => !cached.has(entry.key));
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      await download(cache, entry);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
}

/* ---- activate: drop what this version does not list ---- */

async function activate() {
  const cache = await caches.open(CACHE);
  const wanted = new Set(ENTRIES.map((entry) => entry.key));
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) {
      await cache.delete(request);
    }
  }
  await deleteOurCaches(CACHE);
  await self.clients.claim();
}

/* ---- fetch: cache first for the guide's own files ---- */

// The url forms that reach the same file: "x/", "x/index.html", "x", any query or fragment.
function lookup(url) {
  const base = url.origin + url.pathname;
  if (KEY_FOR_URL.has(base)) {
    return { key: KEY_FOR_URL.get(base), redirect: null };
  }
  if (base.endsWith("/")) {
    const key = KEY_FOR_URL.get(`${base}index.html`);
    return key ? { key, redirect: null } : null;
  }
  const directory = KEY_FOR_URL.get(`${base}/index.html`);
  if (directory) {
    // Relative links only work from "x/", so send the browser there, as a web server would.
    return { key: directory, redirect: `${base}/${url.search}` };
  }
  const page = KEY_FOR_URL.get(`${base}.html`);
  return page ? { key: page, redirect: null } : null;
}

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

async function networkOrOfflinePage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    // Unknown page and no network: say so honestly on the offline page, never another page.
    const from = new URL(request.url);
    const target = new URL(OFFLINE_URL);
    target.searchParams.set("from", from.pathname + from.search);
    return Response.redirect(target.href, 302);
  }
}

function onFetch(event) {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (!url.href.startsWith(SCOPE)) {
    return;
  }
  const found = lookup(url);
  if (found && found.redirect && request.mode === "navigate") {
    event.respondWith(Response.redirect(found.redirect, 301));
  } else if (found) {
    event.respondWith(fromCache(found.key, request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkOrOfflinePage(request));
  }
}

/* ---- messages from the page: update and status ---- */

async function status() {
  // caches.has first: opening a deleted cache would create it again, empty.
  const cache = (await caches.has(CACHE)) ? await caches.open(CACHE) : null;
  const cached = new Set(cache ? (await cache.keys()).map((request) => request.url) : []);
  const saved = ENTRIES.filter((entry) => cached.has(entry.key));
  const bytes = (list) => list.reduce((total, entry) => total + entry.size, 0);
  return {
    type: "STATUS",
    version: BUILD.version,
    contentDate: BUILD.contentDate,
    files: ENTRIES.length,
    savedFiles: saved.length,
    bytes: bytes(ENTRIES),
    savedBytes: bytes(saved),
  };
}

function onMessage(event) {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "GET_STATUS") {
    const reply = event.ports[0] || event.source;
    event.waitUntil(status().then((message) => reply.postMessage(message)));
  }
}
