// Small form pieces shared by the settings area's sections.

import { SessionError } from "../session";
import { el } from "./dom";
import { t } from "./i18n";
import { type Settings, refusalText } from "./protocols-api";

type Child = Node | string;

export interface SettingsHost {
  signedOut(): void;
  /** A save went through: the program's consoles read the protocols again. */
  changed(): void;
}

export function labelled(text: string, control: HTMLElement, extra: Child[] = []): HTMLLabelElement {
  return el("label", { class: "field" }, el("span", { class: "field-label" }, text), control, ...extra);
}

export function section(id: string, title: string, intro: string, ...children: Child[]): HTMLElement {
  return el(
    "section",
    { id, class: "settings-section", "data-unit": id, "aria-labelledby": `${id}-title` },
    el("h2", { id: `${id}-title` }, title),
    intro === "" ? "" : el("p", { class: "hint" }, intro),
    ...children,
  );
}

export function removeButton(row: HTMLElement, after: () => HTMLElement): HTMLButtonElement {
  const button = el("button", { type: "button", class: "quiet" }, t("protocols.settings.remove"));
  button.addEventListener("click", () => {
    row.remove();
    after().focus();
  });
  return button;
}

/**
 * A save button and its status line. `save` returns the settings the server
 * answered; `rebuild` makes the part being saved (the nearest [data-unit])
 * again from them, so it shows what was stored while other parts keep what
 * is being typed in them.
 */
export function saver(
  host: SettingsHost,
  save: () => Promise<Settings>,
  rebuild: (settings: Settings) => HTMLElement,
  label = t("protocols.settings.save"),
): HTMLElement {
  const button = el("button", { type: "button", class: "primary" }, label);
  const status = el("p", { class: "settings-status", role: "status" });
  const error = el("p", { class: "form-error", role: "alert" });
  const wrapper = el("div", { class: "settings-save" }, button, status, error);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "";
    error.textContent = "";
    try {
      const settings = await save();
      host.changed();
      const fresh = rebuild(settings);
      wrapper.closest("[data-unit]")?.replaceWith(fresh);
      const freshStatus = fresh.querySelector<HTMLElement>(".settings-status");
      if (freshStatus !== null) freshStatus.textContent = t("protocols.settings.saved");
      fresh.querySelector<HTMLElement>(".settings-save button")?.focus();
    } catch (failure) {
      if (failure instanceof SessionError && failure.status === 401) {
        host.signedOut();
        return;
      }
      error.textContent = refusalText(failure);
    } finally {
      button.disabled = false;
    }
  });
  return wrapper;
}

/** A time as the schedule stores it ("24:00" for midnight at the end) from an <input type=time>. */
export function endTime(value: string): string {
  return value === "00:00" ? "24:00" : value;
}

export function shownTime(value: string): string {
  return value === "24:00" ? "00:00" : value;
}
