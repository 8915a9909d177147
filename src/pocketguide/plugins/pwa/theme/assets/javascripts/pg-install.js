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

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offer = event;
    show(true);
  });

  window.addEventListener("appinstalled", function () {
    offer = null;
    show(false);
    say("Installed. Look for Pocket Guide on your home screen.");
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
          say("Installed. Look for Pocket Guide on your home screen.");
        } else {
          say("Not installed. You can install it later from the browser menu.");
        }
      });
    });
  });
})();
