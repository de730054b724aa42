// Which pushed events the console takes for crisis alerts.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { test } from "node:test";

import { isCrisisEvent } from "../src/console/crisis.ts";

const event = { type: "crisis", conversation: "c1", category: "suicide", previous: null, alert: ["u1"] };

test("a crisis event names the conversation, the category and whom to alert", () => {
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
  ]) {
    assert.equal(isCrisisEvent(other), false, JSON.stringify(other));
  }
});
