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

  // The page's texts in the site's language (pocketguide/content/strings.py): a JSON block.
  function pageText(key) {
    var block = document.getElementById("pg-strings");
    try {
      return (block && JSON.parse(block.textContent)[key]) || key;
    } catch {
      return key;
    }
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
        say(pageText("link_copied"));
      },
      function () {
        say(pageText("copy_failed"));
      },
    );
  });

  if (typeof navigator.share === "function") {
    shareButton.hidden = false;
    shareButton.addEventListener("click", function () {
      var data = shareData();
      if (typeof navigator.canShare === "function" && !navigator.canShare(data)) {
        showCopy();
        say(pageText("cannot_share"));
        return;
      }
      navigator.share(data).then(
        function () {
          say(pageText("shared"));
        },
        function (error) {
          if (error && error.name === "AbortError") {
            return; // The reader closed the share sheet.
          }
          showCopy();
          say(pageText("share_failed"));
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
