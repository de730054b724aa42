// Counts read through gettext's Plural-Forms rule of the language.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { loadCatalogues, setLanguage, tn } from "../src/console/i18n.ts";
import { parsePluralForms } from "../src/console/plural-forms.ts";

globalThis.document ??= { documentElement: {} };

describe("Plural-Forms rules", () => {
  test("French puts 0 and 1 in the singular, English only 1", () => {
    const fr = parsePluralForms("nplurals=2; plural=(n > 1);");
    const en = parsePluralForms("nplurals=2; plural=(n != 1);");
    assert.deepEqual([0, 1, 2, 3, 1000].map(fr), [0, 0, 1, 1, 1]);
    assert.deepEqual([0, 1, 2, 3, 1000].map(en), [1, 0, 1, 1, 1]);
  });

  test("rules with three forms, precedence and ?: read as gettext reads them", () => {
    const polish = parsePluralForms(
      "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    );
    assert.deepEqual([1, 2, 4, 5, 12, 22, 25, 0].map(polish), [0, 1, 1, 2, 2, 1, 2, 2]);
    const french3 = parsePluralForms("nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;");
    assert.deepEqual([0, 1, 2, 1000000, 1000001].map(french3), [0, 0, 2, 1, 2]);
    assert.equal(parsePluralForms("nplurals=1; plural=0;")(7), 0);
    assert.equal(parsePluralForms("nplurals=2; plural=!(n == 1);")(1), 0);
  });

  test("a rule that is not gettext's expression language is refused, not run", () => {
    for (const bad of ["nplurals=2;", "plural=(n > 1", "plural=alert(1);", "plural=n >;"]) {
      assert.throws(() => parsePluralForms(bad), /Plural-Forms/, bad);
    }
  });
});

describe("tn", () => {
  const catalogues = {
    en: { plural_forms: "nplurals=2; plural=(n != 1);", "c.0": "{n} open conversation", "c.1": "{n} open conversations" },
    fr: { plural_forms: "nplurals=2; plural=(n > 1);", "c.0": "{n} conversation ouverte", "c.1": "{n} conversations ouvertes" },
  };

  test("picks each language's form for the count", () => {
    loadCatalogues(catalogues, "fr");
    assert.equal(tn("c", 0), "0 conversation ouverte");
    assert.equal(tn("c", 1), "1 conversation ouverte");
    assert.equal(tn("c", 3), "3 conversations ouvertes");
    setLanguage("en");
    assert.equal(tn("c", 0), "0 open conversations");
    assert.equal(tn("c", 1), "1 open conversation");
  });

  test("a count missing in the language falls back to English with English's rule", () => {
    loadCatalogues({ en: catalogues.en, fr: { plural_forms: catalogues.fr.plural_forms } }, "fr");
    assert.equal(tn("c", 0), "0 open conversations");
  });
});
