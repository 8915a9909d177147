// Pocket Guide: what a page does in the browser, in place of Material's JavaScript bundle
// (pocketguide/theme). Material's templates and stylesheets stay; this script does only the
// parts of the bundle the guide uses, and does nothing at start-up that makes the browser lay
// out or restyle the page again:
//
// - search: the dialog, Material's search worker (started when search is first opened), the
//   query sent to it (search-query.js), the results (page, section, two lines of text), the
//   keys (/ s f to search, arrows, Enter, Escape), and on a phone the page held still
//   underneath;
// - search highlighting on the page a result opens (?h=words);
// - the colour palette toggle (partials/palette-script.html, in the head, applies it while the
//   page is parsed; this script passes the reader's choice on to window.__pgPalette);
// - the menu and search close on navigation within the page, and on Escape;
// - the back-to-top button, the page title in the header, the table of contents following the
//   reader (read on scroll, in an animation frame, when the layout is already up to date);
// - keyboard focus rings (the class focus-visible Material's styles expect);
// - menu sections report aria-expanded; <details> open for printing and for a link into them;
// - p and n (or , and .) go to the previous and next page;
// - navigation.tracking: the address follows the section being read; toc.follow: the
//   sidebar's table of contents keeps that section in view;
// - document$ for the site's own scripts: document$.subscribe(fn) calls fn(document) once the
//   page is ready, the use Material's documentation shows (pocketguide/theme keeps Material's
//   bundle for a script that uses more of it).
//
// Tables are wrapped for sideways scrolling when the page is built (pocketguide/theme).
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base + "/", location.href);
  // The search index of the page's language (es/search/... for a Spanish page); its entries'
  // locations are relative to the site root (base), in every language.
  var script = document.currentScript;
  var searchIndex = new URL(
    (script && script.dataset.searchIndex) || new URL("search/search_index.json", base).href,
    location.href,
  );
  var features = config.features || [];
  var drawer = document.getElementById("__drawer");
  var searchToggle = document.getElementById("__search");

  function t(key, count) {
    var text = (config.translations || {})[key] || "";
    return count === undefined ? text : text.replace("#", String(count));
  }

  // --- document$: what Material's documentation tells a site's scripts to use ("run your code
  // once the page has been fully loaded"). Each page is a full load here (no instant
  // navigation), so it tells its subscribers once, at DOMContentLoaded, or at once if that has
  // passed, as Material's replayed observable does.

  function provideDocumentObservable() {
    var waiting = [];
    var loaded = document.readyState !== "loading";

    function call(observer) {
      var next = typeof observer === "function" ? observer : observer && observer.next;
      if (typeof next === "function") {
        next.call(observer, document);
      }
    }

    if (!loaded) {
      document.addEventListener("DOMContentLoaded", function () {
        loaded = true;
        waiting.splice(0).forEach(call);
      });
    }
    window.document$ = {
      subscribe: function (observer) {
        if (loaded) {
          call(observer);
        } else {
          waiting.push(observer);
        }
        return {
          unsubscribe: function () {
            var at = waiting.indexOf(observer);
            if (at !== -1) {
              waiting.splice(at, 1);
            }
          },
        };
      },
    };
  }

  provideDocumentObservable();

  // --- Toggles: the menu (drawer) and search are checkboxes Material's CSS shows and hides.

  function setToggle(toggle, on) {
    if (toggle && toggle.checked !== on) {
      toggle.checked = on;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function closeAll() {
    setToggle(drawer, false);
    setToggle(searchToggle, false);
  }

  // A link within the page (the table of contents in the menu) closes the menu and search.
  window.addEventListener("hashchange", function () {
    setTimeout(closeAll, 125); // after the tap's ripple, as Material did
    openDetailsAround(location.hash);
  });
  // Back to a page kept in memory: show it as it was left, without the open menu.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      closeAll();
    }
  });

  // The page's texts in the site's language (pocketguide/content/strings.py): a JSON block.
  function pageText(key) {
    var block = document.getElementById("pg-strings");
    try {
      return (block && JSON.parse(block.textContent)[key]) || key;
    } catch {
      return key;
    }
  }

  // --- Search.

  var search = document.querySelector("[data-md-component=search]");
  var query = document.querySelector("[data-md-component=search-query]");
  var result = document.querySelector("[data-md-component=search-result]");
  var worker = null;
  var ready = false;
  var asked = null; // the query to send once the worker is ready
  var separator = "[\\s\\-]+"; // Material's; the index's own replaces it
  var phrases = []; // names of a few words, written as one (pocketguide/search)
  var SEARCH_FAILED = pageText("search_failed"); // in the site's language

  function startSearch() {
    if (worker || !query || !config.search) {
      return;
    }
    worker = new Worker(new URL(config.search, location.href));
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (message.type === 1) { // READY
        ready = true;
        ask(asked === null ? query.value : asked);
      } else if (message.type === 3) { // RESULT
        showResults(message.data.items || []);
      }
    });
    fetch(searchIndex)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (index) {
        separator = index.config.separator || separator;
        phrases = index.config.phrases || [];
        worker.postMessage({
          type: 0, // SETUP
          data: { config: index.config, docs: index.docs, options: { suggest: false } },
        });
      })
      .catch(function () {
        // Offline before the guide was saved on this phone, or a host without the index. Saying
        // "no matching documents" here would send a reader away from a page that exists.
        worker.terminate();
        worker = null;
        meta().textContent = SEARCH_FAILED;
      });
  }

  function ask(value) {
    asked = value;
    if (ready) {
      // QUERY, in lunr's syntax: stemmed words, small typos, the word being typed.
      worker.postMessage({ type: 2, data: pgSearchQuery.build(value, separator, phrases) });
    } else if (!worker) {
      startSearch(); // the index could not load last time: try again
    }
  }

  function meta() {
    return result.querySelector(".md-search-result__meta");
  }

  function list() {
    return result.querySelector(".md-search-result__list");
  }

  function showResults(items) {
    var value = query.value;
    if (items.length === 0) {
      meta().textContent = value ? t("search.result.none") : t("search.result.placeholder");
    } else if (items.length === 1) {
      meta().textContent = t("search.result.one");
    } else {
      meta().textContent = t("search.result.other", items.length);
    }
    var target = list();
    target.textContent = "";
    items.forEach(function (group) {
      target.appendChild(renderGroup(group));
    });
  }

  // One result: a page, its best-matching sections, and the rest folded away.
  function renderGroup(group) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var docs = group.slice();
    var pageIndex = docs.findIndex(function (doc) {
      return doc.location.indexOf("#") === -1;
    });
    var page = docs.splice(Math.max(pageIndex, 0), 1)[0];
    var threshold = group[0].score;
    var cut = docs.findIndex(function (doc) {
      return doc.score < threshold;
    });
    if (cut === -1) {
      cut = docs.length;
    }
    item.appendChild(renderDoc(page, true, pageIndex === 0 && cut === 0));
    docs.slice(0, cut).forEach(function (doc) {
      item.appendChild(renderDoc(doc, false, true));
    });
    var more = docs.slice(cut);
    if (more.length) {
      var details = document.createElement("details");
      details.className = "md-search-result__more";
      var summary = document.createElement("summary");
      summary.tabIndex = -1;
      var label = document.createElement("div");
      label.textContent =
        more.length === 1 ? t("search.result.more.one") : t("search.result.more.other", more.length);
      summary.appendChild(label);
      details.appendChild(summary);
      more.forEach(function (doc) {
        details.appendChild(renderDoc(doc, false, true));
      });
      item.appendChild(details);
    }
    return item;
  }

  // Titles and texts come from the guide's own search index, with the worker's <mark>s.
  function renderDoc(doc, isPage, teaser) {
    var url = new URL(doc.location, base);
    if (features.indexOf("search.highlight") !== -1) {
      var found = pgSearchQuery.highlightWords(doc.title + " " + doc.text, query.value, separator);
      url.searchParams.set("h", found.join(" "));
    }
    var link = document.createElement("a");
    link.href = url.href;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.setAttribute("data-md-score", (doc.score || 0).toFixed(2));
    if (isPage) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var title = document.createElement(isPage ? "h1" : "h2");
    title.innerHTML = doc.title;
    article.appendChild(title);
    if (teaser && doc.text) {
      article.appendChild(teaserOf(doc.text));
    }
    link.appendChild(article);
    return link;
  }

  // Two lines of a result's text (search.css clamps it): the first paragraph or list item
  // with a matched word, from a little before that word, else the first one.
  function teaserOf(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var blocks = Array.prototype.slice.call(holder.querySelectorAll("p, li"));
    var block =
      blocks.filter(function (node) {
        return node.querySelector("mark");
      })[0] ||
      blocks[0] ||
      holder;
    var teaser = document.createElement("p");
    teaser.className = "pg-search-teaser";
    while (block.firstChild) {
      teaser.appendChild(block.firstChild);
    }
    var mark = teaser.querySelector("mark");
    var before = mark && mark.previousSibling;
    if (before && before.nodeType === Node.TEXT_NODE && mark.parentNode === teaser) {
      before.data = pgSearchQuery.lead(before.data);
    }
    return teaser;
  }

  // On a phone or tablet, search covers the page: the page underneath is fixed where it was
  // (Material's scroll lock, body[data-md-scrolllock]), or the growing overlay would widen it
  // and the results would run off the right edge.
  var covering = window.matchMedia("screen and (max-width: 59.984375em)");

  function lockScroll(lock) {
    var body = document.body;
    if (lock && covering.matches && !body.hasAttribute("data-md-scrolllock")) {
      body.style.top = -window.scrollY + "px";
      body.setAttribute("data-md-scrolllock", "");
    } else if (!lock && body.hasAttribute("data-md-scrolllock")) {
      var y = -parseInt(body.style.top || "0", 10);
      body.removeAttribute("data-md-scrolllock");
      body.style.top = "";
      window.scrollTo(0, y);
    }
  }

  function setUpSearch() {
    var form = query.form;
    var results = list();
    searchToggle.addEventListener("change", function () {
      lockScroll(searchToggle.checked);
      results.hidden = !searchToggle.checked;
      results.setAttribute("role", searchToggle.checked ? "list" : "presentation");
      if (searchToggle.checked) {
        startSearch();
        if (document.activeElement !== query) {
          query.focus();
        }
      }
    });
    query.addEventListener("focus", function () {
      setToggle(searchToggle, true);
    });
    query.addEventListener("input", function () {
      ask(query.value);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // Enter opens the best result (keys, below)
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        ask("");
        query.focus();
      });
    });
    search.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("a")) {
        setToggle(searchToggle, false);
      }
    });
  }

  function bestResult() {
    var best = null;
    var bestScore = -Infinity;
    result.querySelectorAll(".md-search-result__item > a").forEach(function (link) {
      var score = parseFloat(link.firstElementChild.getAttribute("data-md-score"));
      if (score > bestScore) {
        best = link;
        bestScore = score;
      }
    });
    return best;
  }

  function searchKey(event) {
    var active = document.activeElement;
    switch (event.key) {
      case "Enter":
        if (active === query) {
          var best = bestResult();
          if (best) {
            best.click();
          }
          event.preventDefault();
        }
        break;
      case "Escape":
      case "Tab":
        setToggle(searchToggle, false);
        query.blur();
        break;
      case "ArrowUp":
      case "ArrowDown":
        var stops = [query].concat(
          Array.prototype.slice.call(
            result.querySelectorAll(":not(details) > [href], summary, details[open] [href]"),
          ),
        );
        var at = Math.max(0, stops.indexOf(active));
        var step = event.key === "ArrowUp" ? -1 : 1;
        stops[(at + stops.length + step) % stops.length].focus();
        event.preventDefault();
        break;
      default:
        if (active !== query && event.key.length === 1) {
          query.focus();
        }
    }
  }

  // --- Keys anywhere on the page.

  function typing(element) {
    if (!element) {
      return false;
    }
    if (element instanceof HTMLInputElement) {
      return element.type !== "radio" && element.type !== "checkbox";
    }
    return (
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement ||
      element.isContentEditable
    );
  }

  function go(rel) {
    var link = document.querySelector("link[rel=" + rel + "]");
    if (link) {
      location.href = link.href;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) {
      return;
    }
    if (searchToggle && searchToggle.checked && query) {
      searchKey(event);
      return;
    }
    if (event.key === "Escape" && drawer && drawer.checked) {
      setToggle(drawer, false);
      return;
    }
    if (typing(document.activeElement)) {
      return;
    }
    switch (event.key) {
      case "f":
      case "s":
      case "/":
        if (query) {
          query.focus();
          query.select();
          event.preventDefault();
        }
        break;
      case "p":
      case ",":
        go("prev");
        break;
      case "n":
      case ".":
        go("next");
        break;
    }
  });

  // --- Search highlighting: a result opens its page with ?h=the words it matched.

  function highlight(words) {
    var terms = words
      .split(/[\s\-*+:~^]+/)
      .filter(function (term) {
        return term.length > 0;
      })
      .map(function (term) {
        return term.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&");
      });
    var content = document.querySelector("[data-md-component=content]");
    if (!terms.length || !content) {
      return;
    }
    var pattern = new RegExp("(" + terms.join("|") + ")", "gi");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      pattern.lastIndex = 0;
      if (pattern.test(node.data) && !node.parentElement.closest("script, style, mark")) {
        nodes.push(node);
      }
    }
    nodes.forEach(function (text) {
      var parts = text.data.split(pattern); // odd indexes are the matches
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i % 2 === 1) {
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = part;
          fragment.appendChild(mark);
        } else if (part) {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      text.parentNode.replaceChild(fragment, text);
    });
  }

  // --- Palette: the inline script in the head defines window.__pgPalette and applies the saved
  // choice (and the system's, when followed) while the page is parsed; a change here applies
  // and saves the next one.

  function setUpPalette() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form || typeof window.__pgPalette !== "function") {
      return;
    }
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        window.__pgPalette(index, true);
      });
    });
    // Enter on the focused option moves on to the next one, as a tap on its label does.
    form.addEventListener("keydown", function (event) {
      var at = inputs.indexOf(event.target);
      if (event.key === "Enter" && at !== -1) {
        var next = inputs[(at + 1) % inputs.length];
        next.click();
        next.focus();
        event.preventDefault();
      }
    });
  }

  // --- Keyboard focus: Material's styles draw a focus ring only on an element with the class
  // focus-visible (its bundle's polyfill added it). The browser knows when a ring is due.

  document.addEventListener(
    "focus",
    function (event) {
      var element = event.target;
      if (element instanceof Element && element.matches(":focus-visible")) {
        element.classList.add("focus-visible");
      }
    },
    true,
  );
  document.addEventListener(
    "blur",
    function (event) {
      if (event.target instanceof Element) {
        event.target.classList.remove("focus-visible");
      }
    },
    true,
  );

  // --- Menu sections: screen readers hear whether a section is open.

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("md-nav__toggle")) {
      return;
    }
    var label = document.querySelector("label[for='" + input.id + "'][id]");
    var nav = label && document.querySelector("[aria-labelledby='" + label.id + "']");
    if (nav) {
      nav.setAttribute("aria-expanded", String(input.checked));
    }
  });

  // --- <details>: open for printing (and close again after), and around a link's target.

  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) {
      details.open = false;
    });
    openedForPrint = [];
  });

  function openDetailsAround(hash) {
    var id = decodeURIComponent((hash || "").slice(1));
    var target = id && document.getElementById(id);
    for (var node = target && target.parentElement; node; node = node.parentElement) {
      if (node instanceof HTMLDetailsElement && !node.open) {
        node.open = true;
      }
    }
  }

  // --- While scrolling: back-to-top, the header title and the table of contents. Positions
  // are read in an animation frame, before anything is changed, so the browser never has to
  // lay the page out twice in one frame.

  var topButton = document.querySelector("[data-md-component=top]");
  var header = document.querySelector("[data-md-component=header]");
  var title = document.querySelector("[data-md-component=header-title]");
  var h1 = document.querySelector("[data-md-component=content] h1");
  var tocLinks = Array.prototype.slice.call(
    document.querySelectorAll("[data-md-component=toc] a.md-nav__link[href^='#']"),
  );
  // [{ target, links }] in page order; a heading has a link in each table of contents (the
  // sidebar's, and the menu's on a phone).
  var sections = [];
  var byId = {};
  tocLinks.forEach(function (link) {
    var id = decodeURIComponent(link.hash.slice(1));
    var target = document.getElementById(id);
    if (!target) {
      return;
    }
    if (!byId[id]) {
      byId[id] = { target: target, links: [] };
      sections.push(byId[id]);
    }
    byId[id].links.push(link);
  });
  var lastY = window.scrollY;
  var framed = false;
  var activeSection = -2; // none drawn yet

  var remPx = 0;
  function rem() {
    if (!remPx) {
      remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    }
    return remPx;
  }

  function update() {
    framed = false;
    // Read.
    var y = window.scrollY;
    var headerBottom = header ? header.getBoundingClientRect().bottom : 0;
    var titlePassed = h1 ? h1.getBoundingClientRect().bottom <= headerBottom : false;
    var active = -1;
    // A heading a link has scrolled to sits a little below the header (its scroll margin).
    var line = headerBottom + 1.5 * rem();
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].target.getBoundingClientRect().top > line) {
        break;
      }
      active = i;
    }
    // Write.
    if (topButton) {
      var show = y < lastY && y > 400;
      if (topButton.hidden === show) {
        topButton.hidden = !show;
        if (show) {
          topButton.removeAttribute("tabindex");
        } else {
          topButton.setAttribute("tabindex", "-1");
          topButton.blur();
        }
      }
    }
    lastY = y;
    if (title) {
      title.classList.toggle("md-header__title--active", titlePassed);
    }
    if (active !== activeSection) {
      var first = activeSection === -2; // the page as opened: its address stays as it is
      activeSection = active;
      sections.forEach(function (section, index) {
        section.links.forEach(function (link) {
          link.classList.toggle("md-nav__link--passed", index < active);
          link.classList.toggle("md-nav__link--active", index === active);
        });
      });
      if (!first) {
        trackSection(sections[active] || null);
      }
      followSection(sections[active] || null);
    }
  }

  // --- toc.follow (Material's feature): the sidebar's table of contents scrolls so that the
  // section being read stays in its middle. Only when the section changes, so the one layout
  // this reads is rare.
  var following = features.indexOf("toc.follow") !== -1;

  function followSection(section) {
    if (!following || !section) {
      return;
    }
    section.links.forEach(function (link) {
      var container = link.closest(".md-sidebar__scrollwrap");
      if (container && link.offsetHeight) {
        var offset = link.offsetTop - container.offsetTop;
        container.scrollTo({ top: offset - container.clientHeight / 2 });
      }
    });
  }

  // --- navigation.tracking (Material's feature): the address follows the section being read,
  // a quarter of a second after it changes, without adding to the history; above the first
  // section it is the page's own.
  var tracking = features.indexOf("navigation.tracking") !== -1;
  var trackTimer = 0;

  function trackSection(section) {
    if (!tracking) {
      return;
    }
    clearTimeout(trackTimer);
    trackTimer = setTimeout(function () {
      var url = new URL(location.href);
      url.hash = section ? section.target.id : "";
      if (url.href !== location.href) {
        history.replaceState(history.state, "", url.href);
      }
    }, 250);
  }

  function onScroll() {
    if (!framed) {
      framed = true;
      requestAnimationFrame(update);
    }
  }

  if (topButton) {
    topButton.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
  }

  // --- Start: only listeners and a look at the address; the first measurements wait for a
  // frame after the page has loaded.

  if (query && result && searchToggle) {
    setUpSearch();
  }
  setUpPalette();
  var params = new URLSearchParams(location.search);
  if (params.get("h") && features.indexOf("search.highlight") !== -1) {
    highlight(params.get("h"));
  }
  openDetailsAround(location.hash);
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("resize", onScroll, { passive: true });
  window.addEventListener("load", onScroll);
})();
