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

// "Send the whole guide" (pocketguide/share's send.py: in the dialog and on the outreach page).
// Without this script the block is a download link. With it, the one-file guide is read
// (from the offline copy when there is no signal: the service worker keeps it), named for the
// guide and its version, and handed to the phone's share sheet where the browser can share
// files (Bluetooth, Nearby Share, AirDrop); elsewhere it is saved under that name.
(function () {
  "use strict";

  var blocks = document.querySelectorAll(".pg-send[data-pg-send-file]");
  if (!blocks.length) {
    return;
  }
  // The edition's stamp, <meta name="generator" content="pocketguide edition <version>">.
  var STAMP = /<meta name="generator" content="pocketguide edition ([^"]+)">/;

  function canShareFiles() {
    if (typeof navigator.share !== "function" || typeof navigator.canShare !== "function") {
      return false;
    }
    try {
      var probe = new File(["<!doctype html>"], "guide.html", { type: "text/html" });
      return navigator.canShare({ files: [probe] });
    } catch {
      return false;
    }
  }

  // The page's texts in the site's language (pocketguide/content/strings.py): a JSON block.
  var texts = (function () {
    var block = document.getElementById("pg-strings");
    try {
      return (block && JSON.parse(block.textContent)) || {};
    } catch {
      return {};
    }
  })();

  // The text of ``key`` with its {slots} filled from ``values``.
  function t(key, values) {
    return (texts[key] || key).replace(/\{(\w+)\}/g, function (slot, name) {
      return values && name in values ? String(values[name]) : slot;
    });
  }

  function sizeOf(bytes) {
    return bytes < 1024 * 1024
      ? t("size_kb", { size: Math.max(1, Math.round(bytes / 1024)) })
      : t("size_mb", { size: (bytes / (1024 * 1024)).toFixed(1) });
  }

  blocks.forEach(function (block) {
    var url = new URL(block.dataset.pgSendFile, location.href).href;
    var stem = block.dataset.pgSendName || "guide";
    var shareButton = block.querySelector(".pg-send__share");
    var saveLink = block.querySelector(".pg-send__save");
    var status = block.querySelector(".pg-send__status");
    var reading = null;

    function say(message) {
      status.textContent = message;
    }

    // The file as a File named "<guide>-<version>.html"; read once, when first wanted.
    function guideFile() {
      if (!reading) {
        reading = fetch(url, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error("HTTP " + response.status);
            }
            return response.arrayBuffer();
          })
          .then(function (bytes) {
            var head = new TextDecoder().decode(bytes.slice(0, 4096));
            var stamp = STAMP.exec(head);
            var name = stem + (stamp ? "-" + stamp[1].replace(/[^A-Za-z0-9.-]+/g, "-") : "") + ".html";
            return new File([bytes], name, { type: "text/html" });
          });
        reading.catch(function () {
          reading = null; // no signal and not saved yet: the next tap tries again
        });
      }
      return reading;
    }

    function notSaved() {
      say(t("send_not_saved"));
    }

    function save(file) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = file.name;
      link.hidden = true;
      block.appendChild(link);
      link.click();
      block.removeChild(link);
      setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 60000);
      say(t("send_saved", { name: file.name, size: sizeOf(file.size) }));
    }

    saveLink.addEventListener("click", function (event) {
      event.preventDefault();
      guideFile().then(save, notSaved);
    });

    if (canShareFiles()) {
      shareButton.hidden = false;
      // Read it before the tap: the share sheet only opens soon after one.
      shareButton.addEventListener("pointerdown", guideFile);
      shareButton.addEventListener("focus", guideFile);
      shareButton.addEventListener("click", function () {
        guideFile().then(function (file) {
          if (!navigator.canShare({ files: [file] })) {
            say(t("send_cannot"));
            return;
          }
          navigator.share({ files: [file], title: document.title }).then(
            function () {
              say(t("send_sent", { name: file.name }));
            },
            function (error) {
              if (error && error.name !== "AbortError") {
                say(t("send_failed"));
              }
            },
          );
        }, notSaved);
      });
    }
  });
})();
