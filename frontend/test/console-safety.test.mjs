// The safety tools' pure parts: the glossary, the code word comparison, the
// sealed-field contexts and the checks of "write first".
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import vectors from "../../havre/vault/vectors.json" with { type: "json" };
import { b64d } from "../src/crypto.ts";
import { GLOSSARY, glossSegments, lookUp, meaningIn } from "../src/console/glossary.ts";
import {
  blockLabelInfo,
  codeWordInfo,
  normaliseCodeWord,
  openText,
  sameCodeWord,
  sealText,
} from "../src/console/sealed.ts";
import { compactNumber, groupDigits, lastDigits, sameNumber } from "../src/console/writefirst.ts";

const decoder = new TextDecoder();
const PROGRAM = vectors.program.id;
const CONVERSATION = "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b";

function terms(text) {
  return glossSegments(text)
    .filter((s) => "term" in s)
    .map((s) => s.term);
}

describe("glossary", () => {
  test("has the common English and French abbreviations, each explained in both languages", () => {
    const expected = [
      "idk", "lol", "brb", "ttyl", "omw", "smh", "tbh", "ily", "np", "pls", "plz", "u", "r", "ur", "rn", "k",
      "mdr", "ptdr", "jsp", "stp", "svp", "tkt", "jpp", "cv", "bjr", "slt", "dsl", "pk", "pcq", "qd", "mtn",
      "bcp", "jtm", "oklm", "wsh", "osef",
    ];
    for (const term of expected) {
      const meaning = GLOSSARY[term];
      assert.ok(meaning, term);
      assert.ok(meaning.en.length > 1 && meaning.fr.length > 1, term);
    }
    assert.equal(meaningIn(GLOSSARY.jsp, "en"), "je sais pas: I don't know");
    assert.equal(meaningIn(GLOSSARY.idk, "fr"), "je ne sais pas");
  });

  test("matches whole words only, in any case, and keeps the text around them", () => {
    const text = "idk… LOL, u ok? jsp mdr!! lollipop kidk";
    assert.deepEqual(terms(text), ["idk", "LOL", "u", "jsp", "mdr"]);
    const rebuilt = glossSegments(text)
      .map((s) => ("term" in s ? s.term : s.text))
      .join("");
    assert.equal(rebuilt, text);
  });

  test("words next to punctuation, apostrophes and accents", () => {
    assert.deepEqual(terms("(tkt)"), ["tkt"]);
    assert.deepEqual(terms("u're"), ["u"]);
    assert.deepEqual(terms("cvé écv kété"), []);
    assert.deepEqual(terms("stp\nsvp"), ["stp", "svp"]);
  });

  test("no match leaves one plain segment; empty text none", () => {
    assert.deepEqual(glossSegments("I need help tonight"), [{ text: "I need help tonight" }]);
    assert.deepEqual(glossSegments(""), []);
    assert.equal(lookUp("constructor"), undefined);
    assert.equal(lookUp("__proto__"), undefined);
  });
});

describe("code word", () => {
  test("case, accents and spaces do not count", () => {
    assert.equal(normaliseCodeWord("  Éléphant   ROSE \t"), "elephant rose");
    assert.equal(normaliseCodeWord("E\u0301le\u0301phant rose"), "elephant rose");
    assert.equal(normaliseCodeWord("Ça va"), "ca va");
  });

  test("compares after normalising both sides", async () => {
    assert.equal(await sameCodeWord(" elephant Rose", "Éléphant rose"), true);
    assert.equal(await sameCodeWord("elephant", "Éléphant rose"), false);
    assert.equal(await sameCodeWord("elephant roses", "Éléphant rose"), false);
    assert.equal(await sameCodeWord("", "x"), false);
  });

  test("its info is the one havre/vault/sealing.py defines, and a sealed word opens only there", async () => {
    assert.equal(decoder.decode(codeWordInfo(PROGRAM, CONVERSATION)), `havre/v1|codeword|${PROGRAM}|${CONVERSATION}`);
    assert.equal(decoder.decode(blockLabelInfo(PROGRAM, CONVERSATION)), `havre/v1|block|${PROGRAM}|${CONVERSATION}`);
    const publicKey = b64d(vectors.program.public_key);
    const privateKey = b64d(vectors.program.private_key);
    const sealed = await sealText(publicKey, "tournesol", codeWordInfo(PROGRAM, CONVERSATION));
    assert.ok(!sealed.includes("tournesol"));
    assert.equal(await openText(privateKey, sealed, codeWordInfo(PROGRAM, CONVERSATION)), "tournesol");
    assert.equal(await openText(privateKey, sealed, blockLabelInfo(PROGRAM, CONVERSATION)), null);
    assert.equal(await openText(undefined, sealed, codeWordInfo(PROGRAM, CONVERSATION)), null);
  });
});

describe("write first", () => {
  test("the two numbers must be typed the same way", () => {
    assert.equal(sameNumber("06 12 34 81 39", "0612348139"), true);
    assert.equal(sameNumber("+33 6 12 34 81 39", "+33612348139"), true);
    assert.equal(sameNumber("06 12 34 81 39", "06 12 34 81 93"), false);
    assert.equal(sameNumber("+33612348139", "33612348139"), false);
    assert.equal(sameNumber("", ""), false);
    assert.equal(sameNumber("123", "123"), false);
    assert.equal(compactNumber(" +1 (514) 555-0123 "), "+15145550123");
  });

  test("the last digits, grouped as people read them", () => {
    assert.equal(lastDigits("+33 6 12 34 81 39"), "8139");
    assert.equal(groupDigits("8139"), "81 39");
    assert.equal(groupDigits(lastDigits("06 12 34 81 39", 5)), "48 13 9");
  });
});
