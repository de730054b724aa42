// The web chat's settings, in the settings area: its address, whether it is
// on, the page the quick exit opens and a neutral title. Administrators
// change them; supervisors see them.

import { apiRequest, SessionError } from "../session";
import { el } from "./dom";
import { has, t } from "./i18n";
import { labelled, type SettingsHost } from "./settings-bits";

interface ChatSettings {
  slug: string;
  enabled: boolean;
  exit_url: string;
  neutral_title: string;
  url: string;
}

interface ChatAnswer {
  chat: ChatSettings | null;
  may_edit: boolean;
}

const URL_PATH = "/console/api/chat/settings";

export function chatSection(host: SettingsHost): HTMLElement {
  const body = el("div", {}, el("p", { class: "working" }, t("protocols.settings.loading")));
  const section = el(
    "section",
    { id: "settings-chat", class: "settings-section", "aria-labelledby": "settings-chat-title" },
    el("h2", { id: "settings-chat-title" }, t("chat.settings.title")),
    el("p", { class: "hint" }, t("chat.settings.intro")),
    body,
  );
  apiRequest<ChatAnswer>(URL_PATH).then(
    (answer) => body.replaceChildren(form(answer, host)),
    (error: unknown) => {
      if (error instanceof SessionError && error.status === 401) host.signedOut();
      else body.replaceChildren(el("p", { class: "notice notice-error", role: "alert" }, t("page.error")));
    },
  );
  return section;
}

function form(answer: ChatAnswer, host: SettingsHost): HTMLElement {
  const chat = answer.chat;
  const slug = el("input", { type: "text", id: "chat-slug", value: chat?.slug ?? "", autocomplete: "off", spellcheck: "false" });
  const exit = el("input", { type: "url", id: "chat-exit", value: chat?.exit_url ?? "", autocomplete: "off" });
  const title = el("input", { type: "text", id: "chat-title", value: chat?.neutral_title ?? "", autocomplete: "off" });
  const enabled = el("input", { type: "checkbox", id: "chat-enabled" });
  enabled.checked = chat?.enabled ?? false;
  const status = el("p", { class: "settings-status", role: "status" });
  const error = el("p", { class: "form-error", role: "alert" });
  const address = el("p", { class: "hint" }, chat === null ? "" : t("chat.settings.address", { url: chat.url }));
  const controls = [slug, exit, title, enabled];
  for (const control of controls) control.disabled = !answer.may_edit;
  const save = el("button", { type: "button", class: "primary" }, t("protocols.settings.save"));
  save.hidden = !answer.may_edit;
  save.addEventListener("click", async () => {
    save.disabled = true;
    status.textContent = "";
    error.textContent = "";
    const request: Record<string, unknown> = { slug: slug.value.trim(), neutral_title: title.value, enabled: enabled.checked };
    if (exit.value.trim() !== "") request.exit_url = exit.value.trim();
    try {
      const saved = await apiRequest<ChatAnswer>(URL_PATH, request);
      if (saved.chat !== null) address.textContent = t("chat.settings.address", { url: saved.chat.url });
      status.textContent = t("chat.settings.saved");
      host.changed();
    } catch (failure) {
      if (failure instanceof SessionError && failure.status === 401) host.signedOut();
      const code = failure instanceof SessionError ? failure.code : "error_generic";
      error.textContent = has(`chat.settings.error.${code}`) ? t(`chat.settings.error.${code}`) : t("page.error");
    } finally {
      save.disabled = false;
    }
  });
  return el(
    "div",
    {},
    labelled(t("chat.settings.slug"), slug),
    address,
    labelled(t("chat.settings.exit_url"), exit),
    labelled(t("chat.settings.neutral_title"), title),
    el("label", { class: "field field-check" }, enabled, " ", t("chat.settings.enabled")),
    el("div", { class: "settings-save" }, save, status, error),
  );
}
