// The Reports section, for supervisors and admins: the queue's health right
// now, then a period's figures drawn by the server as SVG charts (each with a
// title, a description and a table), a CSV of the same figures, and the
// threshold under which counts are withheld. Nothing here is about a person,
// and nothing is decrypted: the figures are counts and minutes.

import { SessionError, apiRequest } from "../session";
import { el } from "./dom";
import { currentLanguage, formatWhen, t, tn } from "./i18n";

const BASE = "/console/api/reports/";
const HEALTH_EVERY_MS = 15_000;
const DAY_MS = 86_400_000;

interface Health {
  waiting: number;
  crisis_waiting: number;
  longest_wait_minutes: number | null;
  unanswered: number;
  level: "calm" | "busy" | "strained";
  calm_under: number;
  strained_from: number;
}

interface Threshold {
  min_count: number;
  range: [number, number];
  can_edit: boolean;
}

export interface ReportsHost {
  signedOut(): void;
}

function isoDay(when: Date): string {
  const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export class ReportsSection {
  #health = el("section", { class: "queue-health", "aria-labelledby": "queue-health-title" });
  #status = el("p", { class: "reports-status", role: "status" });
  #charts = el("div", { class: "reports-charts", "aria-busy": "false" });
  #threshold = el("div", { class: "reports-threshold" });
  #from = el("input", { type: "date", id: "report-from", name: "from", required: "" });
  #to = el("input", { type: "date", id: "report-to", name: "to", required: "" });
  #csv = el("a", { class: "button", id: "report-csv", download: "" });
  #timer: number | undefined;
  #ticket = 0;
  #built = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: ReportsHost,
  ) {}

  /** The section became visible: draw it, load the period, follow the queue. */
  show(): void {
    if (!this.#built) this.#build();
    this.#retranslate();
    void this.#loadHealth();
    void this.#loadCharts();
    void this.#loadThreshold();
    window.clearInterval(this.#timer);
    this.#timer = window.setInterval(() => void this.#loadHealth(), HEALTH_EVERY_MS);
  }

  hide(): void {
    window.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The console locked: forget everything shown. */
  clear(): void {
    this.hide();
    this.#ticket += 1;
    this.#built = false;
    this.container.replaceChildren();
  }

  /** The member changed language: the server draws the charts again in it. */
  languageChanged(): void {
    if (!this.#built || this.#timer === undefined) return;
    this.#retranslate();
    void this.#loadHealth();
    void this.#loadCharts();
    void this.#loadThreshold();
  }

  get visible(): boolean {
    return this.#timer !== undefined;
  }

  #build(): void {
    const today = new Date();
    this.#to.value = isoDay(new Date(today.getTime() - DAY_MS));
    this.#from.value = isoDay(new Date(today.getTime() - 7 * DAY_MS));
    const form = el("form", { class: "report-period", id: "report-period" });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#loadCharts();
    });
    const preset = (days: number, key: string): HTMLButtonElement => {
      const button = el("button", { type: "button", class: "quiet", "data-t-key": key }, t(key));
      button.addEventListener("click", () => {
        const now = new Date();
        this.#to.value = isoDay(new Date(now.getTime() - DAY_MS));
        this.#from.value = isoDay(new Date(now.getTime() - days * DAY_MS));
        void this.#loadCharts();
      });
      return button;
    };
    form.append(
      el(
        "fieldset",
        {},
        el("legend", { "data-t-key": "reports.period" }, t("reports.period")),
        el("label", { for: "report-from", "data-t-key": "reports.from" }, t("reports.from")),
        this.#from,
        el("label", { for: "report-to", "data-t-key": "reports.to" }, t("reports.to")),
        this.#to,
        el("button", { type: "submit", class: "primary", "data-t-key": "reports.show" }, t("reports.show")),
        preset(7, "reports.last_7"),
        preset(30, "reports.last_30"),
      ),
    );
    this.container.replaceChildren(
      this.#health,
      el("p", { class: "reports-intro", "data-t-key": "reports.intro" }, t("reports.intro")),
      form,
      el("p", { class: "reports-actions" }, this.#csv),
      this.#status,
      this.#charts,
      this.#threshold,
    );
    this.#built = true;
  }

  #retranslate(): void {
    for (const node of this.container.querySelectorAll<HTMLElement>("[data-t-key]")) {
      node.textContent = t(node.dataset.tKey as string);
    }
    this.#csv.textContent = t("reports.export");
  }

  #query(): string {
    return `from=${encodeURIComponent(this.#from.value)}&to=${encodeURIComponent(this.#to.value)}`;
  }

  async #loadCharts(): Promise<void> {
    const ticket = ++this.#ticket;
    this.#csv.href = `${BASE}export.csv?${this.#query()}`;
    this.#status.textContent = t("reports.loading");
    this.#charts.setAttribute("aria-busy", "true");
    let response: Response;
    try {
      response = await fetch(`${BASE}charts?${this.#query()}&lang=${currentLanguage()}`, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
    } catch {
      if (ticket === this.#ticket) this.#failed("reports.error");
      return;
    }
    if (ticket !== this.#ticket) return;
    if (response.status === 401) {
      this.host.signedOut();
      return;
    }
    if (!response.ok) {
      this.#failed(response.status === 400 ? "reports.bad_period" : "reports.error");
      return;
    }
    const markup = await response.text();
    if (ticket !== this.#ticket) return;
    // Parsed inert (no script runs from a parsed document), then adopted.
    const parsed = new DOMParser().parseFromString(markup, "text/html");
    for (const script of parsed.querySelectorAll("script")) script.remove();
    this.#charts.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
    this.#charts.setAttribute("aria-busy", "false");
    this.#status.textContent = t("reports.shown", { from: this.#from.value, to: this.#to.value });
  }

  #failed(key: string): void {
    this.#charts.setAttribute("aria-busy", "false");
    this.#status.textContent = t(key);
  }

  async #loadHealth(): Promise<void> {
    let health: Health;
    try {
      health = await apiRequest<Health>(`${BASE}health`);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      return;
    }
    const words =
      health.level === "calm"
        ? t("reports.health.calm", { calm: health.calm_under })
        : health.level === "busy"
          ? t("reports.health.busy", { calm: health.calm_under })
          : health.crisis_waiting > 0
            ? t("reports.health.strained_crisis")
            : t("reports.health.strained", { strained: health.strained_from });
    const items = [
      el("li", {}, tn("reports.health.waiting", health.waiting)),
      ...(health.longest_wait_minutes === null ? [] : [el("li", {}, t("reports.health.longest", { n: health.longest_wait_minutes }))]),
      ...(health.crisis_waiting === 0 ? [] : [el("li", { class: "crisis" }, tn("reports.health.crisis", health.crisis_waiting))]),
      el("li", {}, tn("reports.health.unanswered", health.unanswered)),
    ];
    this.#health.dataset.level = health.level;
    this.#health.replaceChildren(
      el("h2", { id: "queue-health-title" }, t("reports.health.title")),
      el("p", { class: "health-level" }, el("span", { class: "health-dot", "aria-hidden": "true" }), " ", words),
      el("ul", {}, ...items),
      el("p", { class: "health-updated" }, t("reports.health.updated", { when: formatWhen(new Date().toISOString()) })),
    );
  }

  async #loadThreshold(): Promise<void> {
    let current: Threshold;
    try {
      current = await apiRequest<Threshold>(`${BASE}settings`);
    } catch {
      return;
    }
    this.#drawThreshold(current, "");
  }

  #drawThreshold(current: Threshold, said: string): void {
    if (!current.can_edit) {
      this.#threshold.replaceChildren(el("p", {}, t("reports.threshold.current", { n: current.min_count })));
      return;
    }
    const input = el("input", {
      type: "number",
      id: "report-threshold",
      min: String(current.range[0]),
      max: String(current.range[1]),
      value: String(current.min_count),
      "aria-describedby": "report-threshold-hint",
    });
    const status = el("p", { role: "status", class: "reports-status" }, said);
    const form = el(
      "form",
      { class: "threshold-form" },
      el("label", { for: "report-threshold" }, t("reports.threshold.label")),
      " ",
      input,
      " ",
      el("button", { type: "submit" }, t("reports.threshold.save")),
      el("p", { id: "report-threshold-hint", class: "hint" }, t("reports.threshold.hint")),
      status,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void (async () => {
        try {
          const saved = await apiRequest<Threshold>(`${BASE}settings`, { min_count: Number(input.value) });
          this.#drawThreshold(saved, t("reports.threshold.saved", { n: saved.min_count }));
          document.getElementById("report-threshold")?.focus();
          void this.#loadCharts();
        } catch (error) {
          if (error instanceof SessionError && error.status === 401) this.host.signedOut();
          else status.textContent = t("reports.threshold.error");
        }
      })();
    });
    this.#threshold.replaceChildren(form);
  }
}
