// The console's JSON API (havre/console/api.py). Errors are SessionErrors
// from session.ts: `status` 401 means signed out, 0 means no connection.

import { apiRequest } from "../session";

export type Direction = "in" | "out";
export type Delivery = "received" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed";

export interface ConversationRow {
  id: string;
  status: "open" | "closed";
  seq: number;
  created_at: string;
  last_activity_at: string;
  last_inbound_at: string | null;
  closed_at: string | null;
  /** An ongoing relationship: the route and sealed number outlive closing until it ends. */
  ongoing_since: string | null;
  /** Idle with her text last: the closing notice is owed; it closes without it at this time. */
  closing_notice_owed_until?: string | null;
  /** `kind`: what texters' addresses are (phone numbers, WhatsApp ids...); `removed`: no reply can leave. */
  channel: { id: string; provider: string; kind: string; address: string; removed: boolean };
  /** On WhatsApp and Messenger, when a reply stops being allowed (24 hours after her last message). */
  reply_window_closes_at: string | null;
  number_epoch: number;
  number_sealed: string;
  /** Set by crisis triage when a text matched (never the words that did). */
  crisis_category: "suicide" | "danger" | null;
  /** The texter's language ("fr", "en"), from her first text or an advocate; "" while unknown. */
  language?: string;
  crisis_at: string | null;
  /** Who holds it (null: it waits in the queue), and since when it waits. */
  holder: { id: string; name: string } | null;
  queued_at: string | null;
}

export interface MessageRow {
  id: string;
  seq: number;
  updated_seq: number;
  direction: Direction;
  epoch: number;
  body_sealed: string;
  media_count: number;
  /** An inbound text over the length limit: only its beginning was kept. */
  cut?: boolean;
  /** The key of the notice this message is (its text is the program's), or "". */
  notice: string;
  status: Delivery;
  error_code: string;
  author: { id: string; name: string } | null;
  created_at: string;
}

export interface ConversationDetail extends ConversationRow {
  messages: MessageRow[];
}

export interface ReplyRequest {
  message_id: string;
  body: string;
  body_sealed: string;
  number: string;
  epoch: number;
}

export interface ChatReplyRequest {
  message_id: string;
  body_sealed: string;
  visitor_sealed: string;
  number: string;
  epoch: number;
}

export interface Urls {
  inbox: string;
  conversations: string;
}

export class ConsoleApi {
  constructor(private readonly urls: Urls) {}

  async inbox(): Promise<ConversationRow[]> {
    const data = await apiRequest<{ conversations: ConversationRow[] }>(this.urls.inbox);
    return data.conversations;
  }

  conversation(id: string, after?: number): Promise<ConversationDetail> {
    const query = after === undefined ? "" : `?after=${after}`;
    return apiRequest<ConversationDetail>(`${this.urls.conversations}${encodeURIComponent(id)}${query}`);
  }

  reply(id: string, request: ReplyRequest): Promise<MessageRow> {
    return apiRequest<MessageRow>(`${this.urls.conversations}${encodeURIComponent(id)}/reply`, request);
  }

  /** Queue again a text that ended failed, from the text the server still holds for it. */
  retry(id: string, messageId: string): Promise<MessageRow> {
    const base = `${this.urls.conversations}${encodeURIComponent(id)}`;
    return apiRequest<MessageRow>(`${base}/messages/${encodeURIComponent(messageId)}/retry`, {});
  }

  /** A web chat visitor's public key, to seal a reply to her. */
  chatVisitor(id: string): Promise<{ public_key: string; present: boolean }> {
    return apiRequest(`/console/api/chat/conversations/${encodeURIComponent(id)}`);
  }

  /** A web chat reply: sealed to the program key and to the visitor's, never sent in clear. */
  chatReply(id: string, request: ChatReplyRequest): Promise<MessageRow> {
    return apiRequest<MessageRow>(`/console/api/chat/conversations/${encodeURIComponent(id)}/reply`, request);
  }

  close(id: string): Promise<unknown> {
    return apiRequest(`${this.urls.conversations}${encodeURIComponent(id)}/close`, {});
  }
}
