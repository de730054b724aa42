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

export class QuickReplies {
  #language: string | null = null;
  #details: HTMLDetailsElement | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly textarea: HTMLTextAreaElement,
    private readonly announce: (text: string) => void,
  ) {}

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
    this.#details = el("details", { class: "quick-replies" }, el("summary", {}, t("protocols.quick.label")), group, ...sections);
    this.#details.open = open;
    this.container.replaceChildren(this.#details);
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
    const { value, start, end } = insertQuickReply(this.textarea.value, text);
    this.textarea.value = value;
    this.textarea.dispatchEvent(new Event("input"));
    if (this.#details !== null) this.#details.open = false;
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
    this.announce(t("protocols.quick.inserted"));
  }
}
