// Crisis triage in the console: the marker on flagged conversations, the
// alerts that reach supervisors, and clearing a false flag.
//
// The server flags a conversation when an inbound text matches the program's
// crisis lexicons (havre/triage), then sends a "crisis" event naming the
// conversation, the category, and the members to alert: the supervisors on
// duty, or every supervisor when none is on duty. The server decides; this
// page shows the alert only when its own member is in that list. An alert
// stays pending on the server until a supervisor acknowledges it, so a
// console that was closed or locked when it fired reads it when it opens
// (`start`). Acknowledging, or clearing the flag, ends it on every console.
// Every member sees the markers, in the inbox and in the conversation's
// header. Neither events nor markers carry any word of the text.

import { SessionError, apiRequest } from "../session";
import type { ConversationRow } from "./api";
import { byId, el } from "./dom";
import { currentLanguage, formatWhen, t } from "./i18n";

export type CrisisCategory = "suicide" | "danger";

export interface CrisisEvent {
  type: "crisis";
  id: number;
  conversation: string;
  category: CrisisCategory;
  previous: CrisisCategory | null;
  alert: string[];
}

/** An alert ended: acknowledged by a supervisor, or its flag cleared. */
export interface CrisisEndEvent {
  type: "crisis_acknowledged" | "crisis_cleared";
  conversation: string;
  by: string;
}

interface PendingAlert {
  id: number;
  conversation: string;
  category: CrisisCategory;
  previous: CrisisCategory | null;
  raised_at: string;
}

function isCategory(value: unknown): value is CrisisCategory {
  return value === "suicide" || value === "danger";
}

export function isCrisisEvent(data: unknown): data is CrisisEvent {
  if (typeof data !== "object" || data === null) return false;
  const event = data as Record<string, unknown>;
  return (
    event.type === "crisis" &&
    typeof event.id === "number" &&
    typeof event.conversation === "string" &&
    isCategory(event.category) &&
    (event.previous === null || isCategory(event.previous)) &&
    Array.isArray(event.alert) &&
    event.alert.every((id) => typeof id === "string")
  );
}

export function isCrisisEndEvent(data: unknown): data is CrisisEndEvent {
  if (typeof data !== "object" || data === null) return false;
  const event = data as Record<string, unknown>;
  return (
    (event.type === "crisis_acknowledged" || event.type === "crisis_cleared") &&
    typeof event.conversation === "string" &&
    typeof event.by === "string"
  );
}

function icon(): HTMLElement {
  return el("span", { class: "crisis-icon", "aria-hidden": "true" }, "⚠");
}

/** The triage API's URL for `path`, beside the lexicons' URL the page was given. */
function triageUrl(lexiconsUrl: string, path: string): string {
  return new URL(path, new URL(lexiconsUrl, location.href)).pathname;
}

/** The inbox row's marker: a word and a symbol, not only a colour. */
export function crisisBadge(row: ConversationRow): HTMLElement | null {
  const category = row.crisis_category ?? null;
  if (category === null) return null;
  return el("span", { class: `badge badge-crisis crisis-${category}` }, icon(), " ", t(`triage.marker.${category}`));
}

// -- clearing a false flag ---------------------------------------------------------

export const CLEAR_REASONS = ["joke", "someone_else", "past", "everyday", "test", "other"] as const;
type ClearReason = (typeof CLEAR_REASONS)[number];

export interface FlagClearer {
  /** The triage API's lexicons URL, beside which the flag endpoints live. */
  readonly url: string;
  announce(text: string): void;
  signedOut(): void;
}

// Set while a supervisor's console is unlocked; advocates never get the control.
let clearer: FlagClearer | null = null;
// The form stays open across redraws of the same conversation's header.
let clearing: { conversation: string; reason: ClearReason | null; error: string } | null = null;

export function setFlagClearer(value: FlagClearer | null): void {
  clearer = value;
  clearing = null;
}

function clearArea(marker: HTMLElement): HTMLElement {
  const existing = document.getElementById("conversation-crisis-clear");
  if (existing !== null) return existing;
  const area = el("div", { id: "conversation-crisis-clear", class: "crisis-clear" });
  marker.insertAdjacentElement("afterend", area);
  return area;
}

/** The conversation header's marker; hidden for a conversation that is not flagged. */
export function showCrisisMarker(node: HTMLElement, row: ConversationRow | null): void {
  const category = row?.crisis_category ?? null;
  node.hidden = category === null;
  const area = clearArea(node);
  if (row === null || category === null) {
    node.replaceChildren();
    node.className = "crisis-marker";
    area.replaceChildren();
    area.hidden = true;
    if (clearing !== null && clearing.conversation !== row?.id) clearing = null;
    return;
  }
  node.className = `crisis-marker crisis-${category}`;
  const since = row.crisis_at === null ? "" : ` · ${t("triage.marker.since", { when: formatWhen(row.crisis_at) })}`;
  node.replaceChildren(icon(), " ", el("strong", {}, t(`triage.marker.${category}`)), since);
  if (clearing !== null && clearing.conversation !== row.id) clearing = null;
  drawClear(area, node, row);
}

/**
 * Replace the area's content, keeping the keyboard focus where it was: the
 * header is redrawn whenever the conversation changes (a reply, a delivery
 * report), and a supervisor half-way through the form must not lose her place.
 */
function replaceKeepingFocus(area: HTMLElement, ...content: HTMLElement[]): void {
  const focused = document.activeElement;
  const focusedId = focused instanceof HTMLElement && area.contains(focused) ? focused.id : "";
  area.replaceChildren(...content);
  if (focusedId !== "") document.getElementById(focusedId)?.focus();
}

function drawClear(area: HTMLElement, marker: HTMLElement, row: ConversationRow): void {
  area.hidden = clearer === null;
  if (clearer === null) {
    area.replaceChildren();
    return;
  }
  if (clearing === null) {
    const open = el("button", { type: "button", class: "quiet", id: "crisis-clear-open" }, t("triage.clear.open"));
    open.addEventListener("click", () => {
      clearing = { conversation: row.id, reason: null, error: "" };
      drawClear(area, marker, row);
      area.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
    });
    replaceKeepingFocus(area, open);
    return;
  }
  const state = clearing;
  const options = CLEAR_REASONS.map((reason) => {
    const id = `crisis-clear-${reason}`;
    const radio = el("input", { type: "radio", name: "crisis-clear-reason", id, value: reason });
    radio.checked = state.reason === reason;
    radio.addEventListener("change", () => {
      state.reason = reason;
    });
    return el("div", { class: "choice" }, radio, " ", el("label", { for: id }, t(`triage.clear.reason.${reason}`)));
  });
  const error = el("p", { class: "form-error", role: "alert", id: "crisis-clear-error" }, state.error);
  const submit = el("button", { type: "submit", class: "danger", id: "crisis-clear-submit" }, t("triage.clear.submit"));
  const cancel = el("button", { type: "button", id: "crisis-clear-cancel" }, t("triage.clear.cancel"));
  const form = el(
    "form",
    { class: "stack crisis-clear-form", "aria-describedby": "crisis-clear-hint" },
    el("fieldset", {}, el("legend", {}, t("triage.clear.question")), ...options),
    el("p", { id: "crisis-clear-hint", class: "hint" }, t("triage.clear.hint")),
    error,
    el("div", { class: "actions" }, submit, cancel),
  );
  cancel.addEventListener("click", () => {
    clearing = null;
    drawClear(area, marker, row);
    area.querySelector<HTMLButtonElement>("button")?.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submitClear(area, marker, row, state);
  });
  replaceKeepingFocus(area, form);
}

async function submitClear(
  area: HTMLElement,
  marker: HTMLElement,
  row: ConversationRow,
  state: { conversation: string; reason: ClearReason | null; error: string },
): Promise<void> {
  const host = clearer;
  if (host === null) return;
  if (state.reason === null) {
    state.error = t("triage.clear.choose");
    drawClear(area, marker, row);
    area.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
    return;
  }
  try {
    await apiRequest(triageUrl(host.url, `conversations/${row.id}/clear`), { reason: state.reason });
  } catch (caught) {
    if (caught instanceof SessionError && caught.status === 401) {
      host.signedOut();
      return;
    }
    const code = caught instanceof SessionError ? caught.code : "";
    if (code !== "not_flagged") {
      state.error = t(code === "forbidden" ? "triage.error.forbidden" : "triage.error.generic");
      drawClear(area, marker, row);
      return;
    }
  }
  if (clearing === state) clearing = null;
  host.announce(t("triage.clear.done"));
  // The conversation's own change follows (the server bumps it); until then
  // the header says what was done.
  showCrisisMarker(marker, { ...row, crisis_category: null, crisis_at: null });
  byId("conversation-title").focus();
}

// -- alerts ------------------------------------------------------------------------

export interface AlertHost {
  readonly myId: string;
  /** The triage API's lexicons URL, beside which the alert endpoints live. */
  readonly url: string;
  /** The conversation's row, fetched with the inbox when the page does not list it yet. */
  row(id: string): Promise<ConversationRow | null>;
  labelFor(row: ConversationRow): Promise<string>;
  open(id: string): void;
  signedOut(): void;
}

interface Alert {
  id: number;
  conversation: string;
  category: CrisisCategory;
  previous: CrisisCategory | null;
  row: ConversationRow | null;
  label: string;
  /** The language the label was written in: it is written again after a change. */
  labelLanguage: string;
  raisedAt: string | null;
  error: string;
}

function alertText(alert: Alert): string {
  if (alert.previous !== null) return t("triage.alert.raised", { texter: alert.label });
  return t(`triage.alert.${alert.category}`, { texter: alert.label });
}

/** The banner of crisis alerts, with its assertive live region (#crisis-alerts, #crisis-live). */
export class CrisisAlerts {
  #alerts = new Map<string, Alert>();
  #generation = 0;

  constructor(private readonly host: AlertHost) {}

  /** Reads the alerts still pending on the server (the console just opened or unlocked). */
  async start(): Promise<void> {
    const generation = this.#generation;
    let pending: PendingAlert[];
    try {
      pending = (await apiRequest<{ alerts: PendingAlert[] }>(triageUrl(this.host.url, "alerts"))).alerts;
    } catch (caught) {
      if (caught instanceof SessionError && caught.status === 401) this.host.signedOut();
      return;
    }
    const fresh: Alert[] = [];
    for (const item of pending) {
      const alert = await this.#alertFor(item.id, item.conversation, item.category, item.previous, item.raised_at);
      if (generation !== this.#generation) return;
      if (!this.#alerts.has(alert.conversation)) fresh.push(alert);
    }
    if (fresh.length === 0) return;
    // Newest last, as if they had arrived in order; live alerts that came
    // during the fetch stay newer.
    const live = [...this.#alerts.values()];
    this.#alerts.clear();
    for (const alert of [...fresh, ...live]) this.#alerts.set(alert.conversation, alert);
    this.render();
    const newest = fresh.at(-1) as Alert;
    byId("crisis-live").textContent = t("triage.alert.announce", { text: alertText(newest) });
  }

  async onEvent(event: CrisisEvent): Promise<void> {
    if (!event.alert.includes(this.host.myId)) return;
    const generation = this.#generation;
    const alert = await this.#alertFor(event.id, event.conversation, event.category, event.previous, null);
    if (generation !== this.#generation) return;
    this.#alerts.delete(alert.conversation);
    this.#alerts.set(alert.conversation, alert);
    this.render();
    byId("crisis-live").textContent = t("triage.alert.announce", { text: alertText(alert) });
  }

  /** Another supervisor acknowledged the alert, or cleared its flag. */
  onEnd(event: CrisisEndEvent): void {
    if (!this.#alerts.delete(event.conversation)) return;
    this.render();
  }

  async #alertFor(
    id: number,
    conversation: string,
    category: CrisisCategory,
    previous: CrisisCategory | null,
    raisedAt: string | null,
  ): Promise<Alert> {
    const row = await this.host.row(conversation);
    const label = await this.#label(row);
    return { id, conversation, category, previous, row, label, labelLanguage: currentLanguage(), raisedAt, error: "" };
  }

  async #label(row: ConversationRow | null): Promise<string> {
    return row === null ? t("inbox.texter_unknown") : await this.host.labelFor(row);
  }

  async #relabel(): Promise<void> {
    const generation = this.#generation;
    const language = currentLanguage();
    for (const alert of this.#alerts.values()) {
      if (alert.labelLanguage === language) continue;
      alert.label = await this.#label(alert.row);
      if (generation !== this.#generation) return;
      alert.labelLanguage = language;
    }
    this.render();
  }

  /** Draws the banner again (alerts came or went, or the language changed). */
  render(): void {
    const alerts = [...this.#alerts.values()];
    if (alerts.some((alert) => alert.labelLanguage !== currentLanguage())) void this.#relabel();
    const newestFirst = alerts.reverse();
    byId("crisis-alert-list").replaceChildren(...newestFirst.map((alert) => this.#item(alert)));
    byId("crisis-alerts").hidden = newestFirst.length === 0;
  }

  /** Forgets every alert (the console locked); the server keeps those still pending. */
  clear(): void {
    this.#generation += 1;
    this.#alerts.clear();
    this.render();
    byId("crisis-live").textContent = "";
  }

  async #acknowledge(alert: Alert): Promise<boolean> {
    try {
      await apiRequest(triageUrl(this.host.url, `alerts/${alert.id}/acknowledge`), {});
    } catch (caught) {
      if (caught instanceof SessionError && caught.status === 401) {
        this.host.signedOut();
        return false;
      }
      if (!(caught instanceof SessionError && caught.status === 404)) {
        alert.error = t("triage.alert.error");
        this.render();
        return false;
      }
    }
    this.#alerts.delete(alert.conversation);
    this.render();
    return true;
  }

  #item(alert: Alert): HTMLLIElement {
    const textId = `crisis-alert-${alert.conversation}`;
    const open = el("button", { type: "button", class: "primary", "aria-describedby": textId }, t("triage.alert.open"));
    open.addEventListener("click", () => {
      void this.#acknowledge(alert).then((done) => {
        if (done) this.host.open(alert.conversation);
      });
    });
    const acknowledge = el("button", { type: "button", "aria-describedby": textId }, t("triage.alert.acknowledge"));
    acknowledge.addEventListener("click", () => {
      void this.#acknowledge(alert).then((done) => {
        if (!done) return;
        const next = document.querySelector<HTMLElement>("#crisis-alert-list button");
        (next ?? byId("main")).focus();
      });
    });
    const since = alert.raisedAt === null ? "" : ` ${t("triage.alert.since", { when: formatWhen(alert.raisedAt) })}`;
    return el(
      "li",
      { class: `crisis-alert crisis-${alert.category}`, "data-conversation": alert.conversation },
      el("p", { id: textId }, icon(), " ", alertText(alert), since),
      el("div", { class: "actions" }, open, acknowledge),
      alert.error === "" ? "" : el("p", { class: "form-error", role: "alert" }, alert.error),
    );
  }
}
