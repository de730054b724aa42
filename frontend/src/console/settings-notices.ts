// The settings area's notices: each notice in every language, side by side.

import { el } from "./dom";
import { t } from "./i18n";
import { noticeName } from "./notice-menu";
import { type NoticeInfo, type Settings, saveNotice } from "./protocols-api";
import { type SettingsHost, saver, section } from "./settings-bits";

export function noticesSection(settings: Settings, host: SettingsHost): HTMLElement {
  const fieldsets = settings.notices.map((notice) => noticeFieldset(notice, settings.languages, host));
  const notices = section(
    "settings-notices",
    t("protocols.settings.notices"),
    t("protocols.settings.notices_intro"),
    ...fieldsets,
  );
  // Each notice is saved and redrawn on its own, not the whole list.
  notices.removeAttribute("data-unit");
  return notices;
}

function noticeFieldset(notice: NoticeInfo, languages: string[], host: SettingsHost): HTMLFieldSetElement {
  const boxes = new Map<string, HTMLTextAreaElement>();
  const columns = languages.map((language) => {
    const id = `notice-${notice.key}-${language}`;
    const box = el("textarea", { id, lang: language, rows: "4", maxlength: "1000" });
    box.value = notice.texts[language] ?? "";
    boxes.set(language, box);
    const origin = notice.edited[language] ? t("protocols.settings.edited") : t("protocols.settings.builtin");
    return el(
      "div",
      { class: "notice-language" },
      el("label", { for: id }, t(`protocols.language.${language}`)),
      el("p", { class: "hint" }, origin),
      box,
    );
  });
  const save = saver(
    host,
    () => {
      const texts: Record<string, string> = {};
      for (const [language, box] of boxes) {
        const text = box.value.trim();
        // Havre's own text, unchanged, stays Havre's: it follows Havre's updates.
        texts[language] = text === (notice.defaults[language] ?? "").trim() ? "" : text;
      }
      return saveNotice(notice.key, texts);
    },
    (settings) => {
      const fresh = settings.notices.find((n) => n.key === notice.key) ?? notice;
      return noticeFieldset(fresh, settings.languages, host);
    },
  );
  return el(
    "fieldset",
    { class: "notice-edit", "data-unit": `notice-${notice.key}`, "data-notice": notice.key },
    el("legend", {}, noticeName(notice.key)),
    el("div", { class: "notice-languages" }, ...columns),
    save,
  );
}
