// pg-sms.js (pocketguide/share): counting SMS, and picking the reader's text.
// Run: make test (node --test tests/js/). The cases are shared with tests/unit/test_content_sms.py.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");
const cases = require("./sms-cases.json");
const sms = require("../../src/pocketguide/plugins/share/theme/assets/javascripts/pg-sms.js");

for (const item of cases) {
  test(`segments: ${item.why}`, () => {
    const text = item.text.repeat(item.repeat || 1);
    assert.deepEqual(sms.segments(text), {
      encoding: item.encoding,
      units: item.units,
      segments: item.segments,
    });
  });
}

const DATA = {
  texts: { GB: "call 999", EU: "call 112", "": "call 999, 112 or 911" },
  regions: { GB: "GB", EU: "EU", DE: "EU" },
};

test("the region of a language tag", () => {
  assert.equal(sms.region("en-GB"), "GB");
  assert.equal(sms.region("de_de"), "DE");
  assert.equal(sms.region("zh-Hant-TW"), "TW");
  assert.equal(sms.region("en"), "");
});

test("the first language with a known region picks the text; else the fallback", () => {
  assert.equal(sms.pickText(DATA, ["de-DE", "en-GB"]), "call 112");
  assert.equal(sms.pickText(DATA, ["en", "en-GB"]), "call 999");
  assert.equal(sms.pickText(DATA, ["ja-JP"]), "call 999, 112 or 911");
  assert.equal(sms.pickText(DATA, []), "call 999, 112 or 911");
});

test("the sms: link carries the whole text, encoded", () => {
  assert.equal(sms.smsHref("Call 999 & wait?"), "sms:?body=Call%20999%20%26%20wait%3F");
});
