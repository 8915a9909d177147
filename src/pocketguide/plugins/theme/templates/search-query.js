// Pocket Guide: what guide.js asks Material's search worker (lunr) for a typed query. Pure
// functions, no DOM: pocketguide/theme puts this file in front of guide.js, and
// tests/js/search-query.test.js runs it in node.
//
// The worker reads a query in lunr's syntax, and adds a "*" (any ending) to every word that
// has no modifier. A word with "*" skips stemming, so "kidneys*" would not find "kidney".
// Each typed word is sent instead as:
//
// - word^5: the word itself, stemmed like the index ("kidneys" finds "kidney"), weighted most;
// - word~1: for words of FUZZY_FROM letters or more, one letter wrong, missing, extra or two
//   swapped ("pregablin" finds "pregabalin"); a typo in a shorter word is more often another
//   word;
// - word (the worker adds "*"): the last word only, while it is still being typed
//   ("bladd" finds "bladder");
// - ab^5: two words typed with a hyphen between them, or a space after a single letter (not a digit), written
//   as one ("k-hole" and "k hole" find "khole", which the index holds for every "K-hole");
// - passedout^5: typed words that make a name of a few words from the synonyms ("passed out",
//   "day after"), as one word, which the index holds wherever that name or another name of
//   its group is used.
var pgSearchQuery = (function () {
  "use strict";

  var FUZZY_FROM = 5;
  var PREFIX_FROM = 4;
  var EXACT_BOOST = 5;
  var LEAD_WORDS = 6;
  var MAX_PHRASE = 4; // words in the longest name sent as one

  function hyphenated(value, first, second) {
    return String(value).toLowerCase().indexOf(first + "-" + second) !== -1;
  }

  // The words of a query, split like the index (the index's own separator), lower case.
  function words(value, separator) {
    return String(value)
      .normalize("NFKC")
      .toLowerCase()
      .split(new RegExp(separator))
      .filter(function (word) {
        return word.length > 0;
      });
  }

  // The query in lunr's syntax for the words typed; "" for none. ``phrases``: the index's
  // names of a few words, written as one ("passedout"), which typed words may make.
  function build(value, separator, phrases) {
    var list = words(value, separator);
    var known = phrases || [];
    var clauses = [];
    list.forEach(function (word, i) {
      clauses.push(word + "^" + EXACT_BOOST);
      if (word.length >= FUZZY_FROM) {
        clauses.push(word + "~1");
      }
      if (i > 0 && (/^\D$/.test(list[i - 1]) || hyphenated(value, list[i - 1], word))) {
        clauses.push(list[i - 1] + word + "^" + EXACT_BOOST);
      }
      for (var size = 2; size <= MAX_PHRASE && i + size <= list.length; size++) {
        var joined = list.slice(i, i + size).join("");
        if (known.indexOf(joined) !== -1) {
          clauses.push(joined + "^" + EXACT_BOOST);
        }
      }
    });
    var last = list[list.length - 1];
    if (last && last.length >= PREFIX_FROM && !/\s$/.test(value)) {
      clauses.push(last);
    }
    return clauses
      .filter(function (clause, i) {
        return clauses.indexOf(clause) === i;
      })
      .join(" ");
  }

  // The words a result matched, for ?h= on the page it opens: the words the worker marked in
  // its title and text (the page's own words, so "benzos" for a search for "benzodiazepine"),
  // else the words typed.
  function highlightWords(html, value, separator) {
    var found = [];
    var pattern = /<mark>([^<]*)<\/mark>/g;
    for (var match = pattern.exec(html); match; match = pattern.exec(html)) {
      words(match[1], separator).forEach(function (word) {
        if (found.indexOf(word) === -1) {
          found.push(word);
        }
      });
    }
    return found.length ? found : words(value, separator);
  }

  // The text before a result's first matched word, cut to its last LEAD_WORDS words, so the
  // match shows in the result's two lines.
  function lead(text) {
    var parts = String(text).split(/(\s+)/);
    var keep = LEAD_WORDS * 2 + 1; // words and the spaces between them
    if (parts.length <= keep) {
      return text;
    }
    return "… " + parts.slice(parts.length - keep).join("").replace(/^\s+/, "");
  }

  return { build: build, highlightWords: highlightWords, lead: lead, words: words };
})();

if (typeof module === "object" && module.exports) {
  module.exports = pgSearchQuery;
}
