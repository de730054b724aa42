// The console's texts: every language's catalogue is embedded in the page
// (json_script), so switching language re-renders in place, without the
// reload that would lock the keys.

import { type PluralRule, parsePluralForms } from "./plural-forms";

type Catalogue = Record<string, string>;

/** The catalogue's key for the language's gettext Plural-Forms rule (havre/plurals.py). */
const PLURAL_RULE_KEY = "plural_forms";
// The messages' own language, English: what gettext applies without a catalogue.
const SOURCE_RULE = "nplurals=2; plural=(n != 1);";

let catalogues: Record<string, Catalogue> = {};
let language = "en";
const rules = new Map<string, PluralRule>();

export function loadCatalogues(data: Record<string, Catalogue>, initial: string): void {
  catalogues = data;
  rules.clear();
  setLanguage(initial);
}

export function currentLanguage(): string {
  return language;
}

export function setLanguage(code: string): void {
  if (catalogues[code] !== undefined) language = code;
  document.documentElement.lang = language;
}

/** The text for `key`, with `{name}` placeholders filled in. Unknown keys show as themselves. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  return fill(catalogues[language]?.[key] ?? catalogues.en?.[key] ?? key, values);
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export function has(key: string): boolean {
  return catalogues[language]?.[key] !== undefined || catalogues.en?.[key] !== undefined;
}

/**
 * A count's text: `<key>.<form>`, the form gettext's Plural-Forms rule of the
 * language gives `n` (the server writes one key per form of each count).
 */
export function tn(key: string, n: number, values: Record<string, string | number> = {}): string {
  const form = pluralRule(language)(n);
  const inLanguage = catalogues[language]?.[`${key}.${form}`];
  if (inLanguage !== undefined) return fill(inLanguage, { n, ...values });
  // A key missing in this language falls back to English, with English's rule.
  return t(`${key}.${pluralRule("en")(n)}`, { n, ...values });
}

function pluralRule(code: string): PluralRule {
  let rule = rules.get(code);
  if (rule === undefined) {
    rule = parsePluralForms(catalogues[code]?.[PLURAL_RULE_KEY] ?? SOURCE_RULE);
    rules.set(code, rule);
  }
  return rule;
}

/** Re-applies the catalogue to every element marked with data-t / data-t-<attribute>. */
export function translatePage(root: ParentNode = document): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-t]")) {
    node.textContent = t(node.dataset.t as string);
  }
  for (const attribute of ["aria-label", "placeholder", "title"]) {
    const dataName = `data-t-${attribute}`;
    for (const node of root.querySelectorAll<HTMLElement>(`[${dataName}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(dataName) as string));
    }
  }
}

/** A time as staff read it: the hour today, the date and hour otherwise. */
export function formatWhen(iso: string | null): string {
  if (iso === null) return "";
  const when = new Date(iso);
  const now = new Date();
  const sameDay = when.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: "2-digit", minute: "2-digit" }
    : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(language, options).format(when);
}
