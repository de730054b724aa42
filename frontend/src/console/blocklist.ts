// The supervisors' list of blocked numbers: labels decrypted here, never a
// number (the server has none to give), and lifting a block.

import { el } from "./dom";
import { formatWhen, t } from "./i18n";
import type { Reader } from "./reader";
import { type BlockEntry, safetyApi } from "./safety-api";
import { isSignedOut, safetyErrorText } from "./safety-text";
import { blockLabelInfo, openText } from "./sealed";

export interface BlockListHost {
  readonly reader: Reader | null;
  announce(text: string): void;
  signedOut(): void;
}

export class BlockList {
  readonly root: HTMLElement;
  readonly #toggle = el("button", { type: "button", class: "quiet", "aria-expanded": "false", "aria-controls": "block-list-body", "data-t": "safety.blocks.show" });
  readonly #body = el("div", { id: "block-list-body", class: "stack", hidden: "" });
  readonly #status = el("p", { role: "status" });
  readonly #list = el("ul", { class: "block-list" });
  #ticket = 0;

  constructor(private readonly host: BlockListHost) {
    this.#toggle.textContent = t("safety.blocks.show");
    this.#body.append(this.#status, this.#list);
    this.root = el(
      "section",
      { class: "safety-blocks", "aria-labelledby": "block-list-title", hidden: "" },
      el("h2", { id: "block-list-title", "data-t": "safety.blocks.title" }, t("safety.blocks.title")),
      this.#toggle,
      this.#body,
    );
    this.#toggle.addEventListener("click", () => {
      const open = this.#body.hidden;
      this.#body.hidden = !open;
      this.#toggle.setAttribute("aria-expanded", String(open));
      if (open) void this.refresh();
      else this.#list.replaceChildren();
    });
  }

  /** Shown to supervisors and admins only; the server refuses the others anyway. */
  show(visible: boolean): void {
    this.root.hidden = !visible;
  }

  clear(): void {
    this.#ticket += 1;
    this.#list.replaceChildren();
    this.#status.textContent = "";
    this.#body.hidden = true;
    this.#toggle.setAttribute("aria-expanded", "false");
    this.root.hidden = true;
  }

  retranslate(): void {
    if (!this.#body.hidden) void this.refresh();
  }

  async refresh(): Promise<void> {
    const reader = this.host.reader;
    if (reader === null) return;
    const ticket = ++this.#ticket;
    this.#status.textContent = t("safety.blocks.loading");
    let entries: BlockEntry[];
    try {
      entries = await safetyApi.blocks();
    } catch (error) {
      if (isSignedOut(error)) this.host.signedOut();
      else if (ticket === this.#ticket) this.#status.textContent = safetyErrorText(error);
      return;
    }
    const labels = await Promise.all(
      entries.map((entry) =>
        openText(reader.keyring.programKey(entry.label_epoch), entry.label_sealed, blockLabelInfo(reader.programId, entry.id)),
      ),
    );
    if (ticket !== this.#ticket) return;
    this.#status.textContent = entries.length === 0 ? t("safety.blocks.empty") : "";
    this.#list.replaceChildren(...entries.map((entry, i) => this.#item(entry, labels[i] ?? null)));
  }

  #item(entry: BlockEntry, label: string | null): HTMLLIElement {
    const name = label ?? t("safety.blocks.label_locked");
    const lift = el("button", { type: "button", "aria-label": t("safety.blocks.lift_named", { label: name }) }, t("safety.blocks.lift"));
    const question = el("p", {}, t("safety.blocks.confirm"));
    const yes = el("button", { type: "button", class: "danger" }, t("safety.blocks.confirm_yes"));
    const no = el("button", { type: "button" }, t("safety.blocks.confirm_no"));
    const confirm = el("div", { class: "confirm", hidden: "" }, question, el("div", { class: "actions" }, yes, no));
    const meta = t("safety.blocks.by", { when: formatWhen(entry.created_at), name: entry.created_by ?? t("message.from_unknown") });
    const item = el("li", { class: "block-entry" }, el("p", { class: "block-label" }, name), el("p", { class: "meta" }, meta), lift, confirm);
    lift.addEventListener("click", () => {
      confirm.hidden = false;
      lift.hidden = true;
      no.focus();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      lift.hidden = false;
      lift.focus();
    });
    yes.addEventListener("click", () => void this.#lift(entry, item, yes));
    return item;
  }

  async #lift(entry: BlockEntry, item: HTMLElement, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await safetyApi.lift(entry.id);
      this.host.announce(t("safety.blocks.lifted"));
      await this.refresh();
      this.#toggle.focus();
    } catch (error) {
      if (isSignedOut(error)) {
        this.host.signedOut();
        return;
      }
      item.append(el("p", { class: "form-error", role: "alert" }, safetyErrorText(error)));
      button.disabled = false;
    }
  }
}
