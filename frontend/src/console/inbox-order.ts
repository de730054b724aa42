// The inbox's order, a pure function of its rows (tested in Node).
//
// First the queue, in the order it is served (havre/conversations/queueing.py
// `waiting`): crisis first, then the longest wait. Then the conversations
// someone holds: crisis first, then the most recent activity.

import type { ConversationRow } from "./api";

function waitingSince(row: ConversationRow): string {
  return row.queued_at ?? row.created_at;
}

/** Times are ISO strings in UTC: their characters sort as the times do. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(a: ConversationRow, b: ConversationRow): number {
  const queued = Number(b.holder === null) - Number(a.holder === null);
  if (queued !== 0) return queued;
  const crisis = Number(b.crisis_category !== null) - Number(a.crisis_category !== null);
  if (crisis !== 0) return crisis;
  if (a.holder === null) {
    return (
      byText(waitingSince(a), waitingSince(b)) || byText(a.created_at, b.created_at) || byText(a.id, b.id)
    );
  }
  return (
    byText(b.last_activity_at, a.last_activity_at) || byText(b.created_at, a.created_at) || byText(a.id, b.id)
  );
}

export function inboxOrder(rows: Iterable<ConversationRow>): ConversationRow[] {
  return [...rows].sort(compare);
}
