// The optional wrap-up in the close dialog: a few boxes to tick (the kind of
// abuse, referrals given) from the options the program offers. Only the
// chosen codes leave the page, once the conversation has closed; closing
// never waits for them, and ticking nothing sends nothing.

import { SessionError, apiRequest } from "../session";
import { el } from "./dom";
import { currentLanguage, t } from "./i18n";

const BASE = "/console/api/reports/";

interface Options {
  options: { category: string; code: string; key: string; label: Record<string, string> }[];
  categories: Record<string, Record<string, string>>;
}

let cached: Options | null = null;

/** Empty boxes for a new close dialog (the options are fetched once per page). */
export async function resetWrapUp(container: HTMLElement): Promise<void> {
  container.replaceChildren();
  if (cached === null) {
    try {
      cached = await apiRequest<Options>(`${BASE}wrapup-options`);
    } catch {
      return; // Closing works without a wrap-up.
    }
  }
  const language = currentLanguage();
  const groups = Object.entries(cached.categories).map(([category, names]) => {
    const boxes = cached!.options
      .filter((option) => option.category === category)
      .map((option) =>
        el(
          "label",
          { class: "wrapup-option" },
          el("input", { type: "checkbox", name: "wrapup", value: option.key }),
          " ",
          option.label[language] ?? option.label.en ?? option.code,
        ),
      );
    return el("fieldset", { class: "wrapup" }, el("legend", {}, names[language] ?? names.en ?? category), ...boxes);
  });
  container.replaceChildren(el("p", { class: "hint" }, t("reports.wrapup.intro")), ...groups);
}

export function chosenCodes(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll<HTMLInputElement>("input[name=wrapup]:checked"), (box) => box.value);
}

/** Keeps the codes for a conversation that just closed; says so if they could not be kept. */
export async function saveWrapUp(conversationId: string, codes: string[], say: (text: string) => void): Promise<void> {
  if (codes.length === 0) return;
  try {
    await apiRequest(`${BASE}conversations/${encodeURIComponent(conversationId)}/wrapup`, { codes });
  } catch (error) {
    if (!(error instanceof SessionError && error.status === 401)) say(t("reports.wrapup.not_saved"));
  }
}

/** Locking forgets the options with everything else. */
export function forgetWrapUpOptions(): void {
  cached = null;
}
