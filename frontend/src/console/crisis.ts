// Crisis triage in the console: the marker on flagged conversations, and the
// alert that reaches supervisors.
//
// The server flags a conversation when an inbound text matches the program's
// crisis lexicons (havre/triage), then sends a "crisis" event naming the
// conversation, the category, and the members to alert: the supervisors on
// duty, or every supervisor when none is on duty. The server decides; this
// page shows the alert only when its own member is in that list. Every
// member sees the markers, in the inbox and in the conversation's header.
// Neither the event nor the marker carries any word of the text.

import type { ConversationRow } from "./api";
import { byId, el } from "./dom";
import { formatWhen, t } from "./i18n";

export type CrisisCategory = "suicide" | "danger";

export interface CrisisEvent {
  type: "crisis";
  conversation: string;
  category: CrisisCategory;
  previous: CrisisCategory | null;
  alert: string[];
}

function isCategory(value: unknown): value is CrisisCategory {
  return value === "suicide" || value === "danger";
}

export function isCrisisEvent(data: unknown): data is CrisisEvent {
  if (typeof data !== "object" || data === null) return false;
  const event = data as Record<string, unknown>;
  return (
    event.type === "crisis" &&
    typeof event.conversation === "string" &&
    isCategory(event.category) &&
    (event.previous === null || isCategory(event.previous)) &&
    Array.isArray(event.alert) &&
    event.alert.every((id) => typeof id === "string")
  );
}

function icon(): HTMLElement {
  return el("span", { class: "crisis-icon", "aria-hidden": "true" }, "⚠");
}

/** The inbox row's marker: a word and a symbol, not only a colour. */
export function crisisBadge(row: ConversationRow): HTMLElement | null {
  const category = row.crisis_category ?? null;
  if (category === null) return null;
  return el("span", { class: `badge badge-crisis crisis-${category}` }, icon(), " ", t(`triage.marker.${category}`));
}

/** The conversation header's marker; hidden for a conversation that is not flagged. */
export function showCrisisMarker(node: HTMLElement, row: ConversationRow | null): void {
  const category = row?.crisis_category ?? null;
  node.hidden = category === null;
  if (row === null || category === null) {
    node.replaceChildren();
    node.className = "crisis-marker";
    return;
  }
  node.className = `crisis-marker crisis-${category}`;
  const since = row.crisis_at === null ? "" : ` · ${t("triage.marker.since", { when: formatWhen(row.crisis_at) })}`;
  node.replaceChildren(icon(), " ", el("strong", {}, t(`triage.marker.${category}`)), since);
}

export interface AlertHost {
  readonly myId: string;
  /** The conversation's row, fetched with the inbox when the page does not list it yet. */
  row(id: string): Promise<ConversationRow | null>;
  labelFor(row: ConversationRow): Promise<string>;
  open(id: string): void;
}

interface Alert {
  conversation: string;
  category: CrisisCategory;
  previous: CrisisCategory | null;
  label: string;
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

  async onEvent(event: CrisisEvent): Promise<void> {
    if (!event.alert.includes(this.host.myId)) return;
    const generation = this.#generation;
    const row = await this.host.row(event.conversation);
    const label = row === null ? t("inbox.texter_unknown") : await this.host.labelFor(row);
    if (generation !== this.#generation) return;
    const alert: Alert = { conversation: event.conversation, category: event.category, previous: event.previous, label };
    this.#alerts.delete(alert.conversation);
    this.#alerts.set(alert.conversation, alert);
    this.render();
    byId("crisis-live").textContent = t("triage.alert.announce", { text: alertText(alert) });
  }

  /** Draws the banner again (alerts came or went, or the language changed). */
  render(): void {
    const newestFirst = [...this.#alerts.values()].reverse();
    byId("crisis-alert-list").replaceChildren(...newestFirst.map((alert) => this.#item(alert)));
    byId("crisis-alerts").hidden = newestFirst.length === 0;
  }

  dismiss(id: string): void {
    this.#alerts.delete(id);
    this.render();
    const next = document.querySelector<HTMLElement>("#crisis-alert-list button");
    (next ?? byId("main")).focus();
  }

  /** Forgets every alert (the console locked). */
  clear(): void {
    this.#generation += 1;
    this.#alerts.clear();
    this.render();
    byId("crisis-live").textContent = "";
  }

  #item(alert: Alert): HTMLLIElement {
    const textId = `crisis-alert-${alert.conversation}`;
    const open = el("button", { type: "button", class: "primary", "aria-describedby": textId }, t("triage.alert.open"));
    open.addEventListener("click", () => {
      this.#alerts.delete(alert.conversation);
      this.render();
      this.host.open(alert.conversation);
    });
    const dismiss = el("button", { type: "button", "aria-describedby": textId }, t("triage.alert.dismiss"));
    dismiss.addEventListener("click", () => this.dismiss(alert.conversation));
    return el(
      "li",
      { class: `crisis-alert crisis-${alert.category}`, "data-conversation": alert.conversation },
      el("p", { id: textId }, icon(), " ", alertText(alert)),
      el("div", { class: "actions" }, open, dismiss),
    );
  }
}
