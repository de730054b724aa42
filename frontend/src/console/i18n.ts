// The console's texts: every language's catalogue is embedded in the page
// (json_script), so switching language re-renders in place, without the
// reload that would lock the keys.

type Catalogue = Record<string, string>;

let catalogues: Record<string, Catalogue> = {};
let language = "en";

export function loadCatalogues(data: Record<string, Catalogue>, initial: string): void {
  catalogues = data;
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
  const text = catalogues[language]?.[key] ?? catalogues.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export function has(key: string): boolean {
  return catalogues[language]?.[key] !== undefined || catalogues.en?.[key] !== undefined;
}

/** Picks `<key>.one` or `<key>.other` by the language's plural rule. */
export function tn(key: string, n: number, values: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(language).select(n) === "one" ? "one" : "other";
  return t(`${key}.${form}`, { n, ...values });
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
