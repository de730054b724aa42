// What the console says of a conversation's channel, and whether a reply may go.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { answerLine, channelName, mayReplyNow, privacyLine, replyWindow } from "../src/console/channel-info.ts";
import { loadCatalogues } from "../src/console/i18n.ts";

globalThis.document ??= { documentElement: {} };
loadCatalogues(
  {
    en: {
      "channel.kind.whatsapp": "WhatsApp",
      "channel.kind.phone": "SMS",
      "channel.privacy.whatsapp": "WhatsApp: Meta can see it.",
      "reply.window.open": "{channel} open until {when}",
      "reply.window.closed": "{channel} closed {when}",
      "reply.channel_removed": "removed",
    },
  },
  "en",
);

function row(kind, extra = {}) {
  return {
    id: "c1",
    status: "open",
    channel: { id: "ch", provider: kind === "phone" ? "twilio" : kind, kind, address: "+15550783881", removed: false },
    reply_window_closes_at: null,
    ...extra,
  };
}

describe("a conversation's channel", () => {
  test("is named by its kind, with what it lets others see", () => {
    assert.equal(channelName(row("whatsapp")), "WhatsApp");
    assert.equal(privacyLine(row("whatsapp")), "WhatsApp: Meta can see it.");
    assert.equal(channelName(row("carrier-pigeon")), "carrier-pigeon");
  });

  test("lets a reply go until its window closes, and says so", () => {
    const closes = "2026-12-02T10:00:00+00:00";
    const whatsapp = row("whatsapp", { reply_window_closes_at: closes });
    const before = new Date("2026-12-02T09:59:00Z");
    const after = new Date("2026-12-02T10:00:01Z");
    assert.deepEqual(replyWindow(whatsapp, before), { closesAt: new Date(closes), open: true });
    assert.equal(mayReplyNow(whatsapp, before), true);
    assert.equal(mayReplyNow(whatsapp, after), false);
    assert.match(answerLine(whatsapp, before), /^WhatsApp open until /);
    assert.match(answerLine(whatsapp, after), /^WhatsApp closed /);
  });

  test("without a window, always lets a reply go and says nothing", () => {
    assert.equal(replyWindow(row("phone")), null);
    assert.equal(mayReplyNow(row("phone")), true);
    assert.equal(answerLine(row("phone")), "");
  });

  test("once removed, lets nothing go", () => {
    const removed = row("phone", { channel: { ...row("phone").channel, removed: true } });
    assert.equal(mayReplyNow(removed), false);
    assert.equal(answerLine(removed), "removed");
  });
});
