// The settings area's lists: opening hours and holidays, emergency numbers,
// quick replies. Each is edited as a whole and saved with one button.

import { el } from "./dom";
import { t } from "./i18n";
import {
  CATEGORIES,
  type EmergencyNumber,
  type Holiday,
  type QuickReply,
  type Range,
  type Settings,
  resetQuickReplies,
  saveHours,
  saveNumbers,
  saveQuickReplies,
} from "./protocols-api";
import { type SettingsHost, endTime, labelled, removeButton, saver, section, shownTime } from "./settings-bits";

// -- hours and holidays -------------------------------------------------------------

export function hoursSection(settings: Settings, host: SettingsHost): HTMLElement {
  const zone = el("input", { type: "text", list: "time-zones", autocomplete: "off", spellcheck: "false" });
  zone.value = settings.time_zone;
  const zones = el("datalist", { id: "time-zones" }, ...settings.time_zones.map((name) => el("option", { value: name })));

  const ranges = el("ul", { class: "settings-rows" });
  const addRange = el("button", { type: "button" }, t("protocols.settings.add_range"));
  const rangeRow = (range: Range): HTMLLIElement => {
    const day = el("select", {});
    for (let d = 0; d < 7; d += 1) day.append(el("option", { value: String(d) }, t(`protocols.day.${d}`)));
    day.value = String(range.day);
    const start = el("input", { type: "time", value: range.start, required: "" });
    const end = el("input", { type: "time", value: shownTime(range.end), required: "" });
    const row = el(
      "li",
      { class: "settings-row range-row" },
      labelled(t("protocols.settings.day"), day),
      labelled(t("protocols.settings.start"), start),
      labelled(t("protocols.settings.end"), end),
    );
    row.append(removeButton(row, () => addRange));
    return row;
  };
  ranges.append(...settings.schedule.map(rangeRow));
  addRange.addEventListener("click", () => {
    const row = rangeRow({ day: 0, start: "09:00", end: "17:00" });
    ranges.append(row);
    row.querySelector("select")?.focus();
  });

  const holidays = el("ul", { class: "settings-rows" });
  const addHoliday = el("button", { type: "button" }, t("protocols.settings.add_holiday"));
  const holidayRow = (holiday: Holiday): HTMLLIElement => {
    const date = el("input", { type: "date", value: holiday.date, required: "" });
    const label = el("input", { type: "text", value: holiday.label, maxlength: "120" });
    const row = el(
      "li",
      { class: "settings-row holiday-row" },
      labelled(t("protocols.settings.date"), date),
      labelled(t("protocols.settings.label"), label),
    );
    row.append(removeButton(row, () => addHoliday));
    return row;
  };
  holidays.append(...settings.holidays.map(holidayRow));
  addHoliday.addEventListener("click", () => {
    const row = holidayRow({ date: "", label: "" });
    holidays.append(row);
    row.querySelector("input")?.focus();
  });

  const save = saver(
    host,
    () => {
    const schedule = [...ranges.querySelectorAll<HTMLElement>(".range-row")].map((row) => {
      const [start, end] = row.querySelectorAll("input");
      return {
        day: Number(row.querySelector("select")?.value),
        start: start?.value ?? "",
        end: endTime(end?.value ?? ""),
      };
    });
    const days = [...holidays.querySelectorAll<HTMLElement>(".holiday-row")].map((row) => {
      const [date, label] = row.querySelectorAll("input");
      return { date: date?.value ?? "", label: label?.value ?? "" };
    });
    return saveHours(zone.value.trim(), schedule, days);
    },
    (fresh) => hoursSection(fresh, host),
  );
  return section(
    "settings-hours",
    t("protocols.settings.hours"),
    t("protocols.settings.hours_intro"),
    labelled(t("protocols.settings.time_zone"), zone),
    zones,
    ranges,
    addRange,
    el("h3", {}, t("protocols.settings.holidays")),
    holidays,
    addHoliday,
    save,
  );
}

// -- emergency numbers ------------------------------------------------------------------

export function numbersSection(settings: Settings, host: SettingsHost): HTMLElement {
  const rows = el("ul", { class: "settings-rows" });
  const add = el("button", { type: "button" }, t("protocols.settings.add_number"));
  const numberRow = (entry: EmergencyNumber): HTMLLIElement => {
    const number = el("input", { type: "tel", value: entry.number, maxlength: "20", autocomplete: "off", required: "" });
    const row = el("li", { class: "settings-row number-row" }, labelled(t("protocols.settings.number"), number));
    for (const language of settings.languages) {
      const label = el("input", { type: "text", value: entry.label[language] ?? "", maxlength: "80", "data-language": language });
      row.append(labelled(t(`protocols.settings.label_${language}`), label));
    }
    row.append(removeButton(row, () => add));
    return row;
  };
  rows.append(...settings.emergency_numbers.map(numberRow));
  add.addEventListener("click", () => {
    const row = numberRow({ number: "", label: {} });
    rows.append(row);
    row.querySelector("input")?.focus();
  });
  const presets = Object.entries(settings.presets).map(([name, entries]) => {
    const button = el("button", { type: "button" }, t(`protocols.settings.preset.${name}`));
    button.addEventListener("click", () => {
      rows.replaceChildren(...entries.map(numberRow));
      rows.querySelector("input")?.focus();
    });
    return button;
  });
  const save = saver(
    host,
    () =>
    saveNumbers(
      [...rows.querySelectorAll<HTMLElement>(".number-row")].map((row) => {
        const label: Record<string, string> = {};
        for (const input of row.querySelectorAll<HTMLInputElement>("input[data-language]")) {
          label[input.dataset.language as string] = input.value;
        }
        return { number: row.querySelector("input")?.value ?? "", label };
      }),
    ),
    (fresh) => numbersSection(fresh, host),
  );
  return section(
    "settings-numbers",
    t("protocols.settings.numbers"),
    t("protocols.settings.numbers_intro"),
    rows,
    el("div", { class: "actions" }, add, ...presets),
    save,
  );
}

// -- quick replies ---------------------------------------------------------------------------

export function quickRepliesSection(settings: Settings, host: SettingsHost): HTMLElement {
  const rows = el("ul", { class: "settings-rows" });
  const add = el("button", { type: "button" }, t("protocols.settings.add_quick"));
  const replyRow = (reply: QuickReply): HTMLLIElement => {
    const category = el("select", {});
    for (const name of CATEGORIES) category.append(el("option", { value: name }, t(`protocols.category.${name}`)));
    category.value = reply.category;
    const row = el("li", { class: "settings-row quick-row" }, labelled(t("protocols.settings.category"), category));
    for (const language of settings.languages) {
      const text = el("textarea", { rows: "3", maxlength: "1000", lang: language, "data-language": language });
      text.value = reply.texts[language] ?? "";
      row.append(labelled(t(`protocols.language.${language}`), text));
    }
    row.append(removeButton(row, () => add));
    return row;
  };
  rows.append(...settings.quick_replies.map(replyRow));
  add.addEventListener("click", () => {
    const row = replyRow({ category: "safety", texts: {} });
    rows.append(row);
    row.querySelector("select")?.focus();
  });
  const save = saver(
    host,
    () =>
    saveQuickReplies(
      [...rows.querySelectorAll<HTMLElement>(".quick-row")].map((row) => {
        const texts: Record<string, string> = {};
        for (const box of row.querySelectorAll<HTMLTextAreaElement>("textarea[data-language]")) {
          texts[box.dataset.language as string] = box.value;
        }
        return { category: row.querySelector("select")?.value ?? "", texts };
      }),
    ),
    (fresh) => quickRepliesSection(fresh, host),
  );
  const reset = saver(host, resetQuickReplies, (fresh) => quickRepliesSection(fresh, host), t("protocols.settings.reset_quick"));
  reset.querySelector("button")?.classList.remove("primary");
  return section(
    "settings-quick",
    t("protocols.settings.quick"),
    t("protocols.settings.quick_intro"),
    rows,
    add,
    save,
    settings.quick_replies_edited ? reset : "",
  );
}
