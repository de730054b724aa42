// The texter's language in the open conversation: read from her first text
// on arrival (only the code is stored), shown by the conversation's title,
// and changed here by an advocate. Notices and quick replies follow it.

import type { ConversationRow } from "./api";
import { SessionError, apiRequest } from "../session";
import { el } from "./dom";
import { t } from "./i18n";

const LANGUAGES = ["fr", "en"];
const listeners: ((language: string | null) => void)[] = [];
let shown: string | null = null;

/** Called with the open conversation's language (null: none open, or unknown). */
export function onTexterLanguage(listener: (language: string | null) => void): void {
  listeners.push(listener);
}

function tell(language: string | null): void {
  if (language === shown) return;
  shown = language;
  for (const listener of listeners) listener(language);
}

export interface TexterLanguageHost {
  announce(text: string): void;
  signedOut(): void;
  changed(): void;
}

export function showTexterLanguage(container: HTMLElement, row: ConversationRow | null, host: TexterLanguageHost): void {
  const language = row?.language && LANGUAGES.includes(row.language) ? row.language : null;
  tell(row === null ? null : language);
  if (row === null || row.status === "closed") {
    container.replaceChildren();
    return;
  }
  const select = el("select", { id: "texter-language-select", "aria-describedby": "texter-language-hint" });
  if (language === null) select.append(el("option", { value: "", selected: "" }, t("protocols.texter_language.unknown")));
  for (const code of LANGUAGES) {
    const option = el("option", { value: code, lang: code }, t(`protocols.language.${code}`));
    option.selected = code === language;
    select.append(option);
  }
  select.addEventListener("change", () => {
    const chosen = select.value;
    if (!LANGUAGES.includes(chosen)) return;
    void (async () => {
      try {
        await apiRequest(`/console/api/protocols/conversations/${encodeURIComponent(row.id)}/language`, { language: chosen });
        tell(chosen);
        host.announce(t("protocols.texter_language.changed", { language: t(`protocols.language.${chosen}`) }));
        host.changed();
      } catch (error) {
        if (error instanceof SessionError && error.status === 401) host.signedOut();
        else host.announce(t("protocols.texter_language.failed", { code: error instanceof SessionError ? error.code : "error" }));
      }
    })();
  });
  const focused = document.activeElement?.id === "texter-language-select";
  container.replaceChildren(
    el("label", { for: "texter-language-select" }, t("protocols.texter_language.label")),
    " ",
    select,
    el("span", { id: "texter-language-hint", class: "hint" }, " ", t("protocols.texter_language.hint")),
  );
  if (focused) select.focus();
}
