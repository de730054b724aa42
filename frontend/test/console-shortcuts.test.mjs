// Keyboard shortcuts and the quick replies' filter: pure parts.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { matchesFilter } from "../src/console/quick-replies.ts";
import { neighbour, shortcutFor } from "../src/console/shortcuts.ts";

const press = (key, extra = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...extra });

describe("keyboard shortcuts", () => {
  test("one plain key each", () => {
    assert.equal(shortcutFor(press("j")), "next");
    assert.equal(shortcutFor(press("k")), "previous");
    assert.equal(shortcutFor(press("t")), "take");
    assert.equal(shortcutFor(press("r")), "reply");
    assert.equal(shortcutFor(press("/")), "quick");
    assert.equal(shortcutFor(press("c")), "close");
    assert.equal(shortcutFor(press("?")), "help");
    assert.equal(shortcutFor(press("x")), null);
  });

  test("never while typing, never with a modifier", () => {
    assert.equal(shortcutFor(press("j", { typing: true })), null);
    assert.equal(shortcutFor(press("c", { ctrlKey: true })), null);
    assert.equal(shortcutFor(press("r", { metaKey: true })), null);
    assert.equal(shortcutFor(press("k", { altKey: true })), null);
  });

  test("next and previous follow the inbox's order and stop at its ends", () => {
    const ids = ["a", "b", "c"];
    assert.equal(neighbour(ids, "a", 1), "b");
    assert.equal(neighbour(ids, "b", -1), "a");
    assert.equal(neighbour(ids, "c", 1), null);
    assert.equal(neighbour(ids, "a", -1), null);
    // Nothing open: the first row going down, the last going up.
    assert.equal(neighbour(ids, undefined, 1), "a");
    assert.equal(neighbour(ids, undefined, -1), "c");
    assert.equal(neighbour(ids, "gone", 1), "a");
    assert.equal(neighbour([], undefined, 1), null);
  });
});

describe("quick replies' filter", () => {
  test("every word typed, anywhere, whatever the case and accents", () => {
    assert.ok(matchesFilter("Êtes-vous en sécurité en ce moment ?", "securite"));
    assert.ok(matchesFilter("Are you safe right now?", "SAFE now"));
    assert.ok(matchesFilter("Are you safe right now?", ""));
    assert.equal(matchesFilter("Are you safe right now?", "safe tonight"), false);
  });
});
