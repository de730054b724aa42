// What the console says of a text that was not sent, and whether it offers to try again.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { loadCatalogues } from "../src/console/i18n.ts";
import { failureText, isFailure, mayRetry } from "../src/console/render.ts";

globalThis.document ??= { documentElement: {} };
loadCatalogues(
  {
    en: {
      "status.failed_help": "Not received. Error code: {code}.",
      "status.failed_help_plain": "Not received.",
      "status.failed.texter-stopped": "Not sent: the texter asked to stop.",
    },
  },
  "en",
);

function out(status, error_code = "") {
  return { id: "m1", direction: "out", status, error_code, seq: 3, updated_seq: 4, notice: "", author: null };
}

describe("a text that was not sent", () => {
  test("a provider's refusal says its code and can be tried again", () => {
    const refused = out("failed", "network");
    assert.ok(isFailure(refused));
    assert.ok(mayRetry(refused));
    assert.equal(failureText(refused), "Not received. Error code: network.");
  });

  test("one cancelled by the texter's STOP says so, and is never offered again", () => {
    const stopped = out("failed", "texter-stopped");
    assert.ok(isFailure(stopped));
    assert.equal(mayRetry(stopped), false);
    assert.equal(failureText(stopped), "Not sent: the texter asked to stop.");
  });
});
