// Team work in the console: the shift bar, the conversation's crew panel
// and the supervisor view, kept current the way the desk is. A "team" event
// (or a change of the inbox's waiting rows) refetches the queue; an event
// naming the conversation on screen refetches its crew and notes; a
// reconnection refetches everything. Locking wipes all of it.

import type { MeInfo } from "../session";
import { SessionError } from "../session";
import type { ConversationRow } from "./api";
import { CrewPanel, mayAnswer } from "./crew";
import type { Desk } from "./desk";
import { byId } from "./dom";
import { closeDialogs, endShiftDialog, type HandoffHost, refusalText, transferDialog } from "./handoff";
import { t } from "./i18n";
import { openNote } from "./notes";
import type { Reader } from "./reader";
import { ShiftBar } from "./shift";
import type { Show } from "./inbox-filter";
import { SupervisionPanel } from "./supervision";
import { type ConversationTeam, type Overview, type QueueState, TeamApi, type TeamEvent } from "./team-api";

export interface TeamworkHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  readonly me: MeInfo | null;
  labelFor(row: ConversationRow): Promise<string>;
  select(id: string): Promise<void>;
  announce(text: string): void;
  signedOut(): void;
  /** The crew changed who may answer: the thread shows or hides its reply box. */
  answerChanged(): void;
  /** The conversations section, its inbox filtered so. */
  showInInbox(show: Show): void;
}

const REFRESH_MS = 30_000;
// Events come in bursts (an end of shift hands on several conversations):
// one fetch answers all that arrive within this delay.
const COALESCE_MS = 150;

export class Teamwork {
  readonly #api: TeamApi;
  #shift: ShiftBar | null = null;
  #crew: CrewPanel | null = null;
  #supervision: SupervisionPanel | null = null;
  #state: QueueState | null = null;
  #overview: Overview | null = null;
  #crewFor: { id: string; team: ConversationTeam; notes: (string | null)[] } | null = null;
  #waitingKey = "";
  #busy = false;
  #timer: number | undefined;
  #pending = new Map<string, number>();
  #generation = 0;

  constructor(
    private readonly host: TeamworkHost,
    base: string,
  ) {
    this.#api = new TeamApi(base);
  }

  get supervisor(): boolean {
    const role = this.host.me?.role;
    return role === "supervisor" || role === "admin";
  }

  start(): void {
    this.#generation += 1;
    this.#shift = new ShiftBar(byId("shift-bar"), {
      goOnDuty: () => void this.#act(() => this.#api.goOnDuty()),
      endShift: () => void this.#endShift(),
      takeNext: () => void this.#takeNext(),
      pauseSeen: () => void this.#act(() => this.#api.pauseSeen()),
    });
    this.#crew = new CrewPanel(byId("conversation-team"), {
      transfer: () => void this.#transfer(this.host.desk?.open?.id ?? null),
      join: () => void this.#join(this.host.desk?.open?.id ?? null),
      leave: () => void this.#crewAct((id) => this.#api.leave(id)),
      heavy: (marked) => void this.#crewAct((id) => this.#api.heavy(id, marked)),
    });
    if (this.supervisor) {
      this.#supervision = new SupervisionPanel(byId("supervision-panel"), {
        open: (id) => void this.host.select(id),
        join: (id) => void this.#join(id),
        reassign: (id, holderId) => void this.#transfer(id, holderId),
        saveSettings: (values) => void this.#supervise(() => this.#api.settings(values)),
        saveCap: (userId, cap) => void this.#supervise(() => this.#api.memberCap(userId, cap)),
        showInInbox: (show) => this.host.showInInbox(show),
      });
    }
    window.clearInterval(this.#timer);
    this.#timer = window.setInterval(() => this.resync(), REFRESH_MS);
    this.resync();
  }

  /** Forgets everything (the console locked), decrypted notes first. */
  stop(): void {
    this.#generation += 1;
    window.clearInterval(this.#timer);
    for (const timer of this.#pending.values()) window.clearTimeout(timer);
    this.#pending.clear();
    closeDialogs();
    for (const part of [this.#shift, this.#crew, this.#supervision]) part?.clear();
    this.#shift = this.#crew = this.#supervision = null;
    this.#state = this.#overview = this.#crewFor = null;
    this.#waitingKey = "";
  }

  resync(): void {
    void this.#refreshQueue();
    void this.#refreshCrew();
    void this.#refreshOverview();
  }

  onEvent(event: TeamEvent): void {
    this.#soon("queue", () => this.#refreshQueue());
    this.#soon("overview", () => this.#refreshOverview());
    if (event.conversation !== undefined && event.conversation === this.host.desk?.open?.id) {
      this.#soon("crew", () => this.#refreshCrew());
    }
  }

  #soon(key: string, work: () => Promise<void>): void {
    if (this.#pending.has(key)) return;
    this.#pending.set(
      key,
      window.setTimeout(() => {
        this.#pending.delete(key);
        void work();
      }, COALESCE_MS),
    );
  }

  /** The desk's rows changed: refetch the queue when its waiting rows did; redraw labels. */
  inboxChanged(): void {
    const rows = [...(this.host.desk?.rows.values() ?? [])];
    const key = rows
      .filter((r) => r.holder === null)
      .map((r) => `${r.id}:${r.crisis_category ?? ""}`)
      .sort()
      .join(",");
    if (key !== this.#waitingKey) {
      this.#waitingKey = key;
      this.#soon("queue", () => this.#refreshQueue());
      this.#soon("overview", () => this.#refreshOverview());
    } else {
      void this.#renderShift();
    }
  }

  conversationChanged(): void {
    const open = this.host.desk?.open ?? null;
    if (open === null) {
      this.#crewFor = null;
      this.#crew?.clear();
      return;
    }
    if (this.#crewFor?.id !== open.id) {
      this.#crewFor = null;
      this.#crew?.clear();
      void this.#refreshCrew();
    } else {
      this.#renderCrew();
    }
  }

  mayAnswer(row: ConversationRow): boolean {
    const myId = this.host.me?.id ?? "";
    const joined = this.#crewFor?.id === row.id ? this.#crewFor.team.participants.some((p) => p.id === myId) : (this.#state?.me.joined.includes(row.id) ?? false);
    return mayAnswer(row, myId, joined);
  }

  retranslate(): void {
    if (this.#shift === null) return;
    this.stop();
    this.start();
  }

  // -- fetching -------------------------------------------------------------------

  async #labels(ids: string[]): Promise<Map<string, string>> {
    const rows = this.host.desk?.rows;
    const labels = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        const row = rows?.get(id);
        if (row !== undefined) labels.set(id, await this.host.labelFor(row));
      }),
    );
    return labels;
  }

  async #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    const generation = this.#generation;
    try {
      const result = await work();
      return generation === this.#generation ? result : undefined;
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      return undefined;
    }
  }

  async #refreshQueue(): Promise<void> {
    const state = await this.#guard(() => this.#api.queue());
    if (state === undefined) return;
    this.#state = state;
    await this.#renderShift();
    this.host.answerChanged();
  }

  async #renderShift(): Promise<void> {
    const generation = this.#generation;
    const labels = await this.#labels(this.#state?.waiting.map((w) => w.id) ?? []);
    if (generation === this.#generation) this.#shift?.render(this.#state, labels, this.#busy);
  }

  async #refreshCrew(): Promise<void> {
    const open = this.host.desk?.open ?? null;
    const reader = this.host.reader;
    if (open === null || reader === null) return;
    const team = await this.#guard(() => this.#api.conversation(open.id));
    if (team === undefined || this.host.desk?.open?.id !== team.id) return;
    const notes = await Promise.all(team.notes.map((note) => openNote(reader, team.id, note)));
    if (this.host.desk?.open?.id !== team.id) return;
    this.#crewFor = { id: team.id, team, notes };
    this.#renderCrew();
    this.host.answerChanged();
  }

  #renderCrew(): void {
    const open = this.host.desk?.open ?? null;
    const crew = this.#crewFor?.id === open?.id ? this.#crewFor : null;
    this.#crew?.render({
      row: open?.row ?? null,
      team: crew?.team ?? null,
      notes: crew?.notes ?? [],
      myId: this.host.me?.id ?? "",
      supervisor: this.supervisor,
      busy: this.#busy,
    });
  }

  async #refreshOverview(): Promise<void> {
    const panel = this.#supervision;
    if (panel === null || byId("view-supervision").hidden) return;
    const overview = await this.#guard(() => this.#api.overview());
    if (overview === undefined || this.#supervision !== panel) return;
    this.#overview = overview;
    // Not while the supervisor is typing a setting: it would be replaced under their hands.
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && byId("supervision-panel").contains(active)) return;
    const labels = await this.#labels([...overview.queue, ...overview.crisis, ...overview.unanswered].map((row) => row.id));
    if (this.#supervision === panel) panel.render(this.#overview, labels, this.host.me?.id ?? "");
  }

  /** The supervisor view was shown: fetch it now. */
  showSupervision(): void {
    void this.#refreshOverview();
  }

  // -- acting -------------------------------------------------------------------

  #handoffHost(): HandoffHost | null {
    const reader = this.host.reader;
    if (reader === null) return null;
    return { api: this.#api, reader, myId: this.host.me?.id ?? "", supervisor: this.supervisor };
  }

  async #act(work: () => Promise<unknown>, say: (text: string) => void = (text) => this.#shift?.say(text)): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    say("");
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      else say(refusalText(error));
      return false;
    } finally {
      this.#busy = false;
      void this.#refreshQueue();
      this.#renderCrew();
    }
  }

  async #takeNext(): Promise<void> {
    let taken: string | null = null;
    const ok = await this.#act(async () => {
      taken = (await this.#api.takeNext()).conversation;
    });
    if (ok && taken !== null) {
      await this.host.desk?.refreshInbox();
      await this.host.select(taken);
      this.host.announce(t("team_work.taken"));
    }
  }

  async #endShift(): Promise<void> {
    const host = this.#handoffHost();
    const desk = this.host.desk;
    if (host === null || desk === null) return;
    await desk.refreshInbox();
    const held = [...desk.rows.values()].filter((row) => row.holder?.id === host.myId);
    if (held.length === 0) {
      if (await this.#act(() => this.#api.goOffDuty([]))) this.host.announce(t("team_work.off_duty_now"));
      return;
    }
    const labels = await this.#labels(held.map((row) => row.id));
    const ended = await endShiftDialog(
      host,
      held.map((row) => ({ id: row.id, label: labels.get(row.id) ?? t("inbox.texter_unknown") })),
    );
    void this.#refreshQueue();
    if (ended) {
      this.host.announce(t("team_work.off_duty_now"));
      byId("shift-bar").querySelector<HTMLElement>("[data-action='go-on-duty']")?.focus();
    }
  }

  async #transfer(id: string | null, holderId?: string | null): Promise<void> {
    const host = this.#handoffHost();
    const row = id === null ? undefined : this.host.desk?.rows.get(id);
    if (host === null || id === null) return;
    const label = row === undefined ? t("inbox.texter_unknown") : await this.host.labelFor(row);
    try {
      const action = await transferDialog(host, { id, holderId: holderId === undefined ? (row?.holder?.id ?? null) : holderId, label });
      if (action !== null) this.host.announce(t(`team_work.done.${action}`));
    } catch (error) {
      this.#crew?.say(refusalText(error));
    }
    void this.#refreshCrew();
    void this.#refreshOverview();
  }

  async #join(id: string | null): Promise<void> {
    if (id === null) return;
    if (await this.#act(() => this.#api.join(id), (text) => this.#crew?.say(text))) {
      if (this.host.desk?.open?.id !== id) await this.host.select(id);
      this.host.announce(t("team_work.joined"));
    }
    void this.#refreshCrew();
  }

  async #crewAct(work: (id: string) => Promise<unknown>): Promise<void> {
    const id = this.host.desk?.open?.id;
    if (id === undefined) return;
    await this.#act(() => work(id), (text) => this.#crew?.say(text));
    void this.#refreshCrew();
  }

  async #supervise(work: () => Promise<unknown>): Promise<void> {
    const panel = this.#supervision;
    if (await this.#act(work, (text) => panel?.say(text))) panel?.say(t("team_work.saved"));
    void this.#refreshOverview();
  }
}
