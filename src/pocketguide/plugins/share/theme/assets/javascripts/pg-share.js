// Pocket Guide: the Share dialog (pocketguide/share's partials/outreach.html). The dialog is a popover,
// so it opens without this script; the script adds the system share sheet (Web Share API)
// where the browser has it, and a Copy link button with a visible confirmation where not.
(function () {
  "use strict";

  var dialog = document.getElementById("pg-share");
  if (!dialog) {
    return;
  }
  var status = dialog.querySelector(".pg-share__status");
  var shareButton = dialog.querySelector(".pg-share__native");
  var copyButton = dialog.querySelector(".pg-share__copy");

  function shareData() {
    // The public address from the build; without site_url, the address in the address bar.
    var url = dialog.dataset.shareUrl || location.href.split("#")[0];
    return {
      title: dialog.dataset.shareTitle || document.title,
      text: dialog.dataset.shareText || "",
      url: url,
    };
  }

  function say(message) {
    status.textContent = message;
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "pg-share__scratch";
    dialog.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    dialog.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  function showCopy() {
    copyButton.hidden = false;
  }

  copyButton.addEventListener("click", function () {
    var url = shareData().url;
    copy(url).then(
      function () {
        say("Link copied. Paste it into a message or chat.");
      },
      function () {
        say("Could not copy. Press and hold the link below, then choose Copy.");
      },
    );
  });

  if (typeof navigator.share === "function") {
    shareButton.hidden = false;
    shareButton.addEventListener("click", function () {
      var data = shareData();
      if (typeof navigator.canShare === "function" && !navigator.canShare(data)) {
        showCopy();
        say("This browser cannot share this page. Use Copy link.");
        return;
      }
      navigator.share(data).then(
        function () {
          say("Shared.");
        },
        function (error) {
          if (error && error.name === "AbortError") {
            return; // The reader closed the share sheet.
          }
          showCopy();
          say("Sharing did not work. Use Copy link instead.");
        },
      );
    });
  } else {
    showCopy();
  }

  dialog.addEventListener("toggle", function () {
    say("");
  });

  // Browsers without popovers: open and close the dialog with a class instead.
  if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) {
    document.addEventListener("click", function (event) {
      var opener = event.target.closest("[popovertarget='pg-share']");
      if (opener) {
        dialog.classList.toggle("pg-share--open", opener.getAttribute("popovertargetaction") !== "hide");
        say("");
      }
    });
  }
})();
