// Pocket Guide: the stale-content notice. Each page carries its review date and the guide's
// content date as JSON (id="pg-freshness"), and the wording in a <template id="pg-stale">.
// The phone's own clock decides, so the notice appears even on a copy that has not been
// updated for months.
(function () {
  "use strict";

  var block = document.getElementById("pg-freshness");
  var template = document.getElementById("pg-stale");
  var article = document.querySelector(".md-content__inner");
  if (!block || !template || !article) {
    return;
  }
  var data;
  try {
    data = JSON.parse(block.textContent);
  } catch {
    return;
  }

  var DAY = 24 * 60 * 60 * 1000;

  function parseDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? new Date(+parts[1], +parts[2] - 1, +parts[3]) : null;
  }

  // The month names and date pattern of the site's language (the page's strings block).
  var words = {};
  try {
    words = JSON.parse(document.getElementById("pg-strings").textContent);
  } catch {
    words = {};
  }
  var MONTHS = (words.months || "January February March April May June July August " +
    "September October November December").split(" ");

  // "22 November 2026" (or "22 de noviembre de 2026"), as the guide writes dates elsewhere.
  function spell(date) {
    var values = { day: date.getDate(), month: MONTHS[date.getMonth()], year: date.getFullYear() };
    return (words.date || "{day} {month} {year}").replace(/\{(\w+)\}/g, function (slot, name) {
      return name in values ? String(values[name]) : slot;
    });
  }

  var now = new Date();
  var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  var due = parseDate(data.next_review);
  var made = parseDate(data.guide_date);
  var limit = data.stale_after_days || 183;
  var pageOverdue = due !== null && today > due;
  var copyOld = made !== null && (today - made) / DAY > limit;
  if (!pageOverdue && !copyOld) {
    return;
  }

  var notice = template.content.firstElementChild.cloneNode(true);
  function fill(slot, text, datetime) {
    var node = notice.querySelector("[data-slot='" + slot + "']");
    if (node) {
      node.textContent = text;
      if (datetime) {
        node.setAttribute("datetime", datetime);
      }
    }
  }
  notice.querySelector(".pg-stale__page").hidden = !pageOverdue;
  notice.querySelector(".pg-stale__copy").hidden = !copyOld;
  if (due) {
    fill("next_review", spell(due), data.next_review);
  }
  if (made) {
    fill("guide_date", spell(made), data.guide_date);
  }
  fill("months", String(Math.round(limit / 30.44)));
  // Next to the page's review dates (pocketguide/content), else under the heading.
  var anchor = article.querySelector(":scope > .pg-reviewed") || article.querySelector(":scope > h1");
  if (data.position === "end") {
    article.append(notice); // The Emergency page: the steps come first.
  } else if (anchor) {
    anchor.after(notice);
  } else {
    article.prepend(notice);
  }

  // An update already on its way (the service worker found a newer version): the update
  // prompt tells the reader, so the "old copy" line would only repeat it.
  if (copyOld && "serviceWorker" in navigator) {
    navigator.serviceWorker.getRegistration().then(function (registration) {
      if (registration && (registration.waiting || registration.installing)) {
        notice.querySelector(".pg-stale__copy").hidden = true;
        if (!pageOverdue) {
          notice.remove();
        }
      }
    });
  }
})();
