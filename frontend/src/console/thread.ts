// The conversation on screen: its messages, the reply box and closing it.

import { SessionError } from "../session";
import type { ConversationRow, MessageRow } from "./api";
import { showCrisisMarker } from "./crisis";
import { channelName, mayReplyNow, showChannel } from "./channel-info";
import { type Desk, ReplyRefused } from "./desk";
import { byId } from "./dom";
import { formatWhen, has, t } from "./i18n";
import type { Reader } from "./reader";
import { closeWithNotice } from "./protocols-api";
import { chosenCodes, resetWrapUp, saveWrapUp } from "./reports-wrapup";
import { showTexterLanguage } from "./texter-language";
import { failureText, isFailure, messageItem, messageVersion } from "./render";

export interface ThreadHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  readonly myId: string;
  readonly maxChars: number;
  labelFor(row: ConversationRow): Promise<string>;
  /** Someone else holds it and the member has not joined: no reply box. */
  mayAnswer(row: ConversationRow): boolean;
  announce(text: string): void;
  signedOut(): void;
}

export class Thread {
  #ticket = 0;
  #rendering: Promise<void> = Promise.resolve();
  /** The reply being sent: the same text to the same conversation keeps its id. */
  #draft: { conversation: string; text: string; id: string } | null = null;

  constructor(private readonly host: ThreadHost) {
    const reply = byId<HTMLTextAreaElement>("reply-text");
    reply.addEventListener("input", () => this.updateReplyHint());
    reply.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        byId<HTMLFormElement>("reply-form").requestSubmit();
      }
    });
    byId<HTMLFormElement>("reply-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#send();
    });
    byId("close-button").addEventListener("click", () => {
      void resetWrapUp(byId("wrapup-fields"));
      byId("close-confirm").hidden = false;
      byId("close-no").focus();
    });
    byId("close-no").addEventListener("click", () => this.hideCloseConfirm());
    byId("close-confirm").addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hideCloseConfirm();
    });
    byId("close-yes").addEventListener("click", () => void this.#close());
  }

  /** A different conversation is about to show: forget the previous one's notices. */
  switching(): void {
    this.hideCloseConfirm();
    byId("reply-error").textContent = "";
    byId("conversation-notice").textContent = "";
  }

  /** Removes every decrypted text (the console locked). */
  clear(): void {
    this.#ticket += 1;
    this.#draft = null;
    byId("message-list").replaceChildren();
    for (const id of ["conversation-title", "conversation-meta", "conversation-notice", "reply-error"]) {
      byId(id).textContent = "";
    }
    byId<HTMLTextAreaElement>("reply-text").value = "";
    showCrisisMarker(byId("conversation-crisis"), null);
    byId("conversation-body").hidden = true;
    byId("conversation-none").hidden = false;
    byId("close-confirm").hidden = true;
  }

  render(added: MessageRow[], changed: MessageRow[], initial: boolean): Promise<void> {
    this.#rendering = this.#render(added, changed, initial);
    return this.#rendering;
  }

  /** Resolves once the latest render has reached the page. */
  settled(): Promise<void> {
    return this.#rendering;
  }

  async #render(added: MessageRow[], changed: MessageRow[], initial: boolean): Promise<void> {
    const { desk, reader } = this.host;
    const open = desk?.open ?? null;
    const ticket = ++this.#ticket;
    if (desk === null || reader === null || open === null) {
      byId("conversation-body").hidden = true;
      byId("conversation-none").hidden = false;
      return;
    }
    const messages = [...open.messages.values()].sort((a, b) => a.seq - b.seq);
    const texts = await Promise.all(messages.map((m) => reader.text(open.id, m)));
    const label = open.row === null ? "" : await this.host.labelFor(open.row);
    if (ticket !== this.#ticket || desk.open !== open) return;

    byId("conversation-none").hidden = true;
    byId("conversation-body").hidden = false;
    byId("conversation-title").textContent = label ? t("conversation.title", { texter: label }) : t("conversation.loading");
    const row = open.row;
    byId("conversation-meta").textContent =
      row === null
        ? ""
        : [
            t("conversation.via", { channel: channelName(row), address: row.channel.address }),
            t("conversation.started", { when: formatWhen(row.created_at) }),
          ].join(" · ");
    showCrisisMarker(byId("conversation-crisis"), row);
    showTexterLanguage(byId("texter-language"), row, {
      announce: (text) => this.host.announce(text),
      signedOut: () => this.host.signedOut(),
      changed: () => void desk.refreshOpen(),
    });
    const closed = row?.status === "closed";
    byId("close-button").hidden = row === null || closed;
    byId("reply-form").hidden = row === null || closed || !this.host.mayAnswer(row);
    showChannel(row, () => void this.#render([], [], false));
    byId("conversation-notice").textContent = open.failed
      ? t("page.error")
      : closed
        ? t(row?.blocked === true ? "conversation.closed_blocked" : "conversation.closed")
        : open.seq === null
          ? t("conversation.loading")
          : messages.length === 0
            ? t("conversation.empty")
            : "";

    const list = byId("message-list");
    const nearBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 80;
    this.#renderMessages(messages, texts);
    this.updateReplyHint();

    if (!initial) {
      const textOf = new Map(messages.map((m, i) => [m.id, texts[i] ?? null]));
      for (const message of added) {
        if (message.direction !== "in") continue;
        this.host.announce(t("message.new_from_texter", { text: textOf.get(message.id) ?? t("message.locked") }));
      }
      for (const message of changed) {
        if (isFailure(message)) this.host.announce(failureText(message));
      }
    }
    if ((initial && open.seq !== null) || (added.length > 0 && nearBottom)) {
      // The thread scrolls in its own pane: its latest messages sit just above the reply box.
      list.scrollTop = list.scrollHeight;
    }
  }

  #renderMessages(messages: MessageRow[], texts: (string | null)[]): void {
    const list = byId("message-list");
    const existing = new Map<string, HTMLElement>();
    for (const child of list.children) existing.set((child as HTMLElement).dataset.id ?? "", child as HTMLElement);
    const nodes = messages.map((message, i) => {
      const node = existing.get(message.id);
      if (node !== undefined && node.dataset.version === messageVersion(message)) return node;
      return messageItem(
        message,
        texts[i] ?? null,
        this.host.myId,
        (text) => this.#putBack(text),
        (id, button) => void this.#retry(id, button),
      );
    });
    // Unchanged rows stay where they are, so that focus and reading position stay put.
    const keep = new Set<Element>(nodes);
    for (const child of [...list.children]) if (!keep.has(child)) child.remove();
    let cursor = list.firstElementChild;
    for (const node of nodes) {
      if (cursor === node) cursor = cursor.nextElementSibling;
      else list.insertBefore(node, cursor);
    }
  }

  async #retry(messageId: string, button: HTMLButtonElement): Promise<void> {
    const desk = this.host.desk;
    if (desk === null || button.disabled) return;
    button.disabled = true;
    try {
      await desk.retry(messageId);
      this.host.announce(t("status.tried_again"));
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      button.disabled = false;
      if (this.host.desk === desk) byId("conversation-notice").textContent = replyErrorText(error);
      if (error instanceof SessionError && REFRESHING_CODES.has(error.code)) void desk.refreshOpen();
    }
  }

  #putBack(text: string): void {
    const reply = byId<HTMLTextAreaElement>("reply-text");
    reply.value = text;
    this.updateReplyHint();
    reply.focus();
  }

  updateReplyHint(): void {
    const count = [...byId<HTMLTextAreaElement>("reply-text").value].length;
    const max = this.host.maxChars;
    const error = byId("reply-error");
    byId("reply-hint").textContent = t("reply.hint", { count, max });
    if (count > max) error.textContent = t("reply.too_long", { max });
    else if (error.textContent === t("reply.too_long", { max })) error.textContent = "";
  }

  async #send(): Promise<void> {
    const desk = this.host.desk;
    const open = desk?.open ?? null;
    const textarea = byId<HTMLTextAreaElement>("reply-text");
    const button = byId<HTMLButtonElement>("reply-send");
    const text = textarea.value;
    if (desk === null || open === null || button.disabled || text.trim() === "") return;
    if ([...text].length > this.host.maxChars) {
      byId("reply-error").textContent = t("reply.too_long", { max: this.host.maxChars });
      return;
    }
    if (this.#draft === null || this.#draft.conversation !== open.id || this.#draft.text !== text) {
      this.#draft = { conversation: open.id, text, id: crypto.randomUUID() };
    }
    button.disabled = true;
    button.textContent = t("reply.sending");
    byId("reply-error").textContent = "";
    try {
      await desk.reply(text, this.#draft.id);
      if (this.host.desk === desk && textarea.value === text) textarea.value = "";
      this.#draft = null;
      this.updateReplyHint();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      if (this.host.desk === desk) byId("reply-error").textContent = replyErrorText(error);
      if (error instanceof SessionError && REFRESHING_CODES.has(error.code)) void desk.refreshOpen();
    } finally {
      button.disabled = open.row !== null && !mayReplyNow(open.row);
      button.textContent = t("reply.send");
    }
  }

  hideCloseConfirm(): void {
    if (byId("close-confirm").hidden) return;
    byId("close-confirm").hidden = true;
    byId("close-button").focus();
  }

  async #close(): Promise<void> {
    const desk = this.host.desk;
    if (desk === null) return;
    const yes = byId<HTMLButtonElement>("close-yes");
    yes.disabled = true;
    try {
      const closing = desk.open?.id;
      const codes = chosenCodes(byId("wrapup-fields"));
      await desk.close(byId<HTMLInputElement>("close-with-notice").checked ? closeWithNotice : undefined);
      byId("close-confirm").hidden = true;
      if (closing !== undefined) void saveWrapUp(closing, codes, (text) => this.host.announce(text));
      this.host.announce(t("conversation.closed_now"));
      byId("conversation-title").focus();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      byId("close-confirm").hidden = true;
      if (error instanceof SessionError && error.code === "conversation_closed") void desk.refreshOpen();
      else byId("conversation-notice").textContent = replyErrorText(error);
    } finally {
      yes.disabled = false;
    }
  }
}

// Refusals after which the conversation's row is out of date: fetch it again.
const REFRESHING_CODES = new Set(["conversation_closed", "window_closed", "channel_removed"]);

function replyErrorText(error: unknown): string {
  if (error instanceof SessionError && error.status === 0) return t("reply.error.network");
  const code = error instanceof ReplyRefused || error instanceof SessionError ? error.code : "error_generic";
  if (has(`reply.error.${code}`)) return t(`reply.error.${code}`);
  return t("reply.error.generic", { code });
}
