// Notices in the conversation: how a sent notice shows in the thread, and the
// menu that re-sends any notice in one click.
//
// A stored notice is only its key; the thread shows its name, not a text that
// the program may have reworded since it was sent.

import { SessionError } from "../session";
import type { MessageRow } from "./api";
import { el } from "./dom";
import { has, t } from "./i18n";
import { type NoticeInfo, sendNotice } from "./protocols-api";

export interface ToolsHost {
  /** The conversation on screen and its number, decrypted here; null when there is none. */
  openConversation(): Promise<{ id: string; number: string } | null>;
  sent(message: MessageRow): void;
  announce(text: string): void;
  signedOut(): void;
}

export function noticeName(key: string): string {
  const name = `protocols.notice.name.${key}`;
  return has(name) ? t(name) : key;
}

/** The line a notice shows in the thread, in place of a text. */
export function noticeLine(message: MessageRow): HTMLParagraphElement {
  return el("p", { class: "message-notice" }, t("protocols.notice.sent", { name: noticeName(message.notice) }));
}

/** Who the thread says sent a message, when it is a notice nobody clicked. */
export function automaticAuthor(message: MessageRow): string | null {
  return message.notice !== "" && message.author === null ? t("protocols.notice.automatic") : null;
}

export function errorText(error: unknown, fallback: string): string {
  if (error instanceof SessionError && error.status === 0) return t("reply.error.network");
  const code = error instanceof SessionError ? error.code : "error_generic";
  for (const key of [`reply.error.${code}`, `team_work.error.${code}`]) if (has(key)) return t(key);
  return t(fallback, { code });
}

export class NoticeMenu {
  #details: HTMLDetailsElement | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: ToolsHost,
  ) {}

  render(notices: NoticeInfo[], language: string): void {
    const status = el("p", { class: "notice-menu-status", role: "status" });
    const list = el("ul", { class: "notice-menu-list" });
    for (const notice of notices) {
      const button = el("button", { type: "button", "data-notice": notice.key }, noticeName(notice.key));
      button.addEventListener("click", () => void this.#send(notice.key, list, status));
      list.append(el("li", {}, button, el("p", { class: "notice-preview" }, notice.previews?.[language] ?? notice.texts[language] ?? "")));
    }
    const open = this.#details?.open ?? false;
    this.#details = el(
      "details",
      { class: "notice-menu" },
      el("summary", {}, t("protocols.menu.label")),
      el("p", { class: "hint" }, t("protocols.menu.intro", { language: t(`protocols.language.${language}`) })),
      list,
      status,
    );
    this.#details.open = open;
    this.container.replaceChildren(this.#details);
  }

  clear(): void {
    this.#details = null;
    this.container.replaceChildren();
  }

  async #send(key: string, list: HTMLElement, status: HTMLElement): Promise<void> {
    const buttons = [...list.querySelectorAll("button")];
    for (const button of buttons) button.disabled = true;
    status.textContent = "";
    try {
      const open = await this.host.openConversation();
      if (open === null) throw new SessionError("no_program_key");
      const message = await sendNotice(open.id, key, open.number);
      this.host.sent(message);
      const done = t("protocols.menu.sent", { name: noticeName(key) });
      status.textContent = done;
      this.host.announce(done);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      status.textContent = errorText(error, "protocols.menu.failed");
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }
}
