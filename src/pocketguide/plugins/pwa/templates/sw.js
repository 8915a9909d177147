/* Pocket Guide service worker.
 *
 * Written by the pocketguide/pwa plugin: the build replaces only the BUILD line below with the
 * precache list ({url, revision, size} per file, sorted), the chunk table and a few settings.
 *
 * How versions work (the Workbox model, kept small):
 * - One cache per scope. Every file is stored under "url?__pg=<revision>", its revision being
 *   the start of the SHA-256 of its bytes, even a file whose name carries a hash. Each worker
 *   knows only the keys of its own build, so an old worker keeps serving its own version while
 *   a new one installs.
 * - Nothing is stored unchecked: every body must hash to its revision and come from this
 *   scope (not through a redirect to another origin). A Wi-Fi login page or a host's "not
 *   found" page sent with status 200 is refused like a 404.
 * - Install first re-checks what the cache already holds (and deletes what fails), then gets
 *   only the keys that are missing, and fails as a whole if any file fails: the old version
 *   stays in charge, open pages are told why, and the next visit retries, reusing what was
 *   already fetched. The worker in charge re-checks the whole cache once a day as well (when
 *   a page asks for the status line) and fetches again whatever failed.
 * - The new worker waits until the reader taps "Update" (message SKIP_WAITING). On activation
 *   it deletes the keys no longer listed and only our own older caches for this scope.
 *
 * How install saves data (pocketguide/pwa/chunks.py cuts the files):
 * - The pack of every page chunk is fetched first when many of its chunks are missing (a first
 *   visit, a change to every page); meanwhile a file the page has just loaded is taken from the
 *   browser's HTTP cache, if its bytes match.
 * - Pages and the search index are rebuilt from chunks: those of the files already cached (each
 *   lists its chunks in an X-Pg-Chunks header), the pack, else the missing chunks one by one.
 * - Anything else, or anything that does not rebuild to its revision, is downloaded whole.
 *
 * Files kept for later (BUILD.later, pwa's precache_later: the one-file edition a reader passes
 * on) are not part of the first save, so they never slow it down or fail it. Once every other
 * file is saved, the worker in charge fetches them whole, at low priority, checked against
 * their revision like every other file, into the same cache; a failure is retried on the next
 * page view. The status line says when they are ready.
 */
"use strict";

const BUILD = "__POCKETGUIDE_BUILD__";

const SCOPE = self.registration.scope;
// The site root: the files' URLs are relative to it. A language in its own folder (es/) has
// its own worker there, and shares the theme files at the root with the other languages.
const ROOT = new URL(BUILD.root || "./", SCOPE).href;
const CACHE = `${BUILD.cachePrefix}-precache-v1-${SCOPE}`;
const PARALLEL_DOWNLOADS = 6;
// A file that lacks more chunks than this, and would not get them from the pack, comes whole.
const MAX_SINGLE_CHUNKS = 8;
// Past this many missing page chunks, one pack costs less than a request for each.
const PACK_AFTER_CHUNKS = 16;
const CHUNK_HEADER = "X-Pg-Chunks";
// The worker in charge re-checks every cached body against its revision this often.
const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

const CHUNKS = BUILD.chunks || { dir: "", ids: [], sizes: [], pack: null };
const CHUNK_SIZE = new Map(CHUNKS.ids.map((id, index) => [id, CHUNKS.sizes[index]]));
const PACKED = CHUNKS.pack ? CHUNKS.ids.slice(0, CHUNKS.pack.count) : [];
const ENTRIES = BUILD.entries.map((entry) => {
  const url = new URL(entry.url, ROOT).href;
  const key = `${url}?__pg=${entry.revision}`;
  const chunks = entry.chunks ? entry.chunks.map((index) => CHUNKS.ids[index]) : null;
  return { url, key, revision: entry.revision, size: entry.size, type: entry.type, chunks };
});
const LATER = (BUILD.later || []).map((entry) => {
  const url = new URL(entry.url, ROOT).href;
  return { url, key: `${url}?__pg=${entry.revision}`, revision: entry.revision, size: entry.size };
});
const KEY_FOR_URL = new Map([...ENTRIES, ...LATER].map((entry) => [entry.url, entry.key]));
const OFFLINE_URL = new URL(BUILD.offlinePage, ROOT).href;
// When the cache was last checked whole, kept in the cache itself: {"time": <ms>}.
const CHECKED_KEY = `${SCOPE}?__pg-checked`;

// Only "<prefix>-<kind>-<this scope>", kind like "precache-v1": never the caches of another
// app, another tool or another copy of the guide on the same origin.
function isOurCache(name) {
  const head = `${BUILD.cachePrefix}-`;
  const tail = `-${SCOPE}`;
  return (
    name.startsWith(head) &&
    name.endsWith(tail) &&
    /^[a-z]+(?:-v[0-9]+)?$/.test(name.slice(head.length, name.length - tail.length))
  );
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
  self.addEventListener("install", (event) => event.waitUntil(install()));
  self.addEventListener("activate", (event) => event.waitUntil(activate()));
  self.addEventListener("fetch", onFetch);
  self.addEventListener("message", onMessage);
}

/* ---- install: get what is missing, all or nothing ---- */

async function sha256Prefix(buffer, length) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"));
  return hex.join("").slice(0, length);
}

async function matches(entry, body) {
  return (await sha256Prefix(body, entry.revision.length)) === entry.revision;
}

// A response is ours only if it is this scope's own file: no redirect to another origin (the
// requests also say mode "same-origin", so the browser refuses one), nothing from outside.
function fromOurScope(response) {
  return response.ok && response.type === "basic" && response.url.startsWith(ROOT);
}

async function store(cache, entry, body, type) {
  const headers = new Headers();
  if (type) {
    headers.set("Content-Type", type);
  }
  if (entry.chunks) {
    const sizes = entry.chunks.map((id) => `${id}:${CHUNK_SIZE.get(id)}`);
    headers.set(CHUNK_HEADER, sizes.join(" "));
  }
  await cache.put(entry.key, new Response(body, { status: 200, headers }));
}

async function inParallel(items, task) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
}

// The page that registered this worker has just loaded its styles, scripts and the search
// index: take them from the HTTP cache (no request at all), if they are this version's bytes.
async function fromHttpCache(cache, entry) {
  try {
    const response = await fetch(entry.url, {
      cache: "only-if-cached",
      mode: "same-origin",
      credentials: "same-origin",
    });
    const body = fromOurScope(response) ? await response.arrayBuffer() : null;
    if (body && (await matches(entry, body))) {
      await store(cache, entry, body, response.headers.get("Content-Type"));
      return true;
    }
  } catch {
    // not in the HTTP cache
  }
  return false;
}

// Check every cached body against the revision in its key (this version's files and an older
// version's alike) and delete each one that fails. Return the chunks of the files that pass,
// from the X-Pg-Chunks header of each. One read of the cache, about 1 MB hashed.
async function checkCache(cache) {
  const held = new Map();
  for (const request of await cache.keys()) {
    const revision = new URL(request.url).searchParams.get("__pg");
    const response = revision ? await cache.match(request) : null;
    const body = response ? new Uint8Array(await response.arrayBuffer()) : null;
    if (body && (await sha256Prefix(body, revision.length)) !== revision) {
      await cache.delete(request);
    } else if (body && response.headers.get(CHUNK_HEADER)) {
      let offset = 0;
      for (const item of response.headers.get(CHUNK_HEADER).split(" ")) {
        const [id, size] = item.split(":");
        held.set(id, body.subarray(offset, offset + Number(size)));
        offset += Number(size);
      }
    }
  }
  return held;
}

async function markChecked(cache) {
  const body = JSON.stringify({ time: Date.now() });
  const headers = { "Content-Type": "application/json" };
  await cache.put(CHECKED_KEY, new Response(body, { headers }));
}

// A failed pack or chunk is not an error: the files that needed it are downloaded whole.
async function fetchChunks(url, ids, held) {
  try {
    const response = await fetch(new URL(url, ROOT).href, {
      mode: "same-origin",
      credentials: "same-origin",
    });
    if (!fromOurScope(response)) {
      return;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    let offset = 0;
    for (const id of ids) {
      held.set(id, body.subarray(offset, offset + CHUNK_SIZE.get(id)));
      offset += CHUNK_SIZE.get(id);
    }
  } catch {
    // offline or interrupted
  }
}

function bytesOf(ids) {
  return ids.reduce((total, id) => total + CHUNK_SIZE.get(id), 0);
}

// The pack, when many of its chunks are wanted (a first visit, or a change to every page).
async function fetchPackIfWorthIt(entries, held) {
  const wanted = new Set(entries.flatMap((entry) => entry.chunks || []));
  const missing = PACKED.filter((id) => wanted.has(id) && !held.has(id));
  if (missing.length > PACK_AFTER_CHUNKS || bytesOf(missing) * 2 > bytesOf(PACKED)) {
    await fetchChunks(CHUNKS.pack.url, PACKED, held);
  }
}

// Rebuild ``entries`` from ``held`` chunks and single chunk files; return the ones that must be
// downloaded whole.
async function rebuild(cache, entries, held) {
  const lacking = (entry) => entry.chunks.filter((id) => !held.has(id));
  const whole = entries.filter((entry) => lacking(entry).length > MAX_SINGLE_CHUNKS);
  const single = new Set(entries.filter((entry) => !whole.includes(entry)).flatMap(lacking));
  await inParallel(single, (id) => fetchChunks(`${CHUNKS.dir}${id}.txt`, [id], held));
  const rebuilt = entries.filter((entry) => !whole.includes(entry));
  await inParallel(rebuilt, async (entry) => {
    const parts = entry.chunks.map((id) => held.get(id));
    const body = parts.every(Boolean) ? await new Blob(parts).arrayBuffer() : null;
    if (body && (await matches(entry, body))) {
      await store(cache, entry, body, entry.type);
    } else {
      whole.push(entry);
    }
  });
  return whole;
}

// The whole file. "no-cache" revalidates with the server, so a stale or poisoned HTTP cache
// (a login page kept "immutable" for a year) cannot hand us wrong bytes. This is the one step
// whose failure fails the install.
async function download(cache, entry, priority = "auto") {
  const response = await fetch(entry.url, {
    cache: "no-cache",
    mode: "same-origin",
    credentials: "same-origin",
    priority,
  });
  if (!fromOurScope(response)) {
    throw new Error(`${entry.url}: HTTP ${response.status} from ${response.url}`);
  }
  const body = await response.arrayBuffer();
  if (!(await matches(entry, body))) {
    throw new Error(`${entry.url}: its bytes do not match revision ${entry.revision}`);
  }
  await store(cache, entry, body, response.headers.get("Content-Type"));
}

// Get every entry the cache lacks; ``held`` are the chunks of the files it holds.
async function fill(cache, held) {
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const missing = ENTRIES.filter((entry) => !cached.has(entry.key));
  // The pack is the big download: start it first, and look in the HTTP cache meanwhile.
  const packing = fetchPackIfWorthIt(missing, held);
  const found = await Promise.all(missing.map((entry) => fromHttpCache(cache, entry)));
  await packing;
  const rest = missing.filter((entry, index) => !found[index]);
  const whole = await rebuild(
    cache,
    rest.filter((entry) => entry.chunks),
    held,
  );
  await inParallel([...rest.filter((entry) => !entry.chunks), ...whole], (entry) =>
    download(cache, entry),
  );
}

let installing = false;

async function install() {
  installing = true;
  try {
    const cache = await caches.open(CACHE);
    await fill(cache, await checkCache(cache));
    await markChecked(cache);
  } catch (error) {
    // Open pages say that the guide could not be saved, and why; the next visit tries again.
    const reason = error && error.name === "QuotaExceededError" ? "space" : "download";
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      client.postMessage({ type: "INSTALL_FAILED", reason, bytes: totalBytes(ENTRIES) });
    }
    throw error;
  } finally {
    installing = false;
  }
}

/* ---- the worker in charge: a daily check, and repair ---- */

let repairing = null;
let repairFailed = false;

// Called for a page's first status request, after it has loaded (so at most once per page
// view). At most once a day, re-check the whole cache; then fetch again anything missing, in
// the background so that the answer is quick.
async function checkAndRepair(event) {
  // caches.has first: the escape hatch (or the reader) may have deleted the cache on purpose.
  if (installing || repairing || !(await caches.has(CACHE))) {
    return;
  }
  const cache = await caches.open(CACHE);
  const marker = await cache.match(CHECKED_KEY);
  const checked = marker ? await marker.json().then((note) => Number(note.time) || 0, () => 0) : 0;
  const held = Date.now() - checked >= CHECK_EVERY_MS ? await checkCache(cache) : null;
  if (held) {
    await markChecked(cache);
  }
  const cached = new Set((await cache.keys()).map((request) => request.url));
  if (ENTRIES.every((entry) => cached.has(entry.key))) {
    repairFailed = false;
    return;
  }
  repairFailed = false; // trying again: "saving" until this try ends
  repairing = (async () => fill(cache, held || (await checkCache(cache))))()
    .then(() => {
      repairFailed = false;
    })
    .catch(() => {
      repairFailed = true;
    })
    .finally(() => {
      repairing = null;
    });
  event.waitUntil(repairing);
}

/* ---- files kept for later: after the guide is saved, at low priority ---- */

let fetchingLater = null;
let laterFailed = false;

// Called for every status request of an open page: starts the download of what is missing,
// once every file of the first save is in the cache, if none is under way.
function fetchLaterIfDue(event, cache, cached) {
  const missing = LATER.filter((entry) => !cached.has(entry.key));
  const saved = ENTRIES.every((entry) => cached.has(entry.key));
  if (!missing.length || !saved || installing || repairing || fetchingLater || !cache) {
    return;
  }
  laterFailed = false;
  fetchingLater = (async () => {
    for (const entry of missing) {
      await download(cache, entry, "low");
    }
  })()
    .catch(() => {
      laterFailed = true; // no signal, say: the next page view tries again
    })
    .finally(() => {
      fetchingLater = null;
    });
  event.waitUntil(fetchingLater);
}

/* ---- activate: drop what this version does not list ---- */

async function activate() {
  const cache = await caches.open(CACHE);
  const wanted = new Set([...ENTRIES, ...LATER].map((entry) => entry.key));
  wanted.add(CHECKED_KEY);
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
  // caches.match, not caches.open: opening a cache the escape hatch (or the reader) has just
  // deleted would create it again, empty, and it would outlive this worker.
  const hit = await caches.match(key, { cacheName: CACHE });
  return hit || fetch(request);
}

async function networkOrOfflinePage(request) {
  try {
    return await fetch(request);
  } catch {
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
  if (!url.href.startsWith(ROOT)) {
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

function totalBytes(list) {
  return list.reduce((total, entry) => total + entry.size, 0);
}

async function status(event) {
  if (event.data.repair) {
    await checkAndRepair(event);
  }
  // caches.has first: opening a deleted cache would create it again, empty.
  const cache = (await caches.has(CACHE)) ? await caches.open(CACHE) : null;
  const cached = new Set(cache ? (await cache.keys()).map((request) => request.url) : []);
  const saved = ENTRIES.filter((entry) => cached.has(entry.key));
  fetchLaterIfDue(event, cache, cached);
  const savedLater = LATER.filter((entry) => cached.has(entry.key));
  return {
    type: "STATUS",
    version: BUILD.version,
    contentDate: BUILD.contentDate,
    files: ENTRIES.length,
    savedFiles: saved.length,
    bytes: totalBytes(ENTRIES),
    savedBytes: totalBytes(saved),
    // Some files failed the check and could not be fetched again (no signal, say).
    repairFailed: repairFailed && saved.length < ENTRIES.length,
    // Files kept for later: how many, how many are saved, and whether the last try failed.
    later: LATER.length,
    savedLater: savedLater.length,
    laterBytes: totalBytes(LATER),
    laterFailed: laterFailed && !fetchingLater && savedLater.length < LATER.length,
  };
}

function onMessage(event) {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "GET_STATUS") {
    const reply = event.ports[0] || event.source;
    event.waitUntil(status(event).then((message) => reply.postMessage(message)));
  }
}
