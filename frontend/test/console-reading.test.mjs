// The member's read mark: opening a conversation moves it, and its unread count goes.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Desk } from "../src/console/desk.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function row(id, seq, unread) {
  return {
    id,
    status: "open",
    seq,
    created_at: "2026-01-01T10:00:00+00:00",
    last_activity_at: "2026-01-01T10:00:00+00:00",
    last_inbound_at: null,
    closed_at: null,
    channel: { id: "c", provider: "twilio", address: "+15555550100" },
    number_epoch: 1,
    number_sealed: "x",
    crisis_category: null,
    holder: null,
    queued_at: null,
    read_seq: 0,
    unread,
  };
}

function setUp() {
  const reads = [];
  const rows = { a: row("a", 4, 2), b: row("b", 7, 1) };
  const api = {
    async inbox() {
      return Object.values(rows);
    },
    async conversation(id) {
      return { ...rows[id], messages: [], related: [{ id: "old", status: "closed", created_at: "", closed_at: "", ongoing: true }] };
    },
    async read(id, seq) {
      reads.push([id, seq]);
      return { id, read_seq: seq };
    },
  };
  const view = { inboxChanged() {}, conversationChanged() {}, newConversation() {}, newTextElsewhere() {}, signedOut() {} };
  return { reads, desk: new Desk(api, {}, view) };
}

describe("read marks", () => {
  test("opening a conversation marks it read up to its seq; the others keep their counts", async () => {
    const { reads, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    await settle();
    assert.deepEqual(reads, [["a", 4]]);
    assert.equal(desk.rows.get("a").unread, 0);
    assert.equal(desk.rows.get("a").read_seq, 4);
    assert.equal(desk.rows.get("b").unread, 1);
    assert.deepEqual(desk.open.related.map((r) => r.id), ["old"]);
    assert.equal("related" in desk.rows.get("a"), false);
  });

  test("a conversation already read is not marked again", async () => {
    const { reads, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    await settle();
    await desk.markRead();
    assert.deepEqual(reads, [["a", 4]]);
  });
});
