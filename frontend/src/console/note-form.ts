// The side panel's form for a staff note of kind "note": sealed here to the
// program key, so the server keeps only ciphertext; the crew panel lists it
// once the server's team event arrives.

import { SessionError, apiRequest } from "../session";
import type { Desk } from "./desk";
import { el } from "./dom";
import { t } from "./i18n";
import { sealNote } from "./notes";
import type { Reader } from "./reader";

export interface NoteFormHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  announce(text: string): void;
  signedOut(): void;
}

const NOTE_MAX_CHARS = 2000;

function translated<K extends "label" | "p" | "button" | "h3">(tag: K, key: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  return el(tag, { ...attributes, "data-t": key }, t(key));
}

export class NoteForm {
  readonly #text = el("textarea", {
    id: "note-text",
    rows: "3",
    maxlength: String(NOTE_MAX_CHARS),
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": "note-hint note-error",
  });
  readonly #error = el("p", { id: "note-error", class: "form-error", role: "alert" });
  readonly #form: HTMLFormElement;
  #busy = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: NoteFormHost,
  ) {
    this.#form = el(
      "form",
      { method: "post", class: "stack note-form", autocomplete: "off", "aria-labelledby": "note-title" },
      translated("h3", "note.title", { id: "note-title" }),
      translated("label", "note.label", { for: "note-text" }),
      this.#text,
      translated("p", "note.hint", { id: "note-hint", class: "hint" }),
      this.#error,
      el("div", { class: "actions" }, translated("button", "note.save", { type: "submit" })),
    );
    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#save();
    });
    container.replaceChildren(this.#form);
    container.hidden = true;
  }

  /** The conversation on screen changed: the form follows it (a new one starts empty). */
  update(conversationId: string | null): void {
    if (this.container.dataset.conversation !== (conversationId ?? "")) this.clear();
    this.container.dataset.conversation = conversationId ?? "";
    this.container.hidden = conversationId === null;
  }

  /** Forgets what was typed (another conversation, or the console locked). */
  clear(): void {
    this.#text.value = "";
    this.#error.textContent = "";
  }

  async #save(): Promise<void> {
    const open = this.host.desk?.open ?? null;
    const reader = this.host.reader;
    const text = this.#text.value.trim();
    this.#error.textContent = "";
    if (open === null || reader === null || this.#busy) return;
    if (text === "") {
      this.#error.textContent = t("note.empty");
      this.#text.focus();
      return;
    }
    this.#busy = true;
    try {
      const note = await sealNote(reader, open.id, text);
      await apiRequest(`/console/api/team/conversations/${encodeURIComponent(open.id)}/notes`, { note });
      if (this.host.desk?.open?.id === open.id) this.#text.value = "";
      this.host.announce(t("note.saved"));
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      const code = error instanceof SessionError ? error.code : "error";
      this.#error.textContent = t("note.failed", { code });
    } finally {
      this.#busy = false;
    }
  }
}
