// Pure pieces of the console's protocols: filling the reply box with a quick
// reply, and the times of the opening hours as <input type=time> shows them.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { insertQuickReply } from "../src/console/quick-replies.ts";
import { endTime, shownTime } from "../src/console/settings-bits.ts";

describe("a quick reply in the reply box", () => {
  test("fills an empty box and puts the cursor at the end", () => {
    assert.deepEqual(insertQuickReply("", "Take your time."), { value: "Take your time.", start: 15, end: 15 });
  });

  test("follows what is already typed, with one space", () => {
    assert.equal(insertQuickReply("Thank you.", "Take your time.").value, "Thank you. Take your time.");
    assert.equal(insertQuickReply("Thank you. ", "Take your time.").value, "Thank you. Take your time.");
  });

  test("selects the ellipsis to be typed over, as a word of its own", () => {
    const filled = insertQuickReply("", "Did I understand you correctly that…?");
    assert.equal(filled.value, "Did I understand you correctly that …?");
    assert.equal(filled.value.slice(filled.start, filled.end), "…");
    const french = insertQuickReply("Merci.", "Est-ce que j'ai bien compris que… ?");
    assert.equal(french.value.slice(french.start, french.end), "…");
    assert.equal(french.value, "Merci. Est-ce que j'ai bien compris que … ?");
    const spaced = insertQuickReply("", "Let me check that I understood: … Is that right?");
    assert.equal(spaced.value, "Let me check that I understood: … Is that right?");
    assert.equal(spaced.start, 32);
  });
});

describe("closing at midnight", () => {
  test("00:00 as a closing time is the end of the day", () => {
    assert.equal(endTime("00:00"), "24:00");
    assert.equal(endTime("17:00"), "17:00");
    assert.equal(shownTime("24:00"), "00:00");
    assert.equal(shownTime("09:30"), "09:30");
  });
});
