// The safety tools of the conversation on screen: a check-in that came due,
// the code word, check-ins and blocking the number.
//
// The code word is sealed here to the program key and only ever opened here,
// in memory, to compare it with what the person says: the page shows
// "matches" or "does not match", never the word, and empties the fields as
// soon as they have been used.

import { SessionError } from "../session";
import type { ConversationRow } from "./api";
import type { Desk } from "./desk";
import { el } from "./dom";
import { formatWhen, t } from "./i18n";
import type { Reader } from "./reader";
import { type SafetyAnswer, type SafetyState, safetyApi, safetyOf } from "./safety-api";
import { CHECKIN_CHOICES, intervalText, isSignedOut, safetyErrorText } from "./safety-text";
import {
  CODE_WORD_MAX_CHARS,
  LABEL_MAX_CHARS,
  blockLabelInfo,
  codeWordInfo,
  normaliseCodeWord,
  openText,
  sameCodeWord,
  sealText,
} from "./sealed";

export interface PanelHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  announce(text: string): void;
  signedOut(): void;
}

const SNOOZE_HOURS = { hour: 1, tomorrow: 24 } as const;

/** An input for a secret: masked, never offered to autofill or password managers. */
function secretInput(id: string, describedBy?: string): HTMLInputElement {
  return el("input", {
    id,
    type: "password",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    maxlength: String(CODE_WORD_MAX_CHARS),
    "data-1p-ignore": "true",
    "data-lpignore": "true",
    "data-bwignore": "true",
    "aria-describedby": describedBy,
  });
}

function translated(tag: "p" | "span" | "label" | "button" | "h3" | "strong", key: string, attributes: Record<string, string> = {}): HTMLElement {
  return el(tag, { ...attributes, "data-t": key }, t(key));
}

export class SafetyPanel {
  readonly root: HTMLElement;
  #shown: string | null = null;
  #busy = false;
  /** The last comparison's outcome, kept as a key so that it follows the language. */
  #outcome: "matches" | "differs" | null = null;
  readonly #due = el("div", { class: "checkin-due", id: "checkin-due", hidden: "" });
  readonly #dueWhen = el("p", { class: "meta" });
  readonly #codeSummary = el("span", { class: "safety-summary" });
  readonly #attempt = secretInput("codeword-attempt");
  readonly #result = el("p", { id: "codeword-result", class: "codeword-result", role: "status" });
  readonly #verifyForm = el("form", { class: "stack", autocomplete: "off", method: "post" });
  readonly #newWord = secretInput("codeword-new", "codeword-new-hint");
  readonly #newLabel = el("label", { for: "codeword-new" });
  readonly #save = el("button", { type: "submit", class: "primary" });
  readonly #clearWord = translated("button", "safety.codeword.clear", { type: "button", class: "quiet" }) as HTMLButtonElement;
  readonly #codeError = el("p", { class: "form-error", role: "alert" });
  readonly #checkinSummary = el("span", { class: "safety-summary" });
  readonly #every = el("select", { id: "checkin-every" });
  readonly #next = el("p", { class: "meta" });
  readonly #stop = translated("button", "safety.checkin.stop", { type: "button", class: "quiet" }) as HTMLButtonElement;
  readonly #checkinError = el("p", { class: "form-error", role: "alert" });
  readonly #label = el("input", {
    id: "block-label",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    maxlength: String(LABEL_MAX_CHARS),
    required: "",
    "aria-describedby": "block-label-hint",
  });
  readonly #blockError = el("p", { class: "form-error", role: "alert" });
  readonly #blockSubmit = translated("button", "safety.block.submit", { type: "submit", class: "danger" }) as HTMLButtonElement;
  readonly #blockConfirm = el(
    "div",
    { class: "confirm block-confirm", hidden: "" },
    translated("p", "safety.block.confirm", { id: "block-question" }),
    el(
      "div",
      { class: "actions" },
      translated("button", "safety.block.confirm_yes", { type: "button", class: "danger", "aria-describedby": "block-question" }),
      translated("button", "safety.block.confirm_no", { type: "button" }),
    ),
  );
  readonly #details: HTMLDetailsElement[] = [];

  constructor(private readonly host: PanelHost) {
    this.root = el(
      "section",
      { class: "safety", "aria-labelledby": "safety-title", hidden: "" },
      translated("h3", "safety.title", { id: "safety-title", class: "visually-hidden" }),
      this.#buildDue(),
      this.#tool("safety.codeword.title", this.#codeSummary, this.#buildCodeWord()),
      this.#tool("safety.checkin.title", this.#checkinSummary, this.#buildCheckins()),
      this.#tool("safety.block.title", null, this.#buildBlock()),
    );
  }

  // -- structure ------------------------------------------------------------------

  #tool(titleKey: string, summary: HTMLElement | null, ...body: Node[]): HTMLDetailsElement {
    const heading = el("summary", {}, translated("span", titleKey, { class: "safety-tool-title" }));
    if (summary !== null) heading.append(" ", summary);
    const details = el("details", { class: "safety-tool" }, heading, ...body);
    this.#details.push(details);
    return details;
  }

  #buildDue(): HTMLElement {
    const button = (key: string, act: () => Promise<SafetyAnswer>): HTMLButtonElement => {
      const node = translated("button", key, { type: "button" }) as HTMLButtonElement;
      node.addEventListener("click", () => void this.#run(this.#checkinError, act));
      return node;
    };
    this.#due.append(
      el("p", {}, translated("strong", "safety.checkin.due_title"), " ", translated("span", "safety.checkin.due_text")),
      this.#dueWhen,
      el(
        "div",
        { class: "actions" },
        button("safety.checkin.done", () => safetyApi.checkinDone(this.#id())),
        button("safety.checkin.snooze_hour", () => safetyApi.snooze(this.#id(), SNOOZE_HOURS.hour)),
        button("safety.checkin.snooze_tomorrow", () => safetyApi.snooze(this.#id(), SNOOZE_HOURS.tomorrow)),
      ),
    );
    return this.#due;
  }

  #buildCodeWord(): HTMLElement {
    this.#verifyForm.append(
      translated("p", "safety.codeword.verify_intro"),
      el("div", { class: "field" }, translated("label", "safety.codeword.attempt", { for: "codeword-attempt" }), this.#attempt),
      el("div", { class: "actions" }, translated("button", "safety.codeword.check", { type: "submit" })),
      this.#result,
    );
    this.#verifyForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#verify();
    });
    const setForm = el(
      "form",
      { method: "post", class: "stack", autocomplete: "off" },
      el(
        "div",
        { class: "field" },
        this.#newLabel,
        this.#newWord,
        translated("p", "safety.codeword.new_hint", { id: "codeword-new-hint", class: "hint" }),
      ),
      this.#codeError,
      el("div", { class: "actions" }, this.#save, this.#clearWord),
    );
    setForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#saveCodeWord();
    });
    this.#clearWord.addEventListener("click", () => {
      this.#showOutcome(null);
      void this.#run(this.#codeError, () => safetyApi.clearCodeWord(this.#id()), t("safety.codeword.cleared"));
    });
    return el("div", { class: "stack" }, this.#verifyForm, setForm);
  }

  #buildCheckins(): HTMLElement {
    const form = el(
      "form",
      { method: "post", class: "stack" },
      translated("p", "safety.checkin.intro"),
      el("div", { class: "field" }, translated("label", "safety.checkin.every_label", { for: "checkin-every" }), this.#every),
      this.#checkinError,
      el("div", { class: "actions" }, translated("button", "safety.checkin.save", { type: "submit" }), this.#stop),
      this.#next,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const hours = Number(this.#every.value);
      void this.#run(this.#checkinError, () => safetyApi.setCheckins(this.#id(), hours), t("safety.checkin.saved"));
    });
    this.#stop.addEventListener("click", () => {
      void this.#run(this.#checkinError, () => safetyApi.stopCheckins(this.#id()), t("safety.checkin.stopped"));
    });
    return form;
  }

  #buildBlock(): HTMLElement {
    const form = el(
      "form",
      { method: "post", class: "stack", autocomplete: "off" },
      translated("p", "safety.block.intro"),
      el(
        "div",
        { class: "field" },
        translated("label", "safety.block.label", { for: "block-label" }),
        this.#label,
        translated("p", "safety.block.label_hint", { id: "block-label-hint", class: "hint" }),
      ),
      this.#blockError,
      el("div", { class: "actions" }, this.#blockSubmit),
      this.#blockConfirm,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#askToBlock();
    });
    const [yes, no] = this.#blockConfirm.querySelectorAll("button");
    yes?.addEventListener("click", () => {
      this.#confirmBlock(false);
      void this.#block();
    });
    no?.addEventListener("click", () => {
      this.#confirmBlock(false);
      this.#blockSubmit.focus();
    });
    return form;
  }

  /** Blocking closes the conversation at once: like closing, it asks first. */
  #askToBlock(): void {
    this.#blockError.textContent = "";
    if (this.#label.value.trim() === "") {
      this.#blockError.textContent = t("safety.block.label_missing");
      this.#label.focus();
      return;
    }
    this.#confirmBlock(true);
    this.#blockConfirm.querySelector<HTMLButtonElement>("button")?.focus();
  }

  #confirmBlock(asking: boolean): void {
    this.#blockConfirm.hidden = !asking;
    this.#blockSubmit.hidden = asking;
  }

  // -- showing the conversation's state --------------------------------------------------

  /** The conversation on screen changed (another one, or new data for it). */
  update(row: ConversationRow | null): void {
    const id = row?.id ?? null;
    if (id !== this.#shown) this.reset();
    this.#shown = id;
    const state = safetyOf(row);
    this.root.hidden = row === null || row.status !== "open" || state === null;
    if (row === null || state === null) return;
    this.#render(state);
  }

  /** Empties every field and closes the tools (another conversation, or the console locked). */
  reset(): void {
    for (const input of [this.#attempt, this.#newWord, this.#label]) input.value = "";
    for (const node of [this.#result, this.#codeError, this.#checkinError, this.#blockError]) node.textContent = "";
    for (const details of this.#details) details.open = false;
    this.#confirmBlock(false);
    this.#showOutcome(null);
  }

  #showOutcome(outcome: "matches" | "differs" | null, text?: string): void {
    this.#outcome = outcome;
    this.#result.className = outcome === null ? "codeword-result" : `codeword-result ${outcome}`;
    this.#result.textContent = outcome === null ? (text ?? "") : t(`safety.codeword.${outcome}`);
  }

  clear(): void {
    this.reset();
    this.#shown = null;
    this.root.hidden = true;
  }

  /** Texts that are not marked with data-t (translatePage covers the others). */
  retranslate(): void {
    this.update(this.host.desk?.open?.row ?? null);
    if (this.#outcome !== null) this.#showOutcome(this.#outcome);
    else this.#result.textContent = "";
  }

  #render(state: SafetyState): void {
    this.#due.hidden = !state.checkin_due;
    this.#dueWhen.textContent = state.checkin_due_at === null ? "" : t("safety.checkin.due_since", { when: formatWhen(state.checkin_due_at) });
    this.#codeSummary.textContent = state.code_word ? t("safety.codeword.recorded") : t("safety.codeword.none");
    this.#verifyForm.hidden = !state.code_word;
    this.#newLabel.textContent = state.code_word ? t("safety.codeword.replace_label") : t("safety.codeword.new_label");
    this.#save.textContent = state.code_word ? t("safety.codeword.replace") : t("safety.codeword.save");
    this.#clearWord.hidden = !state.code_word;

    const every = state.checkin_every_hours;
    this.#checkinSummary.textContent = every === null ? t("safety.checkin.off") : intervalText(every);
    const choices = every === null || CHECKIN_CHOICES.includes(every) ? CHECKIN_CHOICES : [...CHECKIN_CHOICES, every].sort((a, b) => a - b);
    const selected = String(every ?? 72);
    this.#every.replaceChildren(
      ...choices.map((hours) => el("option", { value: String(hours), selected: String(hours) === selected ? "" : undefined }, intervalText(hours))),
    );
    this.#every.value = selected;
    this.#stop.hidden = every === null;
    this.#next.textContent =
      every !== null && state.checkin_due_at !== null && !state.checkin_due
        ? t("safety.checkin.next", { when: formatWhen(state.checkin_due_at) })
        : "";
  }

  // -- actions ----------------------------------------------------------------------------

  #id(): string {
    const id = this.host.desk?.open?.id;
    if (id === undefined) throw new Error("no conversation on screen");
    return id;
  }

  /** Runs one request, shows its error where it belongs, then catches the conversation up. */
  async #run(errorNode: HTMLElement, act: () => Promise<unknown>, done?: string): Promise<boolean> {
    const desk = this.host.desk;
    if (desk === null || this.#busy) return false;
    this.#busy = true;
    errorNode.textContent = "";
    try {
      await act();
      if (done !== undefined) this.host.announce(done);
      await desk.refreshOpen();
      return true;
    } catch (error) {
      if (isSignedOut(error)) this.host.signedOut();
      else errorNode.textContent = safetyErrorText(error);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  async #saveCodeWord(): Promise<void> {
    const reader = this.host.reader;
    const word = normaliseCodeWord(this.#newWord.value);
    if (reader === null) return;
    if (word === "") {
      this.#codeError.textContent = t("safety.codeword.empty");
      this.#newWord.focus();
      return;
    }
    const id = this.#id();
    // The field is emptied before the request leaves: the word is on the page no longer than needed.
    this.#newWord.value = "";
    this.#showOutcome(null);
    const send = async (): Promise<SafetyAnswer> => {
      const epoch = await reader.keyring.sealingKey();
      const sealed = await sealText(epoch.publicKey, word, codeWordInfo(reader.programId, id));
      return safetyApi.setCodeWord(id, sealed, epoch.number);
    };
    await this.#run(
      this.#codeError,
      async () => {
        try {
          return await send();
        } catch (error) {
          if (!(error instanceof SessionError && error.code === "stale_epoch")) throw error;
          await reader.refreshKeys();
          return send();
        }
      },
      t("safety.codeword.saved"),
    );
  }

  async #verify(): Promise<void> {
    const reader = this.host.reader;
    const said = this.#attempt.value;
    if (reader === null || this.#busy) return;
    this.#attempt.value = "";
    this.#showOutcome(null);
    if (normaliseCodeWord(said) === "") {
      this.#showOutcome(null, t("safety.codeword.attempt_empty"));
      return;
    }
    const id = this.#id();
    this.#busy = true;
    try {
      const stored = await safetyApi.codeWord(id);
      const word = await openText(reader.keyring.programKey(stored.epoch), stored.sealed, codeWordInfo(reader.programId, id));
      if (this.host.desk?.open?.id !== id) return;
      if (word === null) {
        this.#showOutcome(null, t("safety.codeword.locked"));
        return;
      }
      this.#showOutcome((await sameCodeWord(said, word)) ? "matches" : "differs");
    } catch (error) {
      if (isSignedOut(error)) this.host.signedOut();
      else this.#showOutcome(null, safetyErrorText(error));
    } finally {
      this.#busy = false;
    }
  }

  async #block(): Promise<void> {
    const reader = this.host.reader;
    const row = this.host.desk?.open?.row ?? null;
    const label = this.#label.value.trim();
    if (reader === null || row === null) return;
    if (label === "") {
      this.#blockError.textContent = t("safety.block.label_missing");
      this.#label.focus();
      return;
    }
    const number = await reader.number(row);
    if (number === null) {
      this.#blockError.textContent = t("safety.error.no_program_key");
      return;
    }
    const blockId = crypto.randomUUID();
    const epoch = await reader.keyring.sealingKey();
    const sealed = await sealText(epoch.publicKey, label, blockLabelInfo(reader.programId, blockId));
    const blocked = await this.#run(
      this.#blockError,
      () => safetyApi.block(row.id, { id: blockId, number, label_sealed: sealed, epoch: epoch.number }),
      t("safety.block.done"),
    );
    if (blocked) this.#label.value = "";
  }
}
