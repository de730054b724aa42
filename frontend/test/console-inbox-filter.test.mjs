// The inbox's filters and its search over what the page decrypted.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { NO_FILTER, filterRows, fold } from "../src/console/inbox-filter.ts";

const ada = { id: "ada", name: "Ada" };
const bo = { id: "bo", name: "Bo" };

function row(id, extra = {}) {
  return {
    id,
    status: "open",
    seq: 3,
    created_at: "2026-01-01T10:00:00+00:00",
    last_activity_at: "2026-01-01T10:00:00+00:00",
    last_inbound_at: null,
    crisis_category: null,
    holder: null,
    queued_at: "2026-01-01T10:00:00+00:00",
    channel: { id: "sms", provider: "twilio", kind: "phone", address: "+15550100", removed: false },
    unread: 0,
    ...extra,
  };
}

const rows = [
  row("queued"),
  row("mine", { holder: ada, unread: 2 }),
  row("theirs", { holder: bo, crisis_category: "danger" }),
  row("awaiting", { holder: ada, last_inbound_at: "2026-01-01T10:05:00+00:00", last_activity_at: "2026-01-01T10:05:00+00:00" }),
  row("chat", { channel: { id: "web", provider: "webchat", kind: "webchat", address: "chat", removed: false } }),
];

const ids = (filter, known = () => undefined) => filterRows(rows, { ...NO_FILTER, ...filter }, "ada", known).map((r) => r.id);

describe("inbox filters", () => {
  test("each filter keeps its rows, in their order", () => {
    assert.deepEqual(ids({}), ["queued", "mine", "theirs", "awaiting", "chat"]);
    assert.deepEqual(ids({ show: "mine" }), ["mine", "awaiting"]);
    assert.deepEqual(ids({ show: "queue" }), ["queued", "chat"]);
    assert.deepEqual(ids({ show: "unread" }), ["mine"]);
    assert.deepEqual(ids({ show: "waiting" }), ["awaiting"]);
    assert.deepEqual(ids({ show: "crisis" }), ["theirs"]);
    assert.deepEqual(ids({ channel: "web" }), ["chat"]);
    assert.deepEqual(ids({ show: "queue", channel: "sms" }), ["queued"]);
  });

  test("the search finds only what the page decrypted, whatever the case, accents or spacing", () => {
    const known = (r) => ({ queued: "Texter ending 0123|+15145550123|Je suis à la maison", mine: "Texter ending 0456||Hélène est là" })[r.id];
    assert.deepEqual(ids({ search: "MAISON" }, known), ["queued"]);
    assert.deepEqual(ids({ search: "helene" }, known), ["mine"]);
    assert.deepEqual(ids({ search: "514 555-0123" }, known), ["queued"]);
    assert.deepEqual(ids({ search: "ending" }, known), ["queued", "mine"]);
    // Rows this page never opened cannot match: the server cannot search for it.
    assert.deepEqual(ids({ search: "0789" }, known), []);
    assert.deepEqual(ids({ search: "   " }, known), ["queued", "mine", "theirs", "awaiting", "chat"]);
    assert.equal(fold("À Côté (1)"), "acote1");
  });
});
