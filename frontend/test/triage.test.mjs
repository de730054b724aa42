// The browser's triage on its own: a program's lists compiled in the page,
// and the readings around a match. tests/triage/test_cross_language.py holds
// it to the Python matcher on the whole evaluation set.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { compileLists } from "../src/triage/matcher.ts";
import { parseTerm, TermError } from "../src/triage/pattern.ts";

const lists = [
  { category: "suicide", language: "en", terms: ["want to die", "took ## {medicine}"] },
  { category: "danger", language: "en", terms: ["he ... kill me"] },
  { category: "danger", language: "fr", terms: ["il ... me tuer"] },
  { category: "unknown", language: "en", terms: ["hello"] },
];
const matcher = compileLists(lists);
const category = (text) => matcher.assess(text).category;

describe("triage in the visitor's page", () => {
  test("finds a term however it is typed", () => {
    assert.equal(category("I want to DIIIE"), "suicide");
    assert.equal(category("took 30 advil"), "suicide");
    assert.equal(category("Il VA me tuer"), "danger");
  });

  test("sets aside a denial, a dose, and someone else's words", () => {
    assert.equal(category("I don't want to die"), null);
    assert.equal(category("took 20 mg of advil"), null);
    assert.equal(category("my friend said 'I want to die'"), null);
  });

  test("lets danger outrank suicide risk, and knows no other category", () => {
    assert.equal(category("he will kill me, I want to die"), "danger");
    assert.equal(category("hello"), null);
  });

  test("refuses a term that cannot match, as saving does", () => {
    assert.throws(() => parseTerm("... alone"), TermError);
    assert.throws(() => parseTerm("## #"), TermError);
    assert.throws(() => parseTerm("{nothing}"), TermError);
  });
});
