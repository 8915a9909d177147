// Pocket Guide: "Text the emergency steps" (the data:sms-emergency marker). The link works
// without this script: its draft lists the main numbers. The script picks the text for the
// phone's country (the region of its language, en-GB -> GB) and says how many SMS it takes.
// The counting is pure and runs in node too (tests/js/sms.test.js); pocketguide/content/sms.py
// counts the same way at build time.
(function () {
  "use strict";

  // GSM 03.38: the default alphabet (one septet each) and its extension table (two).
  var GSM_BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var GSM_EXTENDED = "\f^{}\\[~]|€";

  // How many SMS carry characters of these widths: one SMS up to ``single`` units, else parts
  // of ``perPart`` (the rest of each part joins them); a character never straddles two parts.
  function parts(widths, single, perPart) {
    var total = widths.reduce(function (sum, width) {
      return sum + width;
    }, 0);
    if (total <= single) {
      return { units: total, segments: total ? 1 : 0 };
    }
    var count = 1;
    var used = 0;
    widths.forEach(function (width) {
      if (used + width > perPart) {
        count += 1;
        used = 0;
      }
      used += width;
    });
    return { units: total, segments: count };
  }

  // {encoding: "gsm-7"|"ucs-2", units, segments} of ``text``, as a phone sends it.
  function segments(text) {
    var chars = Array.from(text); // code points: an emoji is one, two UTF-16 units wide
    var gsm = chars.every(function (char) {
      return GSM_BASIC.indexOf(char) !== -1 || GSM_EXTENDED.indexOf(char) !== -1;
    });
    var counted = gsm
      ? parts(
          chars.map(function (char) {
            return GSM_EXTENDED.indexOf(char) === -1 ? 1 : 2;
          }),
          160,
          153,
        )
      : parts(
          chars.map(function (char) {
            return char.length;
          }),
          70,
          67,
        );
    return { encoding: gsm ? "gsm-7" : "ucs-2", units: counted.units, segments: counted.segments };
  }

  // The region a language tag names ("en-GB" -> "GB", "zh-Hant-TW" -> "TW"), or "".
  function region(tag) {
    var found = String(tag)
      .split(/[-_]/)
      .slice(1)
      .filter(function (part) {
        return /^[A-Za-z]{2}$/.test(part);
      });
    return found.length ? found[0].toUpperCase() : "";
  }

  // The text for the first of ``languages`` whose region the data knows; else the fallback.
  function pickText(data, languages) {
    for (var i = 0; i < languages.length; i += 1) {
      var code = data.regions[region(languages[i])];
      if (code && data.texts[code]) {
        return data.texts[code];
      }
    }
    return data.texts[""];
  }

  function smsHref(text) {
    return "sms:?body=" + encodeURIComponent(text);
  }

  var api = { segments: segments, region: region, pickText: pickText, smsHref: smsHref };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
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

  var languages = navigator.languages && navigator.languages.length
    ? navigator.languages
    : [navigator.language || ""];
  document.querySelectorAll("a.pg-sms__link[data-pg-sms]").forEach(function (link) {
    var data;
    try {
      data = JSON.parse(link.dataset.pgSms);
    } catch {
      return; // the link keeps the text written at build time
    }
    var text = pickText(data, languages);
    var count = segments(text);
    link.href = smsHref(text);
    link.dataset.pgSmsSegments = String(count.segments);
    var note = link.parentNode.querySelector(".pg-sms__count");
    // Without the page's texts the note keeps the one written at build time.
    if (note && texts.sms_fits) {
      note.textContent = t(count.segments === 1 ? "sms_fits_one" : "sms_fits", {
        count: count.segments,
        characters: count.units,
        numbers: t(text === data.texts[""] ? "sms_numbers_main" : "sms_number_here"),
      });
    }
  });
})();
