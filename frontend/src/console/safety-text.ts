// Texts and small DOM pieces the safety modules share: error messages,
// check-in intervals and the inbox's "check-in due" badge.

import { SessionError } from "../session";
import type { ConversationRow } from "./api";
import { el } from "./dom";
import { has, t, tn } from "./i18n";
import { safetyOf } from "./safety-api";

/** Check-in intervals offered, in hours. */
export const CHECKIN_CHOICES = [24, 48, 72, 168, 336];

export function intervalText(hours: number): string {
  return hours % 24 === 0 ? tn("safety.checkin.every_days", hours / 24) : tn("safety.checkin.every_hours", hours);
}

/** What to tell staff when a safety request failed. */
export function safetyErrorText(error: unknown): string {
  if (error instanceof SessionError && error.status === 0) return t("safety.error.network");
  const code = error instanceof SessionError ? error.code : "error_generic";
  return has(`safety.error.${code}`) ? t(`safety.error.${code}`) : t("safety.error.generic", { code });
}

export function isSignedOut(error: unknown): boolean {
  return error instanceof SessionError && error.status === 401;
}

/** Badges for an inbox row: a check-in that came due. */
export function safetyBadges(row: ConversationRow): HTMLElement[] {
  return safetyOf(row)?.checkin_due ? [el("span", { class: "badge badge-checkin" }, t("safety.checkin.due_badge"))] : [];
}
