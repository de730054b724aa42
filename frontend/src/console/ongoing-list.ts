// The ongoing relationships of conversations already closed, whose route and
// sealed number are kept until someone ends them: a supervisor sees the
// program's, an advocate those she held last. The texters are named here from
// their numbers, decrypted in this page; ending one erases its number now.

import { SessionError, apiRequest } from "../session";
import type { ConversationRow } from "./api";
import { el } from "./dom";
import { t } from "./i18n";
import { RelationshipPanel } from "./relationship";

export interface OngoingListHost {
  announce(text: string): void;
  signedOut(): void;
  labelFor(row: ConversationRow): Promise<string>;
}

export class OngoingList {
  readonly root: HTMLElement;
  readonly #toggle = el("button", { type: "button", class: "quiet", "aria-expanded": "false", "aria-controls": "ongoing-list-body" });
  readonly #body = el("div", { id: "ongoing-list-body", class: "stack", hidden: "" });
  readonly #status = el("p", { role: "status" });
  readonly #list = el("ul", { class: "ongoing-list" });
  #ticket = 0;

  constructor(private readonly host: OngoingListHost) {
    this.#body.append(this.#status, this.#list);
    this.root = el(
      "section",
      { class: "ongoing-relationships", "aria-labelledby": "ongoing-list-title" },
      el("h2", { id: "ongoing-list-title" }),
      this.#toggle,
      this.#body,
    );
    this.retranslate();
    this.#toggle.addEventListener("click", () => {
      const open = this.#body.hidden;
      this.#body.hidden = !open;
      this.#toggle.setAttribute("aria-expanded", String(open));
      if (open) void this.refresh();
      else this.#list.replaceChildren();
    });
  }

  clear(): void {
    this.#ticket += 1;
    this.#list.replaceChildren();
    this.#status.textContent = "";
    this.#body.hidden = true;
    this.#toggle.setAttribute("aria-expanded", "false");
  }

  retranslate(): void {
    this.root.querySelector("h2")!.textContent = t("relationship.list_title");
    this.#toggle.textContent = t("relationship.list_show");
    if (!this.#body.hidden) void this.refresh();
  }

  async refresh(): Promise<void> {
    const ticket = ++this.#ticket;
    this.#status.textContent = t("records.loading");
    let rows: ConversationRow[];
    try {
      rows = (await apiRequest<{ conversations: ConversationRow[] }>("/console/api/ongoing")).conversations;
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      else if (ticket === this.#ticket) this.#status.textContent = t("relationship.list_error");
      return;
    }
    const labels = await Promise.all(rows.map((row) => this.host.labelFor(row)));
    if (ticket !== this.#ticket) return;
    this.#status.textContent = rows.length === 0 ? t("relationship.list_none") : "";
    this.#list.replaceChildren(
      ...rows.map((row, index) => {
        const panel = new RelationshipPanel(
          {
            announce: (text) => this.host.announce(text),
            signedOut: () => this.host.signedOut(),
            refresh: () => this.refresh(),
          },
          `ongoing-${row.id}`,
        );
        panel.label = labels[index] ?? "";
        panel.update(row);
        return el("li", {}, panel.root);
      }),
    );
  }
}
