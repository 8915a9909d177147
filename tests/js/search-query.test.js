// search-query.js (pocketguide/theme): what guide.js asks Material's search worker for.
// Run: make test (node --test tests/js/).
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const query = require("../../src/pocketguide/plugins/theme/templates/search-query.js");

// The separator pocketguide/search writes into the index (index.py SEPARATOR).
const SEPARATOR = "[\\s\\-–—‐‑/\\\\()\\[\\]{}<>\"“”‘’'`.,;:!?¿¡…|+*=&%#@~^_]+";

test("each word is sent stemmed and weighted; long words also with one typo", () => {
  assert.equal(query.build("pee hurts ", SEPARATOR), "pee^5 hurts^5 hurts~1");
});

test("the last word, still being typed, is also sent as a start of a word", () => {
  assert.equal(query.build("bladd", SEPARATOR), "bladd^5 bladd~1 bladd");
  assert.equal(query.build("is k legal", SEPARATOR), "is^5 k^5 legal^5 legal~1 klegal^5 legal");
  // three letters are too few to guess the word from
  assert.equal(query.build("out", SEPARATOR), "out^5");
});

test("words with a hyphen, or after a single letter, are also sent as one", () => {
  assert.equal(query.build("k-hole ", SEPARATOR), "k^5 hole^5 khole^5");
  assert.equal(query.build("k cramps ", SEPARATOR), "k^5 cramps^5 cramps~1 kcramps^5");
  assert.equal(query.build("re dose ", SEPARATOR), "re^5 dose^5");
  assert.equal(query.build("come-down ", SEPARATOR), "come^5 down^5 comedown^5");
  assert.equal(query.build("day after ", SEPARATOR), "day^5 after^5 after~1");
});

test("typed words that make a known name of a few words are also sent as one", () => {
  const phrases = ["dayafter", "passedout", "wontwakeup"];
  assert.equal(query.build("passed out ", SEPARATOR, phrases), "passed^5 passed~1 passedout^5 out^5");
  assert.equal(
    query.build("he wont wake up ", SEPARATOR, phrases),
    "he^5 wont^5 wontwakeup^5 wake^5 up^5",
  );
  assert.equal(query.build("out passed ", SEPARATOR, phrases), "out^5 passed^5 passed~1");
});

test("punctuation and lunr's own syntax never reach the worker", () => {
  assert.equal(
    query.build("  (Xanax)+valium~2 -coke^3 field:ket*  ", SEPARATOR),
    "xanax^5 xanax~1 valium^5 valium~1 2^5 coke^5 3^5 field^5 field~1 ket^5",
  );
  assert.equal(query.build("¿?! ", SEPARATOR), "");
  assert.equal(query.build("", SEPARATOR), "");
});

test("letters are folded as the index folds them (NFKC, lower case)", () => {
  assert.equal(query.build("ＫＥＴ ", SEPARATOR), "ket^5");
});

test("?h= gets the words the worker marked, else the words typed", () => {
  assert.deepEqual(
    query.highlightWords("<mark>Benzos</mark> and <mark>benzos</mark> (<mark>Xanax</mark>)", "x", SEPARATOR),
    ["benzos", "xanax"],
  );
  assert.deepEqual(query.highlightWords("Benzos", "k-hole", SEPARATOR), ["k", "hole"]);
});

test("the text before a match is cut to its last six words", () => {
  assert.equal(query.lead("Short text "), "Short text ");
  assert.equal(
    query.lead("One two three four five six seven eight nine "),
    "… four five six seven eight nine ",
  );
});
