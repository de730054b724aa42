// What an inbox row says of team work: who holds the conversation, or that
// it waits in the queue. Words, not colour alone.

import type { ConversationRow } from "./api";
import { el } from "./dom";
import { t } from "./i18n";

export function holderBadges(row: ConversationRow, myId: string): HTMLElement[] {
  if (row.status !== "open") return [];
  const badges: HTMLElement[] = [];
  if (row.holder === null || row.holder === undefined) {
    badges.push(el("span", { class: "badge badge-queue" }, t("team_work.badge_waiting")));
  } else if (row.holder.id === myId) {
    badges.push(el("span", { class: "badge badge-mine" }, t("team_work.badge_yours")));
  } else {
    badges.push(el("span", { class: "badge badge-held" }, t("team_work.badge_held", { name: row.holder.name })));
  }
  return badges;
}
