// The settings area, for supervisors and administrators: notices (every
// language side by side), opening hours and holidays, emergency numbers and
// quick replies, and the web chat. What is saved applies to the whole program at once.

import { SessionError } from "../session";
import { el } from "./dom";
import { t } from "./i18n";
import { type Settings, settings as fetchSettings } from "./protocols-api";
import type { SettingsHost } from "./settings-bits";
import { chatSection } from "./settings-chat";
import { hoursSection, numbersSection, quickRepliesSection } from "./settings-lists";
import { noticesSection } from "./settings-notices";

export interface SettingsPanel {
  destroy(): void;
}

export function mountSettings(container: HTMLElement, host: SettingsHost): SettingsPanel {
  let alive = true;
  const render = (settings: Settings): void => {
    container.replaceChildren(
      el(
        "div",
        { class: "settings-panel" },
        noticesSection(settings, host),
        hoursSection(settings, host),
        numbersSection(settings, host),
        quickRepliesSection(settings, host),
        chatSection(host),
      ),
    );
  };
  container.replaceChildren(el("p", { class: "working" }, t("protocols.settings.loading")));
  fetchSettings().then(
    (settings) => {
      if (alive) render(settings);
    },
    (error: unknown) => {
      if (!alive) return;
      if (error instanceof SessionError && error.status === 401) host.signedOut();
      else container.replaceChildren(el("p", { class: "notice notice-error", role: "alert" }, t("page.error")));
    },
  );
  return {
    destroy(): void {
      alive = false;
      container.replaceChildren();
    },
  };
}
