// The console's team API (havre/console/team_api.py): the queue, duty,
// handing on, joining, heavy marks and the supervisor overview. Notes
// travel sealed; everything else is ids, names, counts and times.

import { apiRequest } from "../session";

export interface Person {
  id: string;
  name: string;
}

export interface WaitingRow {
  id: string;
  waiting_since: string | null;
  crisis: string | null;
}

export interface MyShift {
  on_duty: boolean;
  since: string | null;
  load: number;
  cap: number;
  joined: string[];
  heavy: number;
  suggest_pause: boolean;
}

export interface QueueState {
  count: number;
  crisis: number;
  oldest: string | null;
  waiting: WaitingRow[];
  me: MyShift;
}

export interface StaffRow extends Person {
  role: "advocate" | "supervisor" | "admin";
  on_duty: boolean;
  since: string | null;
  load: number;
  cap: number;
  own_cap: number | null;
}

export interface NoteRow {
  id: string;
  kind: "handoff" | "note";
  author: Person | null;
  recipient: Person | null;
  epoch: number;
  body_sealed: string;
  created_at: string;
}

export interface ConversationTeam {
  id: string;
  holder: Person | null;
  participants: Person[];
  notes: NoteRow[];
  heavy: boolean;
}

export interface FlaggedRow {
  id: string;
  holder: Person | null;
  crisis: string | null;
  crisis_at: string | null;
  last_inbound_at: string | null;
}

export interface Overview {
  waiting: number;
  oldest: string | null;
  queue: WaitingRow[];
  crisis: FlaggedRow[];
  unanswered: FlaggedRow[];
  /** How many there are in all: each list above holds only the first. */
  crisis_count?: number;
  unanswered_count?: number;
  staff: (StaffRow & { heavy: number })[];
  settings: { max_conversations: number; auto_assign: boolean; no_reply_minutes: number };
}

export interface SealedNote {
  id: string;
  body_sealed: string;
  epoch: number;
}

export interface Handoff {
  conversation: string;
  to: string | null;
  note: SealedNote;
}

/** A "team" event: refetch the queue and loads, or one conversation's team. */
export interface TeamEvent {
  type: "team";
  what: string;
  conversation?: string;
}

export function isTeamEvent(data: Record<string, unknown>): data is Record<string, unknown> & TeamEvent {
  const conversation = data.conversation;
  return data.type === "team" && typeof data.what === "string" && (conversation === undefined || typeof conversation === "string");
}

export class TeamApi {
  constructor(private readonly base: string) {}

  queue(): Promise<QueueState> {
    return apiRequest<QueueState>(`${this.base}queue`);
  }

  people(): Promise<StaffRow[]> {
    return apiRequest<{ people: StaffRow[] }>(`${this.base}people`).then((data) => data.people);
  }

  overview(): Promise<Overview> {
    return apiRequest<Overview>(`${this.base}overview`);
  }

  conversation(id: string): Promise<ConversationTeam> {
    return apiRequest<ConversationTeam>(`${this.base}conversations/${encodeURIComponent(id)}`);
  }

  takeNext(): Promise<{ conversation: string }> {
    return apiRequest(`${this.base}take-next`, {});
  }

  goOnDuty(): Promise<unknown> {
    return apiRequest(`${this.base}duty`, { on_duty: true });
  }

  goOffDuty(handoffs: Handoff[]): Promise<unknown> {
    return apiRequest(`${this.base}duty`, { on_duty: false, handoffs });
  }

  transfer(id: string, to: string | null, note: SealedNote | null, override: boolean): Promise<{ action: string }> {
    return apiRequest(`${this.base}conversations/${encodeURIComponent(id)}/transfer`, { to, note, override });
  }

  join(id: string): Promise<unknown> {
    return apiRequest(`${this.base}conversations/${encodeURIComponent(id)}/join`, {});
  }

  leave(id: string): Promise<unknown> {
    return apiRequest(`${this.base}conversations/${encodeURIComponent(id)}/leave`, {});
  }

  heavy(id: string, heavy: boolean): Promise<unknown> {
    return apiRequest(`${this.base}conversations/${encodeURIComponent(id)}/heavy`, { heavy });
  }

  pauseSeen(): Promise<unknown> {
    return apiRequest(`${this.base}pause-seen`, {});
  }

  settings(values: Overview["settings"]): Promise<unknown> {
    return apiRequest(`${this.base}settings`, values);
  }

  memberCap(userId: string, cap: number | null): Promise<unknown> {
    return apiRequest(`${this.base}people/${encodeURIComponent(userId)}/cap`, { max_conversations: cap });
  }
}
