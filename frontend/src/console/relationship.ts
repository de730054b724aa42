// The ongoing relationship of the conversation on screen, in its side panel.
//
// Marked, her route and sealed number outlive the conversation's closing, so
// her next text finds the same thread of work; ending it erases them at once
// when the conversation is closed, or at closing otherwise. Both ask first,
// saying which.

import { SessionError, apiRequest } from "../session";
import type { ConversationRow } from "./api";
import { el } from "./dom";
import { formatWhen, t } from "./i18n";

export interface RelationshipHost {
  announce(text: string): void;
  signedOut(): void;
  /** Fetch the conversation on screen again (its row says whether it is marked). */
  refresh(): Promise<void>;
}

export class RelationshipPanel {
  readonly root: HTMLElement;
  #row: ConversationRow | null = null;
  #asking: "mark" | "end" | null = null;
  #error = "";
  #busy = false;

  /** `prefix` names this panel's elements: one in the side panel, one per row of the list. */
  constructor(
    private readonly host: RelationshipHost,
    private readonly prefix = "relationship",
    private readonly heading: "h3" | "h4" = "h3",
  ) {
    this.root = el("section", { class: "relationship", id: prefix, "aria-labelledby": `${prefix}-title`, hidden: "" });
  }

  update(row: ConversationRow | null): void {
    if (row?.id !== this.#row?.id) {
      this.#asking = null;
      this.#error = "";
    }
    this.#row = row;
    this.#render();
  }

  clear(): void {
    this.#row = null;
    this.#asking = null;
    this.#error = "";
    this.root.replaceChildren();
    this.root.hidden = true;
  }

  retranslate(): void {
    this.#render();
  }

  /** The heading: the panel's name, or in the list whom it concerns. */
  title(): string {
    return this.label ?? t("relationship.title");
  }

  /** In the list of ongoing relationships, the texter it is with (decrypted by the page). */
  label: string | null = null;

  #render(): void {
    const row = this.#row;
    // A closed conversation without a relationship has nothing left to keep.
    if (row === null || (row.status !== "open" && row.ongoing_since === null)) {
      this.root.replaceChildren();
      this.root.hidden = true;
      return;
    }
    this.root.hidden = false;
    const marked = row.ongoing_since !== null;
    const parts: Node[] = [
      el(this.heading, { id: `${this.prefix}-title` }, this.title()),
      el("p", { id: `${this.prefix}-state` }, marked ? t("relationship.marked", { when: formatWhen(row.ongoing_since) }) : t("relationship.none")),
    ];
    if (this.#asking === null) {
      const button = el("button", { type: "button", id: `${this.prefix}-${marked ? "end" : "mark"}` }, t(marked ? "relationship.end" : "relationship.mark"));
      button.addEventListener("click", () => {
        this.#asking = marked ? "end" : "mark";
        this.#error = "";
        this.#render();
        this.root.querySelector<HTMLButtonElement>(`#${this.prefix}-yes`)?.focus();
      });
      parts.push(button);
    } else {
      const question =
        this.#asking === "mark" ? "relationship.mark_confirm" : row.status === "open" ? "relationship.end_confirm_open" : "relationship.end_confirm_closed";
      const yes = el(
        "button",
        { type: "button", id: `${this.prefix}-yes`, class: this.#asking === "end" ? "danger" : "primary", "aria-describedby": `${this.prefix}-question` },
        t(this.#asking === "mark" ? "relationship.mark_yes" : "relationship.end_yes"),
      );
      const no = el("button", { type: "button", id: `${this.prefix}-no` }, t("relationship.cancel"));
      yes.addEventListener("click", () => void this.#change(this.#asking === "mark"));
      no.addEventListener("click", () => {
        this.#asking = null;
        this.#render();
        this.root.querySelector<HTMLButtonElement>("button")?.focus();
      });
      parts.push(el("div", { class: "confirm" }, el("p", { id: `${this.prefix}-question` }, t(question)), el("div", { class: "actions" }, yes, no)));
    }
    parts.push(el("p", { class: "form-error", role: "alert" }, this.#error));
    this.root.replaceChildren(...parts);
  }

  async #change(ongoing: boolean): Promise<void> {
    const row = this.#row;
    if (row === null || this.#busy) return;
    this.#busy = true;
    try {
      await apiRequest(`/console/api/conversations/${encodeURIComponent(row.id)}/ongoing`, { ongoing });
      this.#asking = null;
      this.#error = "";
      this.host.announce(t(ongoing ? "relationship.marked_done" : "relationship.ended_done"));
      await this.host.refresh();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.host.signedOut();
        return;
      }
      const code = error instanceof SessionError ? error.code : "error_generic";
      this.#asking = null;
      this.#error = code === "not_allowed" ? t("relationship.not_allowed") : t("relationship.error", { code });
    } finally {
      this.#busy = false;
    }
    this.#render();
    this.root.querySelector<HTMLButtonElement>("button")?.focus();
  }
}
