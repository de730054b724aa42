// Quick replies by the reply box: the advocate picks one, it fills the reply
// box, and is sent like any reply (sealed in this page) once read over.

import { el } from "./dom";
import { t } from "./i18n";
import { CATEGORIES, type QuickReply } from "./protocols-api";

/**
 * The reply box's text after picking `reply`, and what to select in it: an
 * ellipsis marks where the advocate completes the sentence.
 */
export function insertQuickReply(current: string, reply: string): { value: string; start: number; end: number } {
  const joiner = current === "" || /\s$/.test(current) ? "" : " ";
  let gap = reply.indexOf("…");
  let text = reply;
  if (gap > 0 && !/\s/.test(reply.charAt(gap - 1))) {
    // "that…?" becomes "that …?", so that what is typed over the ellipsis is a word of its own.
    text = `${reply.slice(0, gap)} ${reply.slice(gap)}`;
    gap += 1;
  }
  const value = current + joiner + text;
  const offset = current.length + joiner.length;
  if (gap >= 0) return { value, start: offset + gap, end: offset + gap + 1 };
  return { value, start: value.length, end: value.length };
}

/** Folds case and accents, so that "reponse" finds "Réponse". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** Whether a quick reply matches what was typed in its filter: every word, anywhere in it. */
export function matchesFilter(text: string, filter: string): boolean {
  const haystack = folded(text);
  return folded(filter)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export class QuickReplies {
  #language: string | null = null;
  #details: HTMLDetailsElement | null = null;
  #filter = "";

  constructor(
    private readonly container: HTMLElement,
    private readonly textarea: HTMLTextAreaElement,
    private readonly announce: (text: string) => void,
  ) {
    // "/" in an empty reply box opens the quick replies, ready to filter.
    textarea.addEventListener("keydown", (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || textarea.value !== "") return;
      if (this.#details === null) return;
      event.preventDefault();
      this.openFiltered();
    });
  }

  /** Opens the list with its filter focused (the "/" of the reply box, or a shortcut). */
  openFiltered(): void {
    const details = this.#details;
    if (details === null) return;
    details.open = true;
    details.querySelector<HTMLInputElement>(".quick-filter input")?.focus();
  }

  render(replies: QuickReply[], languages: string[], programLanguage: string): void {
    const language = this.#language ?? programLanguage;
    const group = el("fieldset", { class: "quick-language" }, el("legend", {}, t("protocols.quick.language")));
    for (const code of languages) {
      const radio = el("input", { type: "radio", name: "quick-language", value: code });
      radio.checked = code === language;
      radio.addEventListener("change", () => {
        this.#language = code;
        this.render(replies, languages, programLanguage);
        this.container.querySelector<HTMLInputElement>(`input[value="${code}"]`)?.focus();
      });
      group.append(el("label", {}, radio, ` ${t(`protocols.language.${code}`)}`));
    }
    const sections: HTMLElement[] = [];
    for (const category of CATEGORIES) {
      const texts = replies.filter((r) => r.category === category).map((r) => r.texts[language] ?? "").filter(Boolean);
      if (texts.length === 0) continue;
      const list = el("ul", { class: "quick-list" });
      for (const text of texts) {
        const button = el("button", { type: "button", class: "quick-reply", lang: language }, text);
        button.addEventListener("click", () => this.#pick(text));
        list.append(el("li", {}, button));
      }
      sections.push(el("section", {}, el("h3", {}, t(`protocols.category.${category}`)), list));
    }
    if (sections.length === 0) sections.push(el("p", { class: "hint" }, t("protocols.quick.none")));
    const open = this.#details?.open ?? false;
    const filter = el("input", { type: "search", id: "quick-filter", autocomplete: "off", spellcheck: "false" });
    filter.value = this.#filter;
    const status = el("p", { class: "hint quick-filter-status", role: "status" });
    filter.addEventListener("input", () => {
      this.#filter = filter.value;
      this.#applyFilter(status);
    });
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.container.querySelector<HTMLButtonElement>(".quick-list li:not([hidden]) .quick-reply")?.click();
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (this.#details !== null) this.#details.open = false;
        this.textarea.focus();
      }
    });
    const filterField = el(
      "p",
      { class: "quick-filter" },
      el("label", { for: "quick-filter" }, t("desk.quick_filter")),
      " ",
      filter,
    );
    this.#details = el(
      "details",
      { class: "quick-replies" },
      el("summary", {}, t("protocols.quick.label")),
      filterField,
      status,
      group,
      ...sections,
    );
    this.#details.open = open;
    // A redraw (the settings changed elsewhere) keeps the advocate in the filter she is typing in.
    const typing = document.activeElement?.id === "quick-filter";
    this.container.replaceChildren(this.#details);
    this.#applyFilter(status);
    if (typing) filter.focus();
  }

  #applyFilter(status: HTMLElement): void {
    let shown = 0;
    for (const item of this.container.querySelectorAll<HTMLLIElement>(".quick-list li")) {
      item.hidden = !matchesFilter(item.textContent ?? "", this.#filter);
      if (!item.hidden) shown += 1;
    }
    for (const section of this.container.querySelectorAll<HTMLElement>(".quick-replies section")) {
      section.hidden = section.querySelector(".quick-list li:not([hidden])") === null;
    }
    status.textContent = this.#filter.trim() === "" ? "" : t(shown === 0 ? "desk.quick_none" : "desk.quick_shown", { n: shown });
  }

  /** Another conversation, or its texter's language changed: preset to hers again. */
  followTexter(): void {
    this.#language = null;
  }

  clear(): void {
    this.#details = null;
    this.#language = null;
    this.container.replaceChildren();
  }

  #pick(text: string): void {
    this.#filter = "";
    const filter = this.container.querySelector<HTMLInputElement>("#quick-filter");
    const status = this.container.querySelector<HTMLElement>(".quick-filter-status");
    if (filter !== null) filter.value = "";
    if (status !== null) this.#applyFilter(status);
    const { value, start, end } = insertQuickReply(this.textarea.value, text);
    this.textarea.value = value;
    this.textarea.dispatchEvent(new Event("input"));
    if (this.#details !== null) this.#details.open = false;
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
    this.announce(t("protocols.quick.inserted"));
  }
}
