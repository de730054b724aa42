// What a conversation's channel means for the people in it: its name, what it
// lets others see, and, on WhatsApp and Messenger, until when a reply may go.

import type { ConversationRow } from "./api";
import { byId } from "./dom";
import { formatWhen, has, t } from "./i18n";

/** The channel's name as staff know it: SMS, WhatsApp, Messenger, Signal. */
export function channelName(row: ConversationRow): string {
  const key = `channel.kind.${row.channel.kind}`;
  return has(key) ? t(key) : row.channel.provider;
}

/** One sentence on who can see what on this channel. */
export function privacyLine(row: ConversationRow): string {
  const key = `channel.privacy.${row.channel.kind}`;
  return has(key) ? t(key) : "";
}

export interface ReplyWindow {
  closesAt: Date;
  open: boolean;
}

/** When the channel stops letting a reply go; null on channels without such a window. */
export function replyWindow(row: ConversationRow, now: Date = new Date()): ReplyWindow | null {
  if (row.reply_window_closes_at === null) return null;
  const closesAt = new Date(row.reply_window_closes_at);
  return { closesAt, open: now.getTime() < closesAt.getTime() };
}

/** Why a reply can or cannot go now, in words; "" when nothing limits it. */
export function answerLine(row: ConversationRow, now: Date = new Date()): string {
  if (row.channel.removed) return t("reply.channel_removed");
  const window = replyWindow(row, now);
  if (window === null) return "";
  const values = { channel: channelName(row), when: formatWhen(window.closesAt.toISOString()) };
  return window.open ? t("reply.window.open", values) : t("reply.window.closed", values);
}

/** Whether the channel takes a reply now. */
export function mayReplyNow(row: ConversationRow, now: Date = new Date()): boolean {
  if (row.channel.removed) return false;
  const window = replyWindow(row, now);
  return window === null || window.open;
}

let windowTimer: number | undefined;

/**
 * Shows the channel's privacy line and reply window for the open conversation,
 * and calls `changed` again when the window closes while the page is open.
 */
export function showChannel(row: ConversationRow | null, changed: () => void): void {
  window.clearTimeout(windowTimer);
  byId("conversation-privacy").textContent = row === null ? "" : privacyLine(row);
  const line = row === null ? "" : answerLine(row);
  const status = byId("reply-window");
  status.textContent = line;
  status.hidden = line === "";
  const allowed = row === null || mayReplyNow(row);
  byId<HTMLTextAreaElement>("reply-text").disabled = !allowed;
  byId<HTMLButtonElement>("reply-send").disabled = !allowed;
  const window_ = row === null ? null : replyWindow(row);
  if (window_ !== null && window_.open) {
    const wait = window_.closesAt.getTime() - Date.now();
    // Timers fire unreliably beyond about 24 days; the window is a day at most.
    if (wait < 2 ** 31 - 1) windowTimer = window.setTimeout(changed, wait + 500);
  }
}
