/* Pocket Guide: registers the service worker, offers updates, and tells the reader whether
 * the guide is saved for offline use. Settings come from this script tag's data attributes:
 *   data-sw     url of sw.js           data-scope  the site root
 *   data-mode   "register" | "unregister" (dev server, escape hatch)
 *   data-prefix cache name prefix (only caches with it, for this scope, are ever deleted)
 *   data-languages the site's other languages: [{code, name, label, sw, scope}] (may be absent)
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const settings = script ? script.dataset : {};
  const root = document.documentElement;
  const scope = new URL(settings.scope || "./", location.href).href;

  // The texts in the site's language: a JSON block of the page (pocketguide/content/strings.py).
  const strings = (() => {
    const block = document.getElementById("pg-strings");
    try {
      return block ? JSON.parse(block.textContent) : {};
    } catch {
      return {};
    }
  })();

  // The text of ``key`` with its {slots} filled from ``values``.
  function t(key, values) {
    return (strings[key] || key).replace(/\{(\w+)\}/g, (slot, name) =>
      values && name in values ? String(values[name]) : slot,
    );
  }

  function setState(state) {
    root.dataset.pgOffline = state;
  }

  function formatBytes(bytes) {
    if (bytes < 1024 * 1024) {
      return t("size_kb", { size: Math.max(1, Math.round(bytes / 1024)) });
    }
    return t("size_mb", { size: (bytes / (1024 * 1024)).toFixed(1) });
  }

  // The line of text marked with data-<name> (``key``, its dataset name), made on first use:
  // appended to (or, with ``first``, put at the top of) the element ``where`` selects.
  function messageLine(key, role, className, where, first) {
    let element = document.querySelector(`[data-${key.replace(/[A-Z]/g, "-$&").toLowerCase()}]`);
    if (!element) {
      element = document.createElement("p");
      element.className = className;
      element.dataset[key] = "";
      element.setAttribute("role", role);
      const place = document.querySelector(where) || document.body;
      if (first) {
        place.prepend(element);
      } else {
        place.appendChild(element);
      }
    }
    return element;
  }

  function statusElement() {
    return messageLine("pgStatus", "status", "pg-status", ".md-footer-meta__inner", false);
  }

  function showStatus(text) {
    statusElement().textContent = text;
  }

  // The service worker's rule: only "<prefix>-<kind>-<this scope>", kind like "precache-v1".
  // Never the caches of another app, another tool or another copy of the guide on this origin.
  function isOurCache(name) {
    const head = `${settings.prefix}-`;
    const tail = `-${scope}`;
    return (
      name.startsWith(head) &&
      name.endsWith(tail) &&
      /^[a-z]+(?:-v[0-9]+)?$/.test(name.slice(head.length, name.length - tail.length))
    );
  }

  async function unregisterAll() {
    if ("serviceWorker" in navigator) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      for (const registration of registrations) {
        if (registration.scope === scope) {
          await registration.unregister();
        }
      }
    }
    if ("caches" in self && settings.prefix) {
      for (const name of await caches.keys()) {
        if (isOurCache(name)) {
          await caches.delete(name);
        }
      }
    }
    setState("off");
  }

  // ``repair``: the worker may check the saved files and fetch again what is missing (asked
  // once per page view, by the first status request).
  function askStatus(worker, repair) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage({ type: "GET_STATUS", repair }, [channel.port2]);
    });
  }

  /* ---- keeping the copy: ask the browser not to clear it when space runs low ---- */

  // Whether this page loaded before the guide was saved, so it sees the first save complete.
  let firstSave = false;

  // Ask after the first complete save, and again whenever the guide runs as an installed app;
  // nothing is stored to remember it. Chromium answers without a prompt (yes for installed or
  // often used sites); Firefox asks the reader once. Returns true (kept), false (may be
  // cleared) or null (the browser cannot say).
  let kept;
  async function keepCopy() {
    const storage = navigator.storage;
    if (kept !== undefined) {
      return kept;
    }
    kept = null;
    if (storage && storage.persisted && storage.persist) {
      try {
        kept = await storage.persisted();
        const installed = window.matchMedia("(display-mode: standalone)").matches;
        if (!kept && (firstSave || installed)) {
          kept = await storage.persist();
        }
      } catch {
        kept = null;
      }
    }
    root.dataset.pgKept = kept === null ? "unknown" : kept ? "yes" : "no";
    return kept;
  }

  function keptSentence(isKept) {
    if (isKept === true) {
      return ` ${t("kept")}`;
    }
    if (isKept === false) {
      return ` ${t("may_clear")}`;
    }
    return "";
  }

  /* ---- files kept for later: the one-file guide to pass on ---- */

  // A second line under the status line; data-pg-send on <html>: "saving", "ready" or
  // "failed" (the tests read it).
  function showLater(status) {
    if (!status.later) {
      return;
    }
    let line = document.querySelector("[data-pg-send-status]");
    if (!line) {
      line = document.createElement("p");
      line.className = "pg-status";
      line.dataset.pgSendStatus = "";
      line.setAttribute("role", "status");
      statusElement().after(line);
    }
    if (status.savedLater === status.later) {
      root.dataset.pgSend = "ready";
      line.textContent = t("send_kept");
    } else if (status.laterFailed) {
      root.dataset.pgSend = "failed";
      line.textContent = t("send_keep_failed");
    } else {
      root.dataset.pgSend = "saving";
      line.textContent = t("send_keeping", { size: formatBytes(status.laterBytes) });
    }
  }

  /* ---- the status line ---- */

  // Why the first save failed, as the service worker said: {reason: "space"|"download", bytes}.
  let failure = null;

  function firstSaveFailed(registration) {
    return (
      !navigator.serviceWorker.controller &&
      !registration.installing &&
      !registration.waiting &&
      !registration.active
    );
  }

  function showFailure() {
    setState("error");
    const why =
      failure && failure.reason === "space"
        ? t("failed_space", { size: formatBytes(failure.bytes) })
        : t("failed_download");
    showStatus(t("failed", { why }));
  }

  // Shows the status line; returns true once there is nothing more to wait for.
  async function refreshStatus(registration, repair) {
    if (firstSaveFailed(registration)) {
      showFailure();
      return true;
    }
    const worker =
      navigator.serviceWorker.controller || registration.active || registration.installing;
    const status = worker ? await askStatus(worker, repair) : null;
    if (!status) {
      setState("saving");
      showStatus(t("saving"));
      return false;
    }
    const version = status.contentDate
      ? t("version_dated", { version: status.version, date: status.contentDate })
      : t("version", { version: status.version });
    // Saved once a worker is in charge (this page may be the one a hard reload left without).
    const inCharge = navigator.serviceWorker.controller || registration.active;
    if (status.savedFiles === status.files && inCharge) {
      const saved = t("saved", { size: formatBytes(status.bytes), version });
      const isKept = await keepCopy();
      setState("saved");
      showStatus(saved + keptSentence(isKept));
      showLater(status);
      // Keep asking until the files kept for later are saved too (or their try failed).
      return !status.later || status.savedLater === status.later || status.laterFailed;
    }
    const counted = t("counted", {
      saved: status.savedFiles,
      files: status.files,
      saved_size: formatBytes(status.savedBytes),
      size: formatBytes(status.bytes),
    });
    if (status.repairFailed) {
      // Some saved files failed their check and could not be fetched again.
      setState("incomplete");
      showStatus(t("incomplete", { counted }));
      return true;
    }
    setState("saving");
    showStatus(t("progress", { counted }));
    return false;
  }

  function watchStatus(registration) {
    let done = false;
    let first = true;
    const tick = async () => {
      done = done || (await refreshStatus(registration, first));
      first = false;
      if (!done) {
        setTimeout(tick, 1000);
      }
    };
    tick();
    // The first install ends when the worker takes this page over: say so at once.
    navigator.serviceWorker.addEventListener("controllerchange", async () => {
      done = (await refreshStatus(registration, false)) || done;
    });
    // ...or it fails: say so at once too, without waiting for the next tick.
    const installing = registration.installing;
    if (installing) {
      installing.addEventListener("statechange", () => {
        if (installing.state === "redundant" && firstSaveFailed(registration)) {
          done = true;
          showFailure();
        }
      });
    }
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "INSTALL_FAILED") {
        failure = event.data;
        if (root.dataset.pgOffline === "error") {
          showFailure(); // the reason arrived after the failure was shown
        }
      }
    });
    navigator.serviceWorker.startMessages();
  }

  function offerUpdate(waiting) {
    if (document.querySelector(".pg-update")) {
      return;
    }
    const bar = document.createElement("div");
    bar.className = "pg-update";
    bar.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = t("update_available");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = t("update_now");
    button.addEventListener("click", () => {
      button.disabled = true;
      button.textContent = t("updating");
      waiting.postMessage({ type: "SKIP_WAITING" });
    });
    bar.append(text, button);
    document.body.appendChild(bar);
    root.dataset.pgUpdate = "available";
  }

  function watchForUpdates(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) {
      offerUpdate(registration.waiting);
    }
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing.addEventListener("statechange", () => {
        if (installing.state === "installed" && navigator.serviceWorker.controller) {
          offerUpdate(installing);
        }
      });
    });
    // A guide left open in the background checks again when the reader comes back to it.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        registration.update().catch(() => {});
      }
    });
  }

  async function register() {
    const loadedWith = navigator.serviceWorker.controller;
    firstSave = !loadedWith;
    if (loadedWith) {
      // Already saved: say so at once, without waiting behind the browser's update check.
      navigator.serviceWorker.ready.then(watchStatus);
    }
    const registration = await navigator.serviceWorker.register(settings.sw, {
      scope: settings.scope,
      updateViaCache: "none",
    });
    // The worker of this page's own version: the one in charge when it loaded, or, for a page
    // loaded before the guide was saved, the one installing now (it was fetched just after the
    // page). When any other worker takes over (after "Update now", here or in another tab),
    // reload once so a page never shows parts of two versions, such as an old page searching
    // a new index. The very first install needs no reload.
    const pageWorker =
      loadedWith || registration.installing || registration.waiting || registration.active;
    let reloading = false;
    const onControllerChange = () => {
      const controller = navigator.serviceWorker.controller;
      if (controller && controller !== pageWorker && !reloading) {
        reloading = true;
        location.reload();
      }
    };
    navigator.serviceWorker.addEventListener("controllerchange", onControllerChange);
    onControllerChange(); // a change while register() was under way
    // No registration.update() here: every navigation to a page of the guide already makes
    // the browser check sw.js for a newer version (the spec's soft update).
    watchForUpdates(registration);
    if (!loadedWith) {
      watchStatus(registration);
    }
  }

  // ?from= names the page that was asked for. The service worker only ever writes a path of
  // this site there, but anyone can write anything into a link to this page: only a path inside
  // the guide becomes a link; anything else (another site, "javascript:") is left out.
  function askedPath(from) {
    if (!from || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\")) {
      return null;
    }
    let asked;
    try {
      asked = new URL(from, location.origin);
    } catch {
      return null;
    }
    if (asked.origin !== location.origin || !asked.href.startsWith(scope)) {
      return null;
    }
    return asked.pathname + asked.search;
  }

  function explainOfflinePage() {
    const slot = document.querySelector("[data-pg-asked]");
    const path = askedPath(new URLSearchParams(location.search).get("from"));
    if (path && slot) {
      const link = document.createElement("a");
      link.href = path;
      link.textContent = path;
      const [before, after] = t("asked").split("{link}");
      slot.replaceChildren(before, link, after === undefined ? "" : after);
    }
  }

  /* ---- the guide's other languages: each saved on its own, switched to offline ---- */

  // [{code, name, label, sw, scope}] from data-languages (label: its name in this page's
  // language, for sentences): the site's other languages, each with its
  // own worker in its own folder. A phone saves the language it reads; the reader may ask
  // for another one too.
  const otherLanguages = (() => {
    try {
      return JSON.parse(settings.languages || "[]");
    } catch {
      return [];
    }
  })();

  // A short message at the top of the page, where the reader is looking after a tap.
  function showNotice(text) {
    const notice = messageLine(
      "pgLanguageNotice",
      "alert",
      "pg-status pg-notice",
      ".md-content__inner",
      true,
    );
    notice.textContent = text;
    notice.scrollIntoView({ block: "nearest" });
  }

  async function reachable(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 4000);
    try {
      const response = await fetch(url, {
        method: "HEAD",
        cache: "no-store",
        signal: controller.signal,
      });
      return response.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  // The language switcher's links (hreflang): open the page in the other language when this
  // phone has it saved or the network answers; otherwise say so plainly and stay here.
  // Whether this phone holds the page at ``url`` in any guide's cache. Files are stored as
  // "x/index.html?__pg=<revision>", while the switcher links to "x/".
  async function savedHere(url) {
    if (!("caches" in self)) {
      return false;
    }
    const page = new URL(url);
    const bare = page.origin + page.pathname;
    const forms = bare.endsWith("/") ? [bare, `${bare}index.html`] : [bare];
    for (const form of forms) {
      if (await caches.match(form, { ignoreSearch: true })) {
        return true;
      }
    }
    return false;
  }

  async function switchLanguage(event, link) {
    event.preventDefault();
    const url = new URL(link.href, location.href).href;
    if ((await savedHere(url)) || (await reachable(url))) {
      location.href = url;
      return;
    }
    const known = otherLanguages.find((other) => other.code === link.hreflang);
    const language = known ? known.label : link.textContent.trim() || link.hreflang;
    root.dataset.pgLanguage = "missing";
    showNotice(t("language_missing", { language }));
  }

  function watchLanguageLinks() {
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a[hreflang]");
      if (link && link.hreflang !== document.documentElement.lang && !event.defaultPrevented) {
        switchLanguage(event, link);
      }
    });
  }

  async function isSaved(language) {
    const scopeUrl = new URL(language.scope, location.href).href;
    const registration = await navigator.serviceWorker.getRegistration(scopeUrl);
    return Boolean(registration && registration.scope === scopeUrl && registration.active);
  }

  // One button per language not saved on this phone, under the status line.
  async function offerLanguages() {
    for (const language of otherLanguages) {
      if (await isSaved(language)) {
        continue;
      }
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pg-save-language";
      button.dataset.pgSaveLanguage = language.code;
      button.textContent = t("language_save", { language: language.label });
      button.addEventListener("click", () => saveLanguage(language, button));
      statusElement().after(button);
    }
  }

  async function saveLanguage(language, button) {
    button.disabled = true;
    button.textContent = t("language_saving", { language: language.label });
    try {
      const registration = await navigator.serviceWorker.register(language.sw, {
        scope: language.scope,
        updateViaCache: "none",
      });
      const worker = registration.installing || registration.waiting || registration.active;
      await new Promise((resolve, reject) => {
        const settle = () => {
          if (worker.state === "activated") {
            resolve();
          } else if (worker.state === "redundant") {
            reject(new Error("redundant"));
          }
        };
        worker.addEventListener("statechange", settle);
        settle();
      });
      button.textContent = t("language_saved", { language: language.label });
      root.dataset.pgSavedLanguage = language.code;
    } catch {
      button.disabled = false;
      button.textContent = t("language_failed", { language: language.label });
    }
  }

  explainOfflinePage();
  if (otherLanguages.length) {
    watchLanguageLinks();
  }
  if (!("serviceWorker" in navigator)) {
    setState("unsupported");
    showStatus(t("unsupported"));
  } else if (settings.mode === "register") {
    // After "load": the worker's first install (a download and rebuilding every page) would
    // otherwise compete with the page's own start-up for the phone's processor.
    const start = () =>
      register().catch(() => {
        setState("error");
        showStatus(t("register_failed"));
      });
    if (document.readyState === "complete") {
      start();
    } else {
      window.addEventListener("load", start, { once: true });
    }
    if (otherLanguages.length) {
      navigator.serviceWorker.ready.then(offerLanguages).catch(() => {});
    }
  } else {
    unregisterAll();
  }
})();
