// Pocket Guide, offline edition: filter the pages by the words typed (works from file://).
(function () {
  "use strict";
  var box = document.getElementById("find");
  var out = document.getElementById("found");
  if (!box || !out) {return;}
  var pages = Array.prototype.slice.call(document.querySelectorAll("section.page"));
  var texts = pages.map(function (page) { return page.textContent.toLowerCase(); });
  var links = pages.map(function (page) {
    var a = document.querySelector('#contents a[href="#' + page.id + '"]');
    return a ? a.parentNode : null;
  });
  box.parentNode.hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    pages.forEach(function (page, i) {
      var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      page.hidden = !match;
      if (links[i]) {links[i].hidden = !match;}
      if (match) {shown += 1;}
    });
    // "{count} page matches" / "{count} pages match", in the guide's language.
    var said = shown === 1 ? out.dataset.one : out.dataset.many;
    out.textContent = words.length ? said.replace("{count}", String(shown)) : "";
  });
})();
