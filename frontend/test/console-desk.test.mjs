// The console's catch-up logic: which fetches each event causes.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Desk } from "../src/console/desk.ts";
import { SessionError } from "../src/session.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function row(id, seq, extra = {}) {
  return {
    id,
    status: "open",
    seq,
    created_at: "2026-01-01T10:00:00+00:00",
    last_activity_at: `2026-01-01T10:${String(seq).padStart(2, "0")}:00+00:00`,
    last_inbound_at: null,
    closed_at: null,
    channel: { id: "c", provider: "twilio", address: "+15555550100" },
    number_epoch: 1,
    number_sealed: "x",
    ...extra,
  };
}

function message(id, seq, extra = {}) {
  return {
    id,
    seq,
    updated_seq: seq,
    direction: "in",
    epoch: 1,
    body_sealed: "x",
    media_count: 0,
    status: "received",
    error_code: "",
    author: null,
    created_at: "2026-01-01T10:00:00+00:00",
    ...extra,
  };
}

/** A server that records what the console asks and answers from `state`. */
function fakeApi(state) {
  const calls = [];
  return {
    calls,
    async inbox() {
      calls.push("inbox");
      return Object.values(state.rows).filter((r) => r.status === "open");
    },
    async conversation(id, after) {
      calls.push(`conversation ${id} after=${after}`);
      if (state.signedOut) throw new SessionError("signed_out", 401);
      const messages = (state.messages[id] ?? []).filter((m) => after === undefined || m.updated_seq > after);
      return { ...state.rows[id], messages };
    },
  };
}

function recorder() {
  const seen = { inbox: 0, conversation: [], newConversation: [], newTextElsewhere: [], signedOut: 0 };
  return {
    seen,
    inboxChanged: () => (seen.inbox += 1),
    conversationChanged: (added, changed, initial) =>
      seen.conversation.push({ added: added.map((m) => m.id), changed: changed.map((m) => m.id), initial }),
    newConversation: (r) => seen.newConversation.push(r.id),
    newTextElsewhere: (r) => seen.newTextElsewhere.push(r.id),
    signedOut: () => (seen.signedOut += 1),
  };
}

function setUp() {
  const state = {
    rows: { a: row("a", 2), b: row("b", 5) },
    messages: { a: [message("a1", 1), message("a2", 2)], b: [message("b1", 5)] },
  };
  const api = fakeApi(state);
  const view = recorder();
  const desk = new Desk(api, {}, view);
  return { state, api, view, desk };
}

describe("console catch-up", () => {
  test("the inbox lists open conversations held by someone, most recent activity first", async () => {
    const { state, desk } = setUp();
    for (const r of Object.values(state.rows)) r.holder = { id: "m", name: "Ada" };
    await desk.refreshInbox();
    assert.deepEqual(
      desk.sortedRows().map((r) => r.id),
      ["b", "a"],
    );
  });

  test("an event for the open conversation fetches only what came after its seq", async () => {
    const { state, api, view, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    assert.deepEqual(view.seen.conversation.at(-1), { added: ["a1", "a2"], changed: [], initial: true });

    state.rows.a = row("a", 3);
    state.messages.a.push(message("a3", 3));
    api.calls.length = 0;
    desk.onEvent({ type: "conversation", conversation: "a", seq: 3 });
    await settle();
    assert.deepEqual(api.calls, ["conversation a after=2"]);
    assert.deepEqual(view.seen.conversation.at(-1), { added: ["a3"], changed: [], initial: false });
    assert.equal(desk.open.seq, 3);

    // An event the page has already caught up with fetches nothing.
    api.calls.length = 0;
    desk.onEvent({ type: "conversation", conversation: "a", seq: 3 });
    await settle();
    assert.deepEqual(api.calls, []);
  });

  test("a delivery report comes back as a changed row, not a new one", async () => {
    const { state, view, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    state.messages.a[1] = message("a2", 2, { updated_seq: 3, direction: "out", status: "failed", error_code: "30003" });
    state.rows.a = row("a", 3);
    desk.onEvent({ type: "conversation", conversation: "a", seq: 3 });
    await settle();
    assert.deepEqual(view.seen.conversation.at(-1), { added: [], changed: ["a2"], initial: false });
    assert.equal(desk.open.messages.get("a2").status, "failed");
  });

  test("trying a failed text again asks the server for that message and shows it queued", async () => {
    const { state, api, view, desk } = setUp();
    state.messages.a[1] = message("a2", 2, { direction: "out", status: "failed", error_code: "interrupted" });
    api.retry = async (id, messageId) => {
      api.calls.push(`retry ${id} ${messageId}`);
      return message(messageId, 2, { updated_seq: 3, direction: "out", status: "queued" });
    };
    await desk.refreshInbox();
    await desk.select("a");
    api.calls.length = 0;
    await desk.retry("a2");
    assert.deepEqual(api.calls, ["retry a a2"]);
    assert.deepEqual(view.seen.conversation.at(-1), { added: [], changed: ["a2"], initial: false });
    assert.equal(desk.open.messages.get("a2").status, "queued");
  });

  test("a jump in seq (a lost event) fetches what the open conversation missed, not the inbox", async () => {
    const { state, api, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    state.rows.a = row("a", 5);
    state.messages.a.push(message("a4", 4), message("a5", 5));
    api.calls.length = 0;
    desk.onEvent({ type: "conversation", conversation: "a", seq: 5 });
    await settle();
    await settle();
    assert.deepEqual(api.calls, ["conversation a after=2"]);
    assert.deepEqual([...desk.open.messages.keys()], ["a1", "a2", "a4", "a5"]);
  });

  test("a jump in seq for another conversation fetches that row alone", async () => {
    const { state, api, view, desk } = setUp();
    await desk.refreshInbox();
    state.rows.b = row("b", 9, { last_inbound_at: "2026-01-01T10:09:00+00:00" });
    state.messages.b.push(message("b8", 8));
    api.calls.length = 0;
    desk.onEvent({ type: "conversation", conversation: "b", seq: 9 });
    await settle();
    assert.deepEqual(api.calls, ["conversation b after=5"]);
    assert.deepEqual(view.seen.newTextElsewhere, ["b"]);
  });

  test("an event for another conversation refreshes its row and marks new texts", async () => {
    const { state, api, view, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    state.rows.b = row("b", 6, { last_inbound_at: "2026-01-01T10:06:00+00:00" });
    state.messages.b.push(message("b2", 6));
    api.calls.length = 0;
    desk.onEvent({ type: "conversation", conversation: "b", seq: 6 });
    await settle();
    assert.deepEqual(api.calls, ["conversation b after=5"]);
    assert.deepEqual(view.seen.newTextElsewhere, ["b"]);
    assert.ok(desk.fresh.has("b"));
    assert.equal(desk.rows.get("b").seq, 6);
  });

  test("an event for an unknown conversation fetches its row alone and announces it", async () => {
    const { state, api, view, desk } = setUp();
    await desk.refreshInbox();
    state.rows.c = row("c", 1);
    state.messages.c = [message("c1", 1)];
    api.calls.length = 0;
    const before = view.seen.inbox;
    desk.onEvent({ type: "conversation", conversation: "c", seq: 1 });
    await settle();
    assert.deepEqual(api.calls, ["conversation c after=1"]);
    assert.deepEqual(view.seen.newConversation, ["c"]);
    assert.ok(desk.rows.has("c"));
    assert.ok(desk.fresh.has("c"));
    assert.equal(view.seen.inbox, before + 1);
  });

  test("an unknown conversation that is already gone is left out", async () => {
    const { api, view, desk } = setUp();
    await desk.refreshInbox();
    api.conversation = async () => {
      throw new SessionError("not_found", 404);
    };
    desk.onEvent({ type: "conversation", conversation: "z", seq: 3 });
    await settle();
    assert.equal(desk.rows.has("z"), false);
    assert.deepEqual(view.seen.newConversation, []);
  });

  test("a conversation closed elsewhere leaves the inbox", async () => {
    const { state, desk } = setUp();
    await desk.refreshInbox();
    state.rows.b = row("b", 6, { status: "closed" });
    desk.onEvent({ type: "conversation", conversation: "b", seq: 6 });
    await settle();
    assert.equal(desk.rows.has("b"), false);
  });

  test("events during a fetch cause one more fetch, not one each", async () => {
    const { state, api, desk } = setUp();
    await desk.refreshInbox();
    await desk.select("a");
    api.calls.length = 0;
    state.rows.a = row("a", 3);
    state.messages.a.push(message("a3", 3));
    const first = desk.refreshOpen();
    state.rows.a = row("a", 4);
    state.messages.a.push(message("a4", 4));
    desk.refreshOpen();
    desk.refreshOpen();
    await first;
    assert.deepEqual(api.calls, ["conversation a after=2", "conversation a after=3"]);
    assert.equal(desk.open.seq, 4);
  });

  test("answers that arrive after a lock are dropped", async () => {
    const { view, desk } = setUp();
    const loading = desk.refreshInbox();
    desk.clear();
    await loading;
    assert.equal(desk.rows.size, 0);
    assert.equal(view.seen.inbox, 0);
  });

  test("a signed-out answer tells the page", async () => {
    const { state, view, desk } = setUp();
    await desk.refreshInbox();
    state.signedOut = true;
    await desk.select("a");
    assert.equal(view.seen.signedOut, 1);
  });
});
