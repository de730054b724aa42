// Emergency mode: a banner on every console while it is on, and for
// supervisors and administrators the switch, on with a reason, and off.

import { SessionError } from "../session";
import { el } from "./dom";
import { formatWhen, t } from "./i18n";
import { type EmergencyState, type Summary, refusalText, switchEmergency } from "./protocols-api";

export interface EmergencyHost {
  canSwitch(): boolean;
  changed(summary: Summary): void;
  refresh(): void;
  announce(text: string): void;
  signedOut(): void;
}

export class EmergencyControls {
  #state: EmergencyState | null = null;

  constructor(
    private readonly banner: HTMLElement,
    private readonly tools: HTMLElement,
    private readonly host: EmergencyHost,
  ) {}

  show(state: EmergencyState): void {
    const before = this.#state;
    this.#state = state;
    if (before !== null && before.on !== state.on) {
      this.host.announce(t(state.on ? "protocols.emergency.switched_on" : "protocols.emergency.switched_off"));
    }
    this.#render();
  }

  clear(): void {
    this.#state = null;
    this.banner.replaceChildren();
    this.banner.hidden = true;
    this.tools.replaceChildren();
  }

  #render(): void {
    const state = this.#state;
    this.tools.replaceChildren();
    if (state === null) return;
    if (!state.on) {
      this.banner.replaceChildren();
      this.banner.hidden = true;
      if (this.host.canSwitch()) {
        const open = el("button", { type: "button", class: "emergency-open", "aria-expanded": "false" }, t("protocols.emergency.open"));
        open.addEventListener("click", () => this.#showForm(open));
        this.tools.append(open);
      }
      return;
    }
    const parts: (Node | string)[] = [
      el("p", { class: "emergency-title", id: "emergency-banner-title" }, el("strong", {}, t("protocols.emergency.banner"))),
      el(
        "p",
        {},
        t("protocols.emergency.since", { when: formatWhen(state.since), name: state.by ?? "—", reason: state.reason }),
      ),
    ];
    if (this.host.canSwitch()) {
      const off = el("button", { type: "button", class: "emergency-off" }, t("protocols.emergency.switch_off"));
      const error = el("p", { class: "form-error", role: "alert" });
      off.addEventListener("click", () => void this.#switch(false, "", off, error));
      parts.push(off, error);
    }
    this.banner.replaceChildren(el("div", { class: "emergency-banner" }, ...parts));
    this.banner.hidden = false;
  }

  #showForm(opener: HTMLButtonElement): void {
    opener.setAttribute("aria-expanded", "true");
    const reason = el("textarea", { id: "emergency-reason", rows: "2", maxlength: "500", required: "", spellcheck: "false" });
    const error = el("p", { class: "form-error", role: "alert" });
    const on = el("button", { type: "submit", class: "danger" }, t("protocols.emergency.switch_on"));
    const cancel = el("button", { type: "button" }, t("protocols.emergency.cancel"));
    const form = el(
      "form",
      { method: "post", class: "emergency-form", "aria-labelledby": "emergency-form-title" },
      el("h2", { id: "emergency-form-title" }, t("protocols.emergency.form_title")),
      el("p", {}, t("protocols.emergency.explain")),
      el("label", { for: "emergency-reason" }, t("protocols.emergency.reason")),
      reason,
      error,
      el("div", { class: "actions" }, on, cancel),
    );
    const close = (): void => {
      this.#render();
      this.tools.querySelector<HTMLButtonElement>(".emergency-open")?.focus();
    };
    cancel.addEventListener("click", close);
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#switch(true, reason.value, on, error);
    });
    this.banner.replaceChildren(form);
    this.banner.hidden = false;
    reason.focus();
  }

  async #switch(on: boolean, reason: string, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
    button.disabled = true;
    error.textContent = "";
    try {
      const summary = await switchEmergency(on, reason);
      this.host.changed(summary);
    } catch (failure) {
      if (failure instanceof SessionError && failure.status === 401) {
        this.host.signedOut();
        return;
      }
      error.textContent = refusalText(failure);
      button.disabled = false;
      // Someone else switched it meanwhile: show what it is now.
      if (failure instanceof SessionError && failure.status === 409) this.host.refresh();
    }
  }
}
