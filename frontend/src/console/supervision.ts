// The supervisor view: queue health at a glance (how many wait, the longest
// wait, crisis-flagged conversations, conversations with no reply for too
// long), who is on duty at what load, heavy conversations of the shift, and
// the caseload settings. Supervisors open, join or reassign from here.

import { el } from "./dom";
import { formatWhen, t, tn } from "./i18n";
import { waitText } from "./shift";
import type { FlaggedRow, Overview } from "./team-api";

export interface SupervisionActions {
  open(id: string): void;
  join(id: string): void;
  reassign(id: string, holderId: string | null): void;
  saveSettings(values: Overview["settings"]): void;
  saveCap(userId: string, cap: number | null): void;
  /** Every conversation of a capped list, in the inbox under its filter. */
  showInInbox(show: "queue" | "crisis" | "waiting"): void;
}

export class SupervisionPanel {
  #status: HTMLElement;
  #body: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: SupervisionActions,
  ) {
    this.#body = el("div", { class: "supervision-body" });
    this.#status = el("p", { class: "supervision-status", role: "status" });
    container.replaceChildren(
      // Not a landmark of its own: the view around it is the "Supervision" region.
      el("div", { class: "supervision" }, el("h2", { id: "supervision-title" }, t("team_work.supervision_title")), this.#status, this.#body),
    );
  }

  say(text: string): void {
    this.#status.textContent = text;
  }

  clear(): void {
    this.container.replaceChildren();
  }

  render(overview: Overview | null, labels: Map<string, string>, myId: string): void {
    if (overview === null) {
      this.#body.replaceChildren(el("p", {}, t("team_work.loading")));
      return;
    }
    const focused = (document.activeElement as HTMLElement | null)?.dataset.action;
    const health = el(
      "ul",
      { class: "health", "aria-label": t("team_work.health") },
      el("li", {}, tn("team_work.waiting", overview.waiting)),
      ...(overview.oldest === null ? [] : [el("li", {}, t("team_work.longest_wait", { wait: waitText(overview.oldest) }))]),
      el("li", {}, tn("team_work.in_crisis", overview.crisis_count ?? overview.crisis.length)),
      el("li", {}, tn("team_work.unanswered_count", overview.unanswered_count ?? overview.unanswered.length, { minutes: overview.settings.no_reply_minutes })),
    );
    this.#body.replaceChildren(
      health,
      this.#staff(overview, myId),
      this.#flagged(
        "queue",
        t("team_work.queue_title"),
        overview.queue.map((row) => ({ id: row.id, holder: null, crisis: row.crisis, crisis_at: null, last_inbound_at: null, since: row.waiting_since })),
        labels,
        (row) => [waitText(row.since ?? null), ...(row.crisis === null ? [] : [t(`team_work.crisis.${row.crisis}`)])].join(" · "),
        false,
        overview.waiting,
      ),
      this.#flagged(
        "crisis",
        t("team_work.crisis_title"),
        overview.crisis,
        labels,
        (row) => t(`team_work.crisis.${row.crisis ?? "danger"}`) + " · " + formatWhen(row.crisis_at),
        true,
        overview.crisis_count,
      ),
      this.#flagged(
        "unanswered",
        t("team_work.unanswered_title", { minutes: overview.settings.no_reply_minutes }),
        overview.unanswered,
        labels,
        (row) => t("team_work.texter_wrote", { wait: waitText(row.last_inbound_at) }),
        true,
        overview.unanswered_count,
      ),
      this.#settings(overview.settings),
    );
    if (focused !== undefined) this.#body.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
  }

  #staff(overview: Overview, myId: string): HTMLElement {
    const body = el("tbody");
    for (const person of overview.staff) {
      const cap = el("input", {
        type: "number",
        min: "0",
        max: "50",
        value: person.own_cap === null ? "" : String(person.own_cap),
        placeholder: String(overview.settings.max_conversations),
        "aria-label": t("team_work.own_cap_for", { name: person.name }),
        class: "cap-input",
      });
      const save = this.#button(`cap-${person.id}`, t("team_work.save"), () => {
        this.actions.saveCap(person.id, cap.value === "" ? null : Number(cap.value));
      });
      save.setAttribute("aria-label", t("team_work.save_cap_for", { name: person.name }));
      const name = person.id === myId ? `${person.name} ${t("team_work.you_paren")}` : person.name;
      body.append(
        el(
          "tr",
          { "data-member": person.id },
          el("th", { scope: "row" }, name),
          el("td", {}, t(`team_work.role.${person.role}`)),
          el("td", {}, person.on_duty ? t("team_work.on_duty_since", { when: formatWhen(person.since) }) : t("team_work.off_duty")),
          el("td", {}, t("team_work.load", { load: person.load, cap: person.cap })),
          el("td", {}, String(person.heavy)),
          el("td", {}, cap, " ", save),
        ),
      );
    }
    const head = el(
      "tr",
      {},
      ...[
        "team_work.col_member",
        "team_work.col_role",
        "team_work.col_duty",
        "team_work.col_load",
        "team_work.col_heavy",
        "team_work.col_cap",
      ].map((key) => el("th", { scope: "col" }, t(key))),
    );
    return el(
      "section",
      { "aria-labelledby": "staff-title" },
      el("h3", { id: "staff-title" }, t("team_work.staff_title")),
      el("table", { class: "staff-table" }, el("thead", {}, head), body),
    );
  }

  #flagged(
    kind: string,
    title: string,
    rows: (FlaggedRow & { since?: string | null })[],
    labels: Map<string, string>,
    detail: (row: FlaggedRow & { since?: string | null }) => string,
    showHolder = true,
    total = rows.length,
  ): HTMLElement {
    const section = el("section", { "aria-labelledby": `${kind}-title` }, el("h3", { id: `${kind}-title` }, title));
    if (rows.length === 0) {
      section.append(el("p", { class: "hint" }, t("team_work.none")));
      return section;
    }
    const list = el("ul", { class: "flagged" });
    for (const row of rows) {
      const label = labels.get(row.id) ?? t("inbox.texter_unknown");
      const holder = !showHolder ? "" : row.holder === null ? ` · ${t("team_work.holder_none")}` : ` · ${t("team_work.holder_named", { name: row.holder.name })}`;
      const open = this.#button(`${kind}-open-${row.id}`, t("team_work.open"), () => this.actions.open(row.id));
      const join = this.#button(`${kind}-join-${row.id}`, t("team_work.join"), () => this.actions.join(row.id));
      const waiting = row.holder === null;
      const reassign = this.#button(`${kind}-reassign-${row.id}`, t(waiting ? "team_work.assign" : "team_work.reassign"), () =>
        this.actions.reassign(row.id, row.holder?.id ?? null),
      );
      for (const [button, key] of [
        [open, "team_work.open_for"],
        [join, "team_work.join_for"],
        [reassign, waiting ? "team_work.assign_for" : "team_work.reassign_for"],
      ] as const) {
        button.setAttribute("aria-label", t(key, { texter: label }));
      }
      const buttons = showHolder ? [open, join, reassign] : [open, reassign];
      list.append(el("li", {}, el("p", {}, el("strong", {}, label), ` · ${detail(row)}${holder}`), el("div", { class: "actions" }, ...buttons)));
    }
    section.append(list);
    if (total > rows.length) {
      const show = kind === "crisis" ? "crisis" : kind === "queue" ? "queue" : "waiting";
      const more = this.#button(`${kind}-more`, tn("team_work.more_in_inbox", total), () => this.actions.showInInbox(show));
      section.append(el("p", { class: "more" }, tn("team_work.shown_of", rows.length, { total }), " ", more));
    }
    return section;
  }

  #settings(settings: Overview["settings"]): HTMLElement {
    const cap = el("input", { id: "setting-cap", type: "number", min: "1", max: "50", required: "", value: String(settings.max_conversations) });
    const minutes = el("input", { id: "setting-minutes", type: "number", min: "1", max: "1440", required: "", value: String(settings.no_reply_minutes) });
    const auto = el("input", { id: "setting-auto", type: "checkbox" });
    auto.checked = settings.auto_assign;
    const form = el(
      "form",
      { method: "post", class: "stack settings", "aria-labelledby": "settings-title" },
      el("h3", { id: "settings-title" }, t("team_work.settings_title")),
      el("div", { class: "field" }, el("label", { for: cap.id }, t("team_work.setting_cap")), cap),
      el("div", { class: "field" }, el("label", { for: minutes.id }, t("team_work.setting_minutes")), minutes),
      el("div", { class: "choice" }, auto, el("label", { for: auto.id }, t("team_work.setting_auto"))),
      el("button", { type: "submit", "data-action": "save-settings" }, t("team_work.save")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.actions.saveSettings({ max_conversations: Number(cap.value), auto_assign: auto.checked, no_reply_minutes: Number(minutes.value) });
    });
    return form;
  }

  #button(action: string, label: string, onClick: () => void): HTMLButtonElement {
    const button = el("button", { type: "button", "data-action": action }, label);
    button.addEventListener("click", onClick);
    return button;
  }
}
