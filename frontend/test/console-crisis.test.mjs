// Which pushed events the console takes for crisis alerts, and for their end.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { test } from "node:test";

import { CLEAR_REASONS, isCrisisEndEvent, isCrisisEvent } from "../src/console/crisis.ts";

const event = { type: "crisis", id: 3, conversation: "c1", category: "suicide", previous: null, alert: ["u1"] };

test("a crisis event names its alert, the conversation, the category and whom to alert", () => {
  assert.equal(isCrisisEvent(event), true);
  assert.equal(isCrisisEvent({ ...event, category: "danger", previous: "suicide", alert: [] }), true);
});

test("anything else is not taken for one", () => {
  for (const other of [
    null,
    "crisis",
    { type: "conversation", conversation: "c1", seq: 2 },
    { ...event, category: "anger" },
    { ...event, previous: "danger!" },
    { ...event, alert: "u1" },
    { ...event, alert: [1] },
    { ...event, conversation: 7 },
    { ...event, id: "3" },
  ]) {
    assert.equal(isCrisisEvent(other), false, JSON.stringify(other));
  }
});

test("an alert ends when a supervisor acknowledges it or clears its flag", () => {
  assert.equal(isCrisisEndEvent({ type: "crisis_acknowledged", id: 3, conversation: "c1", by: "u2" }), true);
  assert.equal(isCrisisEndEvent({ type: "crisis_cleared", conversation: "c1", by: "u2" }), true);
  for (const other of [event, { type: "crisis_cleared", conversation: 1, by: "u2" }, { type: "crisis_cleared", conversation: "c1" }]) {
    assert.equal(isCrisisEndEvent(other), false, JSON.stringify(other));
  }
});

test("the console offers the reason codes the server takes", () => {
  assert.deepEqual([...CLEAR_REASONS], ["joke", "someone_else", "past", "everyday", "test", "other"]);
});
