// Pocket Guide: the Install button on the install help page. It appears only where the
// browser offers its own install prompt (the `beforeinstallprompt` event: Chrome, Edge and
// Samsung Internet on Android and desktop). Safari and Firefox never fire it, so there the page
// shows the steps only.
(function () {
  "use strict";

  var buttons = document.querySelectorAll("[data-pg-install]");
  var status = document.querySelector("[data-pg-install-status]");
  if (!buttons.length) {
    return; // Leave the browser's own install hints alone on every other page.
  }
  var offer = null;

  function show(visible) {
    buttons.forEach(function (button) {
      button.hidden = !visible;
    });
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  // The page's texts in the site's language (pocketguide/content/strings.py): a JSON block.
  function text(key) {
    var block = document.getElementById("pg-strings");
    try {
      return (block && JSON.parse(block.textContent)[key]) || key;
    } catch {
      return key;
    }
  }

  // "Installed. Look for <the name under the icon> on your home screen."
  function installed() {
    var meta = document.querySelector('meta[name="apple-mobile-web-app-title"]');
    var name = meta ? meta.getAttribute("content") : document.title;
    return text("installed").replace("{name}", name);
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offer = event;
    show(true);
  });

  window.addEventListener("appinstalled", function () {
    offer = null;
    show(false);
    say(installed());
  });

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      if (!offer) {
        return;
      }
      var prompt = offer;
      offer = null; // A prompt can be shown once only.
      show(false);
      prompt.prompt();
      prompt.userChoice.then(function (choice) {
        if (choice.outcome === "accepted") {
          say(installed());
        } else {
          say(text("not_installed"));
        }
      });
    });
  });
})();
