// The console's API for notices, hours, quick replies and emergency mode
// (havre/protocols/api.py). Errors are SessionErrors from session.ts.

import { SessionError, apiRequest } from "../session";
import type { MessageRow } from "./api";
import { has, t } from "./i18n";

const BASE = "/console/api/protocols/";

export type Language = "en" | "fr";
export type Texts = Record<string, string>;

export interface NoticeInfo {
  key: string;
  texts: Texts;
  /** The texts with their placeholders filled with the program's values, as sent now. */
  previews?: Texts;
  defaults: Texts;
  edited: Record<string, boolean>;
}

export interface QuickReply {
  category: string;
  texts: Texts;
}

export type EmergencyState = { on: false } | { on: true; since: string; by: string | null; reason: string };

export interface Summary {
  program_language: string;
  emergency: EmergencyState;
  open_now: boolean;
  next_opening: string | null;
  notices: NoticeInfo[];
  quick_replies: QuickReply[];
}

export interface Range {
  day: number;
  start: string;
  end: string;
}

export interface Holiday {
  date: string;
  label: string;
}

export interface EmergencyNumber {
  number: string;
  label: Texts;
}

export interface Settings extends Summary {
  time_zone: string;
  time_zones: string[];
  schedule: Range[];
  holidays: Holiday[];
  emergency_numbers: EmergencyNumber[];
  presets: Record<string, EmergencyNumber[]>;
  quick_replies_edited: boolean;
  languages: string[];
}

export const CATEGORIES = ["safety", "understanding", "rights", "hours"] as const;

export function summary(): Promise<Summary> {
  return apiRequest<Summary>(`${BASE}summary`);
}

export function settings(): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}settings`);
}

export function saveNotice(key: string, texts: Texts): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}notices/${encodeURIComponent(key)}`, { texts });
}

export function saveHours(timeZone: string, schedule: Range[], holidays: Holiday[]): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}hours`, { time_zone: timeZone, schedule, holidays });
}

export function saveNumbers(numbers: EmergencyNumber[]): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}numbers`, { numbers });
}

export function saveQuickReplies(replies: QuickReply[]): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}quick-replies`, { replies });
}

export function resetQuickReplies(): Promise<Settings> {
  return apiRequest<Settings>(`${BASE}quick-replies`, { reset: true });
}

export function switchEmergency(on: boolean, reason = ""): Promise<Summary> {
  return apiRequest<Summary>(`${BASE}emergency`, on ? { on, reason } : { on });
}

export function sendNotice(conversationId: string, notice: string, number: string): Promise<MessageRow> {
  return apiRequest<MessageRow>(`${BASE}conversations/${encodeURIComponent(conversationId)}/notice`, { notice, number });
}

/** Queues the closing notice to `number` and closes, in one step on the server. */
export function closeWithNotice(conversationId: string, number: string): Promise<unknown> {
  return apiRequest(`${BASE}conversations/${encodeURIComponent(conversationId)}/close`, { number });
}

/** Why a change to the protocols was refused, in words. */
export function refusalText(error: unknown): string {
  if (error instanceof SessionError && error.status === 0) return t("reply.error.network");
  const code = error instanceof SessionError ? error.code : "error_generic";
  return has(`protocols.error.${code}`) ? t(`protocols.error.${code}`) : t("protocols.error.generic", { code });
}
