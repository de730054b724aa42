// The inbox's filters and its search, pure functions of the rows (tested in Node).
//
// The search runs over what this page has decrypted (the texter's label, her
// number and the last message of each row it has drawn): the server holds
// only ciphertext and could not search it, so nothing typed here leaves the page.

import type { ConversationRow } from "./api";

export const SHOWS = ["all", "mine", "queue", "unread", "waiting", "crisis"] as const;
export type Show = (typeof SHOWS)[number];

export interface InboxFilter {
  show: Show;
  /** A channel's id, or "" for every channel. */
  channel: string;
  /** What the member typed; "" for no search. */
  search: string;
}

export const NO_FILTER: InboxFilter = { show: "all", channel: "", search: "" };

/** The texter wrote last: nobody has answered since. */
export function awaitingReply(row: ConversationRow): boolean {
  return row.status === "open" && row.last_inbound_at !== null && row.last_inbound_at >= row.last_activity_at;
}

export function isFiltered(filter: InboxFilter): boolean {
  return filter.show !== "all" || filter.channel !== "" || filter.search.trim() !== "";
}

function shown(row: ConversationRow, show: Show, myId: string): boolean {
  switch (show) {
    case "all":
      return true;
    case "mine":
      return row.holder?.id === myId;
    case "queue":
      return row.holder === null;
    case "unread":
      return (row.unread ?? 0) > 0;
    case "waiting":
      return awaitingReply(row);
    case "crisis":
      return row.crisis_category !== null;
  }
}

/** Lower case, accents and spacing folded, so "Hélène" finds "helene" and "514 555" finds "514555". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[\s().-]+/g, "");
}

/**
 * The rows the filter keeps, in their order. `decrypted(row)` is what this
 * page has opened of the row (undefined when it has opened nothing yet):
 * a search cannot find what the page has not decrypted.
 */
export function filterRows(
  rows: readonly ConversationRow[],
  filter: InboxFilter,
  myId: string,
  decrypted: (row: ConversationRow) => string | undefined,
): ConversationRow[] {
  const wanted = fold(filter.search);
  return rows.filter((row) => {
    if (!shown(row, filter.show, myId)) return false;
    if (filter.channel !== "" && row.channel.id !== filter.channel) return false;
    if (wanted === "") return true;
    const known = decrypted(row);
    return known !== undefined && fold(known).includes(wanted);
  });
}
