// Writing first to a known client: the one path where the helpline starts a
// conversation, and only by an advocate's explicit action.
//
// A misdirected text can endanger someone, so the number is typed twice,
// with autofill off, both must agree, and its last digits are typed again
// after the page shows them. The server checks all of it again, refuses a
// blocked number, and reuses an open conversation with the same number; the
// message then goes out as an ordinary reply, sealed here.

import { SessionError } from "../session";
import type { ConsoleApi } from "./api";
import { el } from "./dom";
import { t } from "./i18n";
import type { Reader } from "./reader";
import { type ChannelEntry, safetyApi } from "./safety-api";
import { isSignedOut, safetyErrorText } from "./safety-text";

export const CONFIRM_DIGITS = 4;

/** The number as typed, without spaces or punctuation: digits and a leading "+". */
export function compactNumber(text: string): string {
  const trimmed = text.trim();
  return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/\D/g, "");
}

/** Whether the two entries are the same number, typed the same way. */
export function sameNumber(first: string, second: string): boolean {
  const a = compactNumber(first);
  return a.replace("+", "").length >= CONFIRM_DIGITS && a === compactNumber(second);
}

export function lastDigits(text: string, count = CONFIRM_DIGITS): string {
  return text.replace(/\D/g, "").slice(-count);
}

/** "8139" as "81 39", the way people read digits aloud. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, "$1 ");
}

export interface WriteFirstHost {
  readonly reader: Reader | null;
  readonly api: ConsoleApi;
  readonly maxChars: number;
  announce(text: string): void;
  signedOut(): void;
  openConversation(id: string): Promise<void>;
}

function field(id: string, labelKey: string, control: HTMLElement, hintId?: string, hintKey?: string): HTMLElement {
  const parts: Node[] = [el("label", { for: id, "data-t": labelKey }, t(labelKey)), control];
  if (hintId !== undefined && hintKey !== undefined) parts.push(el("p", { id: hintId, class: "hint", "data-t": hintKey }, t(hintKey)));
  return el("div", { class: "field" }, ...parts);
}

function numberInput(id: string): HTMLInputElement {
  // No name, and autocomplete off: nothing for the browser to fill from a contact card.
  return el("input", { id, type: "text", inputmode: "tel", autocomplete: "off", spellcheck: "false", "data-1p-ignore": "true", "data-lpignore": "true", required: "" });
}

export class WriteFirst {
  readonly root: HTMLElement;
  readonly #toggle = el("button", { type: "button", "aria-expanded": "false", "aria-controls": "write-first-body", "data-t": "safety.write.open" });
  readonly #body = el("div", { id: "write-first-body", class: "write-first-body", hidden: "" });
  readonly #channel = el("select", { id: "write-first-channel" });
  readonly #first = numberInput("write-first-a");
  readonly #second = numberInput("write-first-b");
  readonly #message = el("textarea", { id: "write-first-message", rows: "3", required: "", spellcheck: "false" });
  readonly #error = el("p", { class: "form-error", role: "alert" });
  readonly #entry = el("form", { class: "stack", autocomplete: "off", method: "post" });
  readonly #confirm = el("form", { class: "stack confirm", autocomplete: "off", hidden: "", method: "post" });
  readonly #question = el("p", { id: "write-first-question" });
  readonly #digits = el("input", { id: "write-first-digits", type: "text", inputmode: "numeric", autocomplete: "off", spellcheck: "false", maxlength: String(CONFIRM_DIGITS), "aria-describedby": "write-first-question", class: "code-input" });
  readonly #confirmError = el("p", { class: "form-error", role: "alert" });
  readonly #send = el("button", { type: "submit", class: "primary", "data-t": "safety.write.send" });
  #channels: ChannelEntry[] = [];
  #sending = false;

  constructor(private readonly host: WriteFirstHost) {
    this.#toggle.textContent = t("safety.write.open");
    this.#send.textContent = t("safety.write.send");
    this.#entry.append(
      el("p", { "data-t": "safety.write.intro" }, t("safety.write.intro")),
      field("write-first-channel", "safety.write.channel", this.#channel),
      field("write-first-a", "safety.write.number", this.#first),
      field("write-first-b", "safety.write.number_again", this.#second, "write-first-again-hint", "safety.write.number_again_hint"),
      field("write-first-message", "safety.write.message", this.#message),
      this.#error,
      el(
        "div",
        { class: "actions" },
        el("button", { type: "submit", class: "primary", "data-t": "safety.write.continue" }, t("safety.write.continue")),
        this.#cancelButton(),
      ),
    );
    this.#second.setAttribute("aria-describedby", "write-first-again-hint");
    const back = el("button", { type: "button", "data-t": "safety.write.back" }, t("safety.write.back"));
    back.addEventListener("click", () => this.#showEntry());
    this.#confirm.append(
      this.#question,
      field("write-first-digits", "safety.write.digits", this.#digits),
      this.#confirmError,
      el("div", { class: "actions" }, this.#send, back),
    );
    this.#body.append(this.#entry, this.#confirm);
    this.root = el(
      "section",
      { class: "write-first", "aria-labelledby": "write-first-title" },
      el("h2", { id: "write-first-title", class: "visually-hidden", "data-t": "safety.write.title" }, t("safety.write.title")),
      this.#toggle,
      this.#body,
    );
    this.#toggle.addEventListener("click", () => (this.#body.hidden ? void this.#open() : this.close()));
    this.#entry.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#check();
    });
    this.#confirm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#write();
    });
  }

  #cancelButton(): HTMLButtonElement {
    const cancel = el("button", { type: "button", class: "quiet", "data-t": "safety.write.cancel" }, t("safety.write.cancel"));
    cancel.addEventListener("click", () => {
      this.close();
      this.#toggle.focus();
    });
    return cancel;
  }

  async #open(): Promise<void> {
    this.#body.hidden = false;
    this.#toggle.setAttribute("aria-expanded", "true");
    this.#showEntry();
    this.#channel.focus();
    try {
      this.#channels = await safetyApi.channels();
    } catch (error) {
      if (isSignedOut(error)) this.host.signedOut();
      else this.#error.textContent = safetyErrorText(error);
      return;
    }
    this.#channel.replaceChildren(
      ...this.#channels.map((channel) => el("option", { value: channel.id }, channel.address)),
    );
  }

  /** Closes the form and forgets what was typed in it. */
  close(): void {
    this.#body.hidden = true;
    this.#toggle.setAttribute("aria-expanded", "false");
    for (const input of [this.#first, this.#second, this.#message, this.#digits]) input.value = "";
    for (const node of [this.#error, this.#confirmError, this.#question]) node.textContent = "";
    this.#showEntry();
  }

  #showEntry(): void {
    this.#entry.hidden = false;
    this.#confirm.hidden = true;
    this.#digits.value = "";
    this.#confirmError.textContent = "";
  }

  #check(): void {
    this.#error.textContent = "";
    const text = this.#message.value;
    if (!sameNumber(this.#first.value, this.#second.value)) {
      this.#error.textContent = t("safety.error.numbers_differ");
      this.#second.value = "";
      this.#second.focus();
      return;
    }
    if (text.trim() === "") {
      this.#error.textContent = t("safety.write.message_missing");
      this.#message.focus();
      return;
    }
    if ([...text].length > this.host.maxChars) {
      this.#error.textContent = t("reply.too_long", { max: this.host.maxChars });
      return;
    }
    this.#ask();
    this.#entry.hidden = true;
    this.#confirm.hidden = false;
    this.#digits.focus();
  }

  #ask(): void {
    this.#question.textContent = t("safety.write.confirm", {
      digits: groupDigits(lastDigits(this.#first.value)),
      n: CONFIRM_DIGITS,
    });
  }

  /** The one text not marked with data-t: the question naming the last digits. */
  retranslate(): void {
    if (!this.#confirm.hidden) this.#ask();
  }

  async #write(): Promise<void> {
    const reader = this.host.reader;
    if (reader === null || this.#sending) return;
    const typed = this.#digits.value.trim();
    if (typed !== lastDigits(this.#first.value)) {
      this.#confirmError.textContent = t("safety.error.last_digits_wrong");
      this.#digits.value = "";
      this.#digits.focus();
      return;
    }
    const number = this.#first.value;
    const text = this.#message.value;
    this.#sending = true;
    this.#send.disabled = true;
    this.#confirmError.textContent = "";
    try {
      const opened = await safetyApi.writeFirst({
        channel: this.#channel.value,
        number,
        number_again: this.#second.value,
        last_digits: typed,
      });
      const conversation = opened.conversation;
      // The conversation's own number (decrypted), so that the reply's route check passes.
      const to = await reader.number(conversation);
      if (to === null) throw new SessionError("no_program_key");
      const messageId = crypto.randomUUID();
      const send = async () => {
        const { sealed, epoch } = await reader.sealReply(conversation.id, messageId, text);
        return this.host.api.reply(conversation.id, { message_id: messageId, body: text, body_sealed: sealed, number: to, epoch });
      };
      let message;
      try {
        message = await send();
      } catch (error) {
        if (!(error instanceof SessionError && error.code === "stale_epoch")) throw error;
        await reader.refreshKeys();
        message = await send();
      }
      reader.remember(message.id, text);
      this.close();
      this.host.announce(opened.opened ? t("safety.write.sent") : t("safety.write.sent_existing"));
      await this.host.openConversation(conversation.id);
    } catch (error) {
      if (isSignedOut(error)) this.host.signedOut();
      else this.#confirmError.textContent = safetyErrorText(error);
    } finally {
      this.#sending = false;
      this.#send.disabled = false;
    }
  }
}
