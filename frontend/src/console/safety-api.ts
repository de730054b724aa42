// The safety tools' JSON API (havre/safety/api.py), under /console/api/safety/.
// Errors are SessionErrors from session.ts, as for the rest of the console.

import { apiRequest } from "../session";
import type { ConversationRow } from "./api";

const BASE = "/console/api/safety/";

/** What a conversation row says about the safety tools (never the code word itself). */
export interface SafetyState {
  code_word: boolean;
  checkin_every_hours: number | null;
  checkin_due_at: string | null;
  checkin_due: boolean;
}

export type SafetyRow = ConversationRow & { safety?: SafetyState };

export interface SafetyAnswer extends SafetyState {
  id: string;
  status: "open" | "closed";
}

export interface BlockEntry {
  id: string;
  label_sealed: string;
  label_epoch: number;
  created_at: string;
  created_by: string | null;
}

export interface ChannelEntry {
  id: string;
  provider: string;
  address: string;
}

export function safetyOf(row: ConversationRow | null | undefined): SafetyState | null {
  return (row as SafetyRow | null | undefined)?.safety ?? null;
}

function conversation(id: string, action: string): string {
  return `${BASE}conversations/${encodeURIComponent(id)}/${action}`;
}

export const safetyApi = {
  codeWord(id: string): Promise<{ sealed: string; epoch: number }> {
    return apiRequest(conversation(id, "code-word"));
  },
  setCodeWord(id: string, sealed: string, epoch: number): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "code-word"), { sealed, epoch });
  },
  clearCodeWord(id: string): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "code-word/clear"), {});
  },
  setCheckins(id: string, everyHours: number): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "checkins"), { every_hours: everyHours });
  },
  checkinDone(id: string): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "checkins/done"), {});
  },
  snooze(id: string, hours: number): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "checkins/snooze"), { hours });
  },
  stopCheckins(id: string): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "checkins/stop"), {});
  },
  block(id: string, request: { id: string; number: string; label_sealed: string; epoch: number }): Promise<SafetyAnswer> {
    return apiRequest(conversation(id, "block"), request);
  },
  async blocks(): Promise<BlockEntry[]> {
    return (await apiRequest<{ blocks: BlockEntry[] }>(`${BASE}blocks`)).blocks;
  },
  lift(blockId: string): Promise<unknown> {
    return apiRequest(`${BASE}blocks/${encodeURIComponent(blockId)}/lift`, {});
  },
  async channels(): Promise<ChannelEntry[]> {
    return (await apiRequest<{ channels: ChannelEntry[] }>(`${BASE}channels`)).channels;
  },
  writeFirst(request: {
    channel: string;
    number: string;
    number_again: string;
    last_digits: string;
  }): Promise<{ opened: boolean; conversation: ConversationRow }> {
    return apiRequest(`${BASE}write-first`, request);
  },
};
