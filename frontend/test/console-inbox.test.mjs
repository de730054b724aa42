// The inbox's order: the queue as it is served, then the conversations someone holds.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { inboxOrder } from "../src/console/inbox-order.ts";

function row(id, extra = {}) {
  return {
    id,
    status: "open",
    seq: 1,
    created_at: "2026-01-01T10:00:00+00:00",
    last_activity_at: "2026-01-01T10:00:00+00:00",
    last_inbound_at: null,
    crisis_category: null,
    holder: null,
    queued_at: null,
    ...extra,
  };
}

const ada = { id: "ada", name: "Ada" };

describe("inbox order", () => {
  test("the queue comes first, crisis first, then the longest wait", () => {
    const rows = [
      row("held-recent", { holder: ada, last_activity_at: "2026-01-01T10:30:00+00:00" }),
      row("waits-short", { queued_at: "2026-01-01T10:20:00+00:00" }),
      row("waits-long", { queued_at: "2026-01-01T10:05:00+00:00" }),
      row("crisis-late", { queued_at: "2026-01-01T10:25:00+00:00", crisis_category: "danger" }),
      row("held-crisis", { holder: ada, crisis_category: "suicide" }),
      row("held-old", { holder: ada, last_activity_at: "2026-01-01T09:00:00+00:00" }),
    ];
    assert.deepEqual(
      inboxOrder(rows).map((r) => r.id),
      ["crisis-late", "waits-long", "waits-short", "held-crisis", "held-recent", "held-old"],
    );
  });

  test("a conversation never queued waits since it began", () => {
    const rows = [
      row("queued", { queued_at: "2026-01-01T10:10:00+00:00" }),
      row("new", { created_at: "2026-01-01T10:05:00+00:00" }),
    ];
    assert.deepEqual(
      inboxOrder(rows).map((r) => r.id),
      ["new", "queued"],
    );
  });

  test("times with and without fractions of a second sort as times", () => {
    const rows = [
      row("later", { queued_at: "2026-01-01T10:00:00.500000+00:00" }),
      row("sooner", { queued_at: "2026-01-01T10:00:00+00:00" }),
    ];
    assert.deepEqual(
      inboxOrder(rows).map((r) => r.id),
      ["sooner", "later"],
    );
  });

  test("a surge of 3,000 rows keeps crisis conversations at the top", () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(`r${i}`, {
        holder: i % 3 === 0 ? ada : null,
        queued_at: `2026-01-01T10:${String(i % 60).padStart(2, "0")}:00+00:00`,
        crisis_category: i % 97 === 0 ? "danger" : null,
      }),
    );
    const sorted = inboxOrder(rows);
    assert.equal(sorted.length, 3000);
    assert.equal(sorted[0].crisis_category, "danger");
  });
});
