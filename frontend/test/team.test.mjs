// Team work's pure rules in the console: who may answer, and wait times.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { mayAnswer } from "../src/console/crew.ts";
import { minutesSince } from "../src/console/shift.ts";

const row = (holder) => ({ id: "c1", status: "open", holder, queued_at: null, crisis: null });

describe("who may answer", () => {
  test("anyone while it waits, the holder, and those who joined", () => {
    assert.equal(mayAnswer(row(null), "me", false), true);
    assert.equal(mayAnswer(row({ id: "me", name: "Me" }), "me", false), true);
    assert.equal(mayAnswer(row({ id: "bea", name: "Bea" }), "me", true), true);
  });

  test("not someone else's conversation without joining it", () => {
    assert.equal(mayAnswer(row({ id: "bea", name: "Bea" }), "me", false), false);
  });
});

describe("wait times", () => {
  test("whole minutes, never negative", () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    assert.equal(minutesSince("2026-11-29T11:48:30Z", now), 11);
    assert.equal(minutesSince("2026-11-29T12:05:00Z", now), 0);
    assert.equal(minutesSince(null, now), 0);
  });
});
