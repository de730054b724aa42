// An idle conversation where the texter wrote last: she is owed the closing
// notice. The server cannot send it (it never holds her number), so the sweep
// leaves the conversation open and says so here; closing it with the notice
// is the usual closing, whose number this page decrypts. If nobody does, the
// sweep closes it without the notice at the time shown.

import type { ConversationRow } from "./api";
import { byId, el } from "./dom";
import { formatWhen, t } from "./i18n";

export function showOwedNotice(container: HTMLElement, row: ConversationRow | null): void {
  const until = row?.status === "open" ? (row.closing_notice_owed_until ?? null) : null;
  if (until === null) {
    container.replaceChildren();
    container.hidden = true;
    return;
  }
  const button = el("button", { type: "button", id: "owed-notice-close" }, t("owed.close"));
  button.addEventListener("click", () => {
    byId<HTMLInputElement>("close-with-notice").checked = true;
    byId("close-button").click();
  });
  container.hidden = false;
  container.replaceChildren(el("p", { id: "owed-notice-text" }, t("owed.text", { when: formatWhen(until) })), button);
}
