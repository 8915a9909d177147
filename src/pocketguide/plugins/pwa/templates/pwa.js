/* Pocket Guide: registers the service worker, offers updates, and tells the reader whether
 * the guide is saved for offline use. Settings come from this script tag's data attributes:
 *   data-sw     url of sw.js           data-scope  the site root
 *   data-mode   "register" | "unregister" (dev server, escape hatch)
 *   data-prefix cache name prefix (only caches with it are ever deleted)
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const settings = script ? script.dataset : {};
  const root = document.documentElement;

  function setState(state) {
    root.dataset.pgOffline = state;
  }

  function formatBytes(bytes) {
    if (bytes < 1024 * 1024) {
      return `${Math.max(1, Math.round(bytes / 1024))} KB`;
    }
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }

  function statusElement() {
    let element = document.querySelector("[data-pg-status]");
    if (!element) {
      element = document.createElement("p");
      element.className = "pg-status";
      element.dataset.pgStatus = "";
      element.setAttribute("role", "status");
      const footer = document.querySelector(".md-footer-meta__inner") || document.body;
      footer.appendChild(element);
    }
    return element;
  }

  function showStatus(text) {
    statusElement().textContent = text;
  }

  async function unregisterAll() {
    if ("serviceWorker" in navigator) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      const scope = new URL(settings.scope || "./", location.href).href;
      for (const registration of registrations) {
        if (registration.scope === scope) {
          await registration.unregister();
        }
      }
    }
    if ("caches" in self && settings.prefix) {
      for (const name of await caches.keys()) {
        if (name.startsWith(`${settings.prefix}-`)) {
          await caches.delete(name);
        }
      }
    }
    setState("off");
  }

  function askStatus(worker) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage({ type: "GET_STATUS" }, [channel.port2]);
    });
  }

  async function refreshStatus(registration) {
    const worker =
      navigator.serviceWorker.controller || registration.active || registration.installing;
    const status = worker ? await askStatus(worker) : null;
    if (!status) {
      setState("saving");
      showStatus("Saving the guide for offline use…");
      return false;
    }
    const dated = status.contentDate ? `, facts checked ${status.contentDate}` : "";
    const version = `version ${status.version}${dated}`;
    if (status.savedFiles === status.files && navigator.serviceWorker.controller) {
      setState("saved");
      showStatus(`Saved for offline use (${formatBytes(status.bytes)}, ${version}).`);
      return true;
    }
    setState("saving");
    showStatus(
      `Saving for offline use: ${status.savedFiles} of ${status.files} files ` +
        `(${formatBytes(status.savedBytes)} of ${formatBytes(status.bytes)}).`,
    );
    return false;
  }

  function watchStatus(registration) {
    let saved = false;
    const tick = async () => {
      saved = saved || (await refreshStatus(registration));
      if (!saved) {
        setTimeout(tick, 1000);
      }
    };
    tick();
    // The first install ends when the worker takes this page over: say so at once.
    navigator.serviceWorker.addEventListener("controllerchange", async () => {
      saved = saved || (await refreshStatus(registration));
    });
  }

  function offerUpdate(waiting) {
    if (document.querySelector(".pg-update")) {
      return;
    }
    const bar = document.createElement("div");
    bar.className = "pg-update";
    bar.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "A newer version of this guide is available.";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Update now";
    button.addEventListener("click", () => {
      button.disabled = true;
      button.textContent = "Updating…";
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
    const hadController = Boolean(navigator.serviceWorker.controller);
    let reloading = false;
    // A new version took over (after "Update now", here or in another tab): reload once so a
    // page never shows parts of two versions. The very first install needs no reload.
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (hadController && !reloading) {
        reloading = true;
        location.reload();
      }
    });
    if (hadController) {
      // Already saved: say so at once, without waiting behind the browser's update check.
      navigator.serviceWorker.ready.then(watchStatus);
    }
    const registration = await navigator.serviceWorker.register(settings.sw, {
      scope: settings.scope,
      updateViaCache: "none",
    });
    // No registration.update() here: every navigation to a page of the guide already makes
    // the browser check sw.js for a newer version (the spec's soft update).
    watchForUpdates(registration);
    if (!hadController) {
      watchStatus(registration);
    }
  }

  function explainOfflinePage() {
    const from = new URLSearchParams(location.search).get("from");
    const slot = document.querySelector("[data-pg-asked]");
    if (from && slot) {
      const link = document.createElement("a");
      link.href = from;
      link.textContent = from;
      slot.replaceChildren("You asked for ", link, ". Try again when you have signal.");
    }
  }

  explainOfflinePage();
  if (!("serviceWorker" in navigator)) {
    setState("unsupported");
    showStatus("This browser cannot save the guide for offline use.");
  } else if (settings.mode === "register") {
    // After "load": the worker's first install (a download and rebuilding every page) would
    // otherwise compete with the page's own start-up for the phone's processor.
    const start = () =>
      register().catch(() => {
        setState("error");
        showStatus("The guide could not be saved for offline use. It will try again next visit.");
      });
    if (document.readyState === "complete") {
      start();
    } else {
      window.addEventListener("load", start, { once: true });
    }
  } else {
    unregisterAll();
  }
})();
