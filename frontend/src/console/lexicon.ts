// The lexicon editor, for supervisors and admins: the program's lists of
// crisis words, per category and language, one term per line, and a box to
// try sample text against the lists as they stand on the page, saved or not.
//
// Drafts live in this page only; saving replaces one list on the server
// (havre/triage/api.py). The sample text is sent to be assessed and is
// neither stored nor logged there.

import { SessionError, apiRequest } from "../session";
import { el } from "./dom";
import { formatWhen, t, tn } from "./i18n";

type Category = "suicide" | "danger";
type Language = "en" | "fr";

interface ListData {
  category: Category;
  language: Language;
  terms: string[];
  builtin: string[];
  edited: boolean;
  updated_at: string | null;
  updated_by: string | null;
}

interface Hit {
  term: string;
  category: Category;
  language: Language;
  counted: boolean;
  reason: "negated" | "reported" | "other_person" | "joke" | "story" | "everyday" | "past" | null;
}

interface TryResult {
  crisis: boolean;
  category: Category | null;
  hits: Hit[];
}

const CATEGORIES: Category[] = ["suicide", "danger"];
const LANGUAGES: Language[] = ["en", "fr"];

function keyOf(category: Category, language: Language): string {
  return `${category}/${language}`;
}

function linesOf(text: string): string[] {
  return text.split("\n");
}

function sameTerms(text: string, terms: string[]): boolean {
  const typed = linesOf(text)
    .map((line) => line.trim())
    .filter(Boolean);
  return typed.length === terms.length && typed.every((term, i) => term === terms[i]);
}

function listName(category: Category, language: Language): string {
  return t("triage.list.name", { category: t(`triage.category.${category}`), language: t(`triage.language.${language}`) });
}

export interface LexiconEditor {
  /** Draws the editor again in the current language, keeping drafts. */
  retranslate(): void;
  destroy(): void;
}

/** Mounts the editor into `container`; `url` is the API's lexicons endpoint. */
export function mountLexiconEditor(container: HTMLElement, url: string): LexiconEditor {
  const tryUrl = new URL("try", new URL(url, location.href)).pathname;
  const lists = new Map<string, ListData>();
  const drafts = new Map<string, string>();
  let current = { category: "suicide" as Category, language: "en" as Language };
  let loadError = "";
  let sample = "";
  let destroyed = false;

  // The parts that outlive a redraw; the rest is rebuilt by draw().
  const terms = el("textarea", { id: "triage-terms", rows: "16", spellcheck: "false", "aria-describedby": "triage-state" });
  const sampleBox = el("textarea", { id: "triage-sample", rows: "4", spellcheck: "false", "aria-describedby": "triage-try-hint" });
  const state = el("p", { id: "triage-state", class: "hint" });
  const error = el("p", { class: "form-error", role: "alert" });
  const status = el("p", { role: "status", class: "triage-status" });
  const results = el("div", { role: "status", class: "triage-results" });
  const confirm = el("div", { class: "confirm", hidden: "" });

  terms.addEventListener("input", () => {
    drafts.set(keyOf(current.category, current.language), terms.value);
    showState();
  });
  sampleBox.addEventListener("input", () => {
    sample = sampleBox.value;
  });

  function currentList(): ListData | undefined {
    return lists.get(keyOf(current.category, current.language));
  }

  function textOf(category: Category, language: Language): string {
    const key = keyOf(category, language);
    return drafts.get(key) ?? (lists.get(key)?.terms ?? []).join("\n");
  }

  function showState(): void {
    const list = currentList();
    if (list === undefined) {
      state.textContent = loadError || t("triage.loading");
      return;
    }
    const text = textOf(list.category, list.language);
    const count = linesOf(text).filter((line) => line.trim()).length;
    const parts = [tn("lexicon.count", count)];
    if (!sameTerms(text, list.terms)) parts.push(t("triage.state.unsaved"));
    else if (!list.edited) parts.push(t("triage.state.builtin"));
    else if (list.updated_by !== null) parts.push(t("triage.state.edited", { name: list.updated_by, when: formatWhen(list.updated_at) }));
    else parts.push(t("triage.state.edited_anonymous", { when: formatWhen(list.updated_at) }));
    state.textContent = parts.join(" · ");
  }

  function showList(): void {
    terms.value = textOf(current.category, current.language);
    terms.disabled = currentList() === undefined;
    confirm.hidden = true;
    showState();
  }

  function refusal(caught: unknown, category: Category, language: Language): string {
    if (!(caught instanceof SessionError)) return t("triage.error.generic");
    const line = caught.detail.line;
    const problem = `triage.error.${caught.code}`;
    if (typeof line === "number" && t(problem) !== problem) {
      return t("triage.error.line", { list: listName(category, language), line: line + 1, problem: t(problem) });
    }
    if (t(problem) !== problem) return t(problem);
    return t("triage.error.generic");
  }

  async function load(): Promise<void> {
    try {
      const data = await apiRequest<{ lists: ListData[] }>(url);
      for (const list of data.lists) lists.set(keyOf(list.category, list.language), list);
      loadError = "";
    } catch (caught) {
      loadError = refusal(caught, current.category, current.language);
    }
    if (!destroyed) showList();
  }

  function stored(list: ListData, message: string): void {
    const key = keyOf(list.category, list.language);
    lists.set(key, list);
    drafts.delete(key);
    showList();
    error.textContent = "";
    status.textContent = message;
  }

  async function save(): Promise<void> {
    const { category, language } = current;
    status.textContent = "";
    error.textContent = "";
    try {
      const list = await apiRequest<ListData>(`${url}/${category}/${language}`, { terms: linesOf(terms.value) });
      if (!destroyed) stored(list, t("triage.saved"));
    } catch (caught) {
      error.textContent = refusal(caught, category, language);
    }
  }

  async function reset(): Promise<void> {
    const { category, language } = current;
    try {
      const list = await apiRequest<ListData>(`${url}/${category}/${language}/reset`, {});
      if (!destroyed) stored(list, t("triage.reset_done"));
    } catch (caught) {
      error.textContent = refusal(caught, category, language);
    }
  }

  async function tryIt(): Promise<void> {
    const text = sampleBox.value;
    if (!text.trim()) {
      results.replaceChildren(el("p", {}, t("triage.try.empty")));
      return;
    }
    const drafted = CATEGORIES.flatMap((category) =>
      LANGUAGES.filter((language) => drafts.has(keyOf(category, language))).map((language) => ({
        category,
        language,
        terms: linesOf(textOf(category, language)),
      })),
    );
    try {
      const answer = await apiRequest<{ results: TryResult[] }>(tryUrl, { text, lists: drafted });
      if (!destroyed) results.replaceChildren(resultList(answer.results));
    } catch (caught) {
      const category = caught instanceof SessionError ? (caught.detail.category as Category | undefined) : undefined;
      const language = caught instanceof SessionError ? (caught.detail.language as Language | undefined) : undefined;
      results.replaceChildren(el("p", { class: "form-error" }, refusal(caught, category ?? current.category, language ?? current.language)));
    }
  }

  function resultList(found: TryResult[]): HTMLElement {
    return el(
      "ul",
      { class: "triage-result-list" },
      ...found.map((result, i) => {
        const line = i + 1;
        const verdict =
          result.category === null
            ? t("triage.try.none", { line })
            : t("triage.try.crisis", { line, marker: t(`triage.marker.${result.category}`) });
        // Which list and which term: staff see why a text was flagged, or not.
        const named = (hit: Hit): string => t("triage.try.term", { term: `“${hit.term}”`, list: listName(hit.category, hit.language) });
        const counted = result.hits.filter((hit) => hit.counted).map(named);
        const ignored = result.hits
          .filter((hit) => !hit.counted && hit.reason !== null)
          .map((hit) => t(`triage.reason.${hit.reason}`, { term: named(hit) }));
        const details: string[] = [];
        if (counted.length > 0) details.push(t("triage.try.matched", { terms: [...new Set(counted)].join("; ") }));
        if (ignored.length > 0) details.push(t("triage.try.ignored", { terms: [...new Set(ignored)].join("; ") }));
        const mark = result.category === null ? "" : "⚠ ";
        return el(
          "li",
          { class: result.category === null ? "" : `crisis-${result.category}` },
          el("strong", {}, el("span", { "aria-hidden": "true" }, mark), verdict),
          details.length > 0 ? ` ${details.join(" ")}` : "",
        );
      }),
    );
  }

  function select(id: string, label: string, values: readonly string[], chosen: string, name: (v: string) => string): HTMLElement {
    const box = el("select", { id }, ...values.map((value) => el("option", { value }, name(value))));
    box.value = chosen;
    box.addEventListener("change", () => {
      if (id === "triage-category") current = { ...current, category: box.value as Category };
      else current = { ...current, language: box.value as Language };
      status.textContent = "";
      error.textContent = "";
      showList();
    });
    return el("div", { class: "field" }, el("label", { for: id }, label), box);
  }

  function draw(): void {
    const editForm = el(
      "form",
      { method: "post", class: "stack triage-edit", "aria-labelledby": "triage-title" },
      el(
        "div",
        { class: "triage-choose" },
        select("triage-category", t("triage.category"), CATEGORIES, current.category, (c) => t(`triage.category.${c}`)),
        select("triage-language", t("triage.language"), LANGUAGES, current.language, (l) => t(`triage.language.${l}`)),
      ),
      el("div", { class: "field" }, el("label", { for: "triage-terms" }, t("triage.terms")), terms),
      state,
      error,
      status,
    );
    const saveButton = el("button", { type: "submit", class: "primary" }, t("triage.save"));
    const resetButton = el("button", { type: "button" }, t("triage.reset"));
    const yes = el("button", { type: "button", class: "danger", "aria-describedby": "triage-reset-question" }, t("triage.reset.yes"));
    const no = el("button", { type: "button" }, t("triage.reset.no"));
    confirm.replaceChildren(el("p", { id: "triage-reset-question" }, t("triage.reset.confirm")), el("div", { class: "actions" }, yes, no));
    editForm.append(el("div", { class: "actions" }, saveButton, resetButton), confirm);
    editForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void save();
    });
    resetButton.addEventListener("click", () => {
      confirm.hidden = false;
      no.focus();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      resetButton.focus();
    });
    yes.addEventListener("click", () => {
      confirm.hidden = true;
      void reset().then(() => resetButton.focus());
    });

    sampleBox.value = sample;
    const tryForm = el(
      "form",
      { method: "post", class: "stack triage-try", "aria-labelledby": "triage-try-title" },
      el("h3", { id: "triage-try-title" }, t("triage.try.title")),
      el(
        "div",
        { class: "field" },
        el("label", { for: "triage-sample" }, t("triage.try.label")),
        sampleBox,
        el("p", { id: "triage-try-hint", class: "hint" }, t("triage.try.hint")),
      ),
      el("div", { class: "actions" }, el("button", { type: "submit" }, t("triage.try.submit"))),
      results,
    );
    tryForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void tryIt();
    });

    const rules = ["words", "signs", "patterns", "sentences", "negation", "reported", "context", "both"].map((rule) => el("li", {}, t(`triage.rules.${rule}`)));
    container.replaceChildren(
      el(
        "section",
        { class: "triage-panel", "aria-labelledby": "triage-title" },
        el("h2", { id: "triage-title" }, t("triage.title")),
        el("p", {}, t("triage.intro")),
        el("details", {}, el("summary", {}, t("triage.rules.title")), el("ul", {}, ...rules)),
        editForm,
        tryForm,
      ),
    );
    showList();
  }

  draw();
  void load();
  return {
    retranslate(): void {
      results.replaceChildren();
      draw();
    },
    destroy(): void {
      destroyed = true;
      container.replaceChildren();
    },
  };
}
