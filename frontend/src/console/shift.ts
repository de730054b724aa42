// The member's shift, above the inbox: on or off duty, their load, the
// queue in the order it is served with "Take next" (the inbox rows open
// them), and the suggestion of a pause after heavy conversations (shown to
// the member alone).

import { el } from "./dom";
import { formatWhen, t, tn } from "./i18n";
import type { QueueState } from "./team-api";

export interface ShiftActions {
  goOnDuty(): void;
  endShift(): void;
  takeNext(): void;
  pauseSeen(): void;
}

const QUEUE_SHOWN = 5;

/** Whole minutes since `iso`, never negative. */
export function minutesSince(iso: string | null, now = Date.now()): number {
  if (iso === null) return 0;
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

export function waitText(iso: string | null): string {
  return tn("team_work.wait", minutesSince(iso));
}

export class ShiftBar {
  #status: HTMLElement;
  #body: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: ShiftActions,
  ) {
    this.#body = el("div", { class: "shift-body" });
    this.#status = el("p", { class: "shift-status", role: "status" });
    container.replaceChildren(
      el("section", { class: "shift", "aria-labelledby": "shift-title" }, el("h2", { id: "shift-title" }, t("team_work.shift_title")), this.#body, this.#status),
    );
  }

  say(text: string): void {
    this.#status.textContent = text;
  }

  clear(): void {
    this.container.replaceChildren();
  }

  render(state: QueueState | null, labels: Map<string, string>, busy: boolean): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset.action;
    if (state === null) {
      this.#body.replaceChildren(el("p", {}, t("team_work.loading")));
      return;
    }
    const me = state.me;
    const parts: Node[] = [];
    parts.push(
      el(
        "p",
        { class: "shift-duty" },
        me.on_duty
          ? t("team_work.on_duty_since", { when: formatWhen(me.since) })
          : t("team_work.off_duty"),
        " · ",
        t("team_work.my_load", { load: me.load, cap: me.cap }),
      ),
    );
    const dutyButton = me.on_duty
      ? this.#button("end-shift", t("team_work.end_shift"), () => this.actions.endShift())
      : this.#button("go-on-duty", t("team_work.go_on_duty"), () => this.actions.goOnDuty(), "primary");
    dutyButton.disabled = busy;
    parts.push(el("div", { class: "actions" }, dutyButton));
    if (me.suggest_pause) parts.push(this.#pause(me.heavy));

    const summary = [tn("team_work.waiting", state.count)];
    if (state.crisis > 0) summary.push(tn("team_work.in_crisis", state.crisis));
    if (state.oldest !== null) summary.push(t("team_work.longest_wait", { wait: waitText(state.oldest) }));
    parts.push(el("h3", { id: "queue-title" }, t("team_work.queue_title")), el("p", { class: "queue-summary" }, summary.join(" · ")));
    const take = this.#button("take-next", t("team_work.take_next"), () => this.actions.takeNext(), "primary");
    take.disabled = busy || !me.on_duty || state.count === 0 || me.load >= me.cap;
    const why = !me.on_duty
      ? t("team_work.take_needs_duty")
      : me.load >= me.cap
        ? t("team_work.take_at_cap", { cap: me.cap })
        : "";
    parts.push(el("div", { class: "actions" }, take));
    if (why) parts.push(el("p", { class: "hint" }, why));
    if (state.waiting.length > 0) {
      const list = el("ol", { class: "queue-list", "aria-labelledby": "queue-title" });
      for (const row of state.waiting.slice(0, QUEUE_SHOWN)) {
        const bits = [labels.get(row.id) ?? t("inbox.texter_unknown"), waitText(row.waiting_since)];
        if (row.crisis !== null) bits.push(t(`team_work.crisis.${row.crisis}`));
        // Text, not a button: the inbox row below opens the conversation.
        list.append(el("li", { class: row.crisis !== null ? "crisis queue-row" : "queue-row" }, bits.join(" · ")));
      }
      parts.push(list);
      if (state.count > QUEUE_SHOWN) parts.push(el("p", { class: "hint" }, tn("team_work.more_waiting", state.count - QUEUE_SHOWN)));
    }
    this.#body.replaceChildren(...parts);
    if (focused !== undefined) this.#body.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
  }

  #pause(heavy: number): HTMLElement {
    const ok = this.#button("pause-seen", t("team_work.pause_ok"), () => this.actions.pauseSeen());
    return el(
      "div",
      { class: "pause", role: "region", "aria-labelledby": "pause-title" },
      el("h3", { id: "pause-title" }, t("team_work.pause_title")),
      el("p", {}, tn("team_work.pause_heavy", heavy)),
      el("p", {}, t("team_work.pause_text")),
      ok,
    );
  }

  #button(action: string, label: string, onClick: () => void, kind = ""): HTMLButtonElement {
    const button = el("button", { type: "button", "data-action": action, class: kind || undefined }, label);
    button.addEventListener("click", onClick);
    return button;
  }
}
