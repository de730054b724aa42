// The console's view of the program's conversations, kept in step with the
// server: the inbox rows, the conversation on screen and its messages.
//
// The database is the source of truth. An event "conversation X is at seq N"
// fetches only that conversation, and only what changed after the seq the
// page already has (so a jump, a lost event, costs no more than one event);
// a conversation the page does not list yet is fetched alone, as its row.
// Only a (re)connection refetches the whole inbox.

import { SessionError } from "../session";
import type { ConsoleApi, ConversationRow, MessageRow, RelatedConversation } from "./api";
import { inboxOrder } from "./inbox-order";
import type { ConversationEvent } from "./live";
import type { Reader } from "./reader";

export interface OpenConversation {
  id: string;
  row: ConversationRow | null;
  messages: Map<string, MessageRow>;
  /** The seq this page has caught up to; null before the first load. */
  seq: number | null;
  /** The first load failed (shown as an error rather than "loading"). */
  failed: boolean;
  /** The texter's other conversations that a kept route still links to this one. */
  related: RelatedConversation[];
}

export interface DeskView {
  inboxChanged(): void;
  /** `added` are messages new to this page; `initial` on the first load of a conversation. */
  conversationChanged(added: MessageRow[], changed: MessageRow[], initial: boolean): void;
  newConversation(row: ConversationRow): void;
  newTextElsewhere(row: ConversationRow): void;
  signedOut(): void;
}

interface Run {
  again: boolean;
  done: Promise<void>;
}

export class ReplyRefused extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "ReplyRefused";
  }
}

export class Desk {
  rows = new Map<string, ConversationRow>();
  /** Conversations with texts that arrived while another one was on screen. */
  fresh = new Set<string>();
  open: OpenConversation | null = null;
  #loaded = false;
  #generation = 0;
  #runs = new Map<string, Run>();

  constructor(
    private readonly api: ConsoleApi,
    private readonly reader: Reader,
    private readonly view: DeskView,
  ) {}

  /** Open conversations in the inbox's order: the queue as it is served, then the rest. */
  sortedRows(): ConversationRow[] {
    return inboxOrder(this.rows.values());
  }

  /** Forgets everything (the console locked); answers still in flight are dropped. */
  clear(): void {
    this.#generation += 1;
    this.rows.clear();
    this.fresh.clear();
    this.open = null;
    this.#loaded = false;
    this.#runs.clear();
  }

  /** After a (re)connection or a lost event: the inbox, then the conversation on screen. */
  async resync(): Promise<void> {
    await this.refreshInbox(false);
    if (this.open !== null) await this.refreshOpen();
  }

  onEvent(event: ConversationEvent): void {
    const id = event.conversation;
    const known = this.open?.id === id && this.open.seq !== null ? this.open.seq : this.rows.get(id)?.seq;
    if (known === undefined) {
      // A conversation this page does not list yet: most likely a new one.
      void this.addRow(id, event.seq);
    } else if (event.seq <= known) {
      return;
    } else if (this.open?.id === id) {
      void this.refreshOpen();
    } else {
      void this.refreshRow(id);
    }
  }

  /** A conversation new to this page: its row alone (no messages), not the whole inbox. */
  addRow(id: string, seq: number): Promise<void> {
    return this.#coalesce(`row:${id}`, async (generation) => {
      if (this.rows.has(id) || !this.#loaded) return;
      let found;
      try {
        found = await this.api.conversation(id, seq);
      } catch (error) {
        // Gone already (closed and purged, or not this program's): nothing to list.
        if (error instanceof SessionError && error.status === 404) return;
        throw error;
      }
      const { messages: _messages, related: _related, ...row } = found;
      if (generation !== this.#generation || this.rows.has(id) || row.status !== "open") return;
      this.rows.set(id, row);
      if (this.open?.id !== id) {
        this.fresh.add(id);
        this.view.newConversation(row);
      }
      this.view.inboxChanged();
    });
  }

  /** `followOpen`: also catch up the conversation on screen if its row moved on. */
  refreshInbox(followOpen = true): Promise<void> {
    return this.#coalesce("inbox", async (generation) => {
      const rows = await this.api.inbox();
      if (generation !== this.#generation) return;
      const before = this.rows;
      this.rows = new Map(rows.map((row) => [row.id, row]));
      if (this.#loaded) {
        for (const row of rows) {
          if (row.id === this.open?.id) continue;
          const old = before.get(row.id);
          if (old === undefined) {
            this.fresh.add(row.id);
            this.view.newConversation(row);
          } else if (row.last_inbound_at !== old.last_inbound_at) {
            this.fresh.add(row.id);
            this.view.newTextElsewhere(row);
          }
        }
      }
      for (const id of this.fresh) if (!this.rows.has(id)) this.fresh.delete(id);
      this.#loaded = true;
      this.view.inboxChanged();
      const open = this.open;
      if (followOpen && open !== null && open.seq !== null && (this.rows.get(open.id)?.seq ?? -1) > open.seq) {
        void this.refreshOpen();
      }
    });
  }

  /** Shows a conversation: all of its messages, then only what changes. */
  async select(id: string): Promise<void> {
    if (this.open?.id === id) return;
    this.open = { id, row: this.rows.get(id) ?? null, messages: new Map(), seq: null, failed: false, related: [] };
    this.fresh.delete(id);
    this.view.inboxChanged();
    this.view.conversationChanged([], [], true);
    await this.refreshOpen();
  }

  deselect(): void {
    this.open = null;
    this.view.inboxChanged();
  }

  refreshOpen(): Promise<void> {
    const open = this.open;
    if (open === null) return Promise.resolve();
    return this.#coalesce(`open:${open.id}`, async (generation) => {
      const initial = open.seq === null;
      let detail;
      try {
        detail = await this.api.conversation(open.id, open.seq ?? undefined);
      } catch (error) {
        if (initial && this.open === open && !(error instanceof SessionError && error.status === 401)) {
          open.failed = true;
          this.view.conversationChanged([], [], true);
        }
        throw error;
      }
      if (generation !== this.#generation || this.open !== open) return;
      const { messages, related, ...row } = detail;
      open.related = related ?? [];
      const added: MessageRow[] = [];
      const changed: MessageRow[] = [];
      for (const message of messages) {
        const previous = open.messages.get(message.id);
        if (previous === undefined) added.push(message);
        else if (previous.updated_seq !== message.updated_seq) changed.push(message);
        open.messages.set(message.id, message);
      }
      open.row = row;
      open.seq = open.seq === null ? row.seq : Math.max(open.seq, row.seq);
      open.failed = false;
      if (row.status === "open") this.rows.set(row.id, row);
      else this.rows.delete(row.id);
      this.fresh.delete(row.id);
      this.view.conversationChanged(added, changed, initial);
      this.view.inboxChanged();
      void this.markRead();
    });
  }

  /**
   * The member sees the conversation on screen: her read mark moves to what
   * the page has of it, so its unread count goes (here and on her other
   * screens at their next fetch). Not while the page is hidden: unseen texts
   * stay unread.
   */
  markRead(): Promise<void> {
    const open = this.open;
    if (open === null || open.seq === null || globalThis.document?.visibilityState === "hidden") return Promise.resolve();
    const seq = open.seq;
    const row = this.rows.get(open.id) ?? open.row;
    if (row === null || ((row.read_seq ?? 0) >= seq && (row.unread ?? 0) === 0)) return Promise.resolve();
    return this.#coalesce(`read:${open.id}`, async (generation) => {
      const { read_seq: readSeq } = await this.api.read(open.id, seq);
      if (generation !== this.#generation) return;
      const read = (before: ConversationRow): ConversationRow => ({
        ...before,
        read_seq: Math.max(before.read_seq ?? 0, readSeq),
        unread: before.seq <= readSeq ? 0 : (before.unread ?? 0),
      });
      const now = this.rows.get(open.id);
      if (now !== undefined) this.rows.set(open.id, read(now));
      if (open.row !== null) open.row = read(open.row);
      this.view.inboxChanged();
    });
  }

  refreshRow(id: string): Promise<void> {
    return this.#coalesce(`row:${id}`, async (generation) => {
      const before = this.rows.get(id);
      if (before === undefined) return;
      const { messages, related: _related, ...row } = await this.api.conversation(id, before.seq);
      if (generation !== this.#generation) return;
      if (row.status === "open") this.rows.set(id, row);
      else this.rows.delete(id);
      const texted = messages.some((m) => m.direction === "in" && m.seq > before.seq);
      if (texted && this.open?.id !== id && row.status === "open") {
        this.fresh.add(id);
        this.view.newTextElsewhere(row);
      }
      this.view.inboxChanged();
    });
  }

  /**
   * Seals and sends a reply to the conversation on screen. `messageId` stays
   * the same when the member retries after a lost answer, so the server
   * stores the reply once.
   */
  async reply(text: string, messageId: string): Promise<MessageRow> {
    const open = this.open;
    if (open === null || open.row === null) throw new ReplyRefused("not_found");
    const number = await this.reader.number(open.row);
    if (number === null) throw new ReplyRefused("no_program_key");
    let message: MessageRow;
    try {
      message = await this.#sendReply(open, text, messageId, number);
    } catch (error) {
      if (!(error instanceof SessionError) || error.code !== "stale_epoch") throw error;
      // The program key changed since the unlock: seal to the new one.
      await this.reader.refreshKeys();
      message = await this.#sendReply(open, text, messageId, number);
    }
    this.reader.remember(message.id, text);
    if (this.open === open) {
      const added = !open.messages.has(message.id);
      open.messages.set(message.id, message);
      this.view.conversationChanged(added ? [message] : [], added ? [] : [message], false);
    }
    return message;
  }

  /** Sends again a failed text of the conversation on screen; its new state arrives as an event. */
  async retry(messageId: string): Promise<void> {
    const open = this.open;
    if (open === null) throw new ReplyRefused("not_found");
    const message = await this.api.retry(open.id, messageId);
    if (this.open === open && open.messages.has(message.id)) {
      open.messages.set(message.id, message);
      this.view.conversationChanged([], [message], false);
    }
  }

  /** Closes the conversation on screen; `closer` closes it another way, given its number. */
  async close(closer?: (id: string, number: string) => Promise<unknown>): Promise<void> {
    const open = this.open;
    if (open === null) return;
    if (closer !== undefined && open.row !== null) {
      const number = await this.reader.number(open.row);
      if (number === null) throw new ReplyRefused("no_program_key");
      await closer(open.id, number);
    } else {
      await this.api.close(open.id);
    }
    await this.refreshOpen();
  }

  async #sendReply(open: OpenConversation, text: string, messageId: string, number: string): Promise<MessageRow> {
    const { sealed, epoch } = await this.reader.sealReply(open.id, messageId, text);
    if (open.row?.channel.kind === "webchat") {
      // The words never reach the server: a copy sealed to the visitor's key goes instead.
      const visitor = await this.api.chatVisitor(open.id);
      const visitorSealed = await this.reader.sealForVisitor(open.id, messageId, text, visitor.public_key);
      return this.api.chatReply(open.id, {
        message_id: messageId,
        body_sealed: sealed,
        visitor_sealed: visitorSealed,
        number,
        epoch,
      });
    }
    return this.api.reply(open.id, { message_id: messageId, body: text, body_sealed: sealed, number, epoch });
  }

  /** Runs `work` once at a time per key; a call during a run asks for one more run after it. */
  #coalesce(key: string, work: (generation: number) => Promise<void>): Promise<void> {
    const running = this.#runs.get(key);
    if (running !== undefined) {
      running.again = true;
      return running.done;
    }
    const generation = this.#generation;
    const run: Run = { again: false, done: Promise.resolve() };
    run.done = (async () => {
      try {
        do {
          run.again = false;
          await work(generation);
        } while (run.again && generation === this.#generation);
      } catch (error) {
        if (error instanceof SessionError && error.status === 401 && generation === this.#generation) {
          this.view.signedOut();
        }
        // Anything else (a dropped connection) is caught up at the next reconnection.
      } finally {
        if (this.#runs.get(key) === run) this.#runs.delete(key);
      }
    })();
    this.#runs.set(key, run);
    return run.done;
  }
}
