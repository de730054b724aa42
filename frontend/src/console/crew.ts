// Who is in the conversation on screen: its holder, who joined, the
// handoff notes (decrypted here), and the buttons to hand it on, join,
// leave, or mark it as heavy. Decrypted notes enter the page as text only.

import type { ConversationRow } from "./api";
import { el } from "./dom";
import { formatWhen, t } from "./i18n";
import type { ConversationTeam, NoteRow } from "./team-api";

export interface CrewActions {
  transfer(): void;
  join(): void;
  leave(): void;
  heavy(marked: boolean): void;
}

export interface CrewView {
  row: ConversationRow | null;
  team: ConversationTeam | null;
  notes: (string | null)[];
  myId: string;
  supervisor: boolean;
  busy: boolean;
}

export function holderText(row: ConversationRow, myId: string): string {
  if (row.holder === null) return t("team_work.holder_none");
  if (row.holder.id === myId) return t("team_work.holder_you");
  return t("team_work.holder_named", { name: row.holder.name });
}

/** Whether the member may answer: the holder, someone who joined, or anyone while it waits. */
export function mayAnswer(row: ConversationRow, myId: string, joined: boolean): boolean {
  return row.holder === null || row.holder.id === myId || joined;
}

export class CrewPanel {
  #status: HTMLElement;
  #body: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: CrewActions,
  ) {
    this.#body = el("div", { class: "crew-body" });
    this.#status = el("p", { class: "crew-status", role: "status" });
    container.replaceChildren(this.#body, this.#status);
  }

  say(text: string): void {
    this.#status.textContent = text;
  }

  clear(): void {
    this.#body.replaceChildren();
    this.#status.textContent = "";
  }

  render(view: CrewView): void {
    const { row, team, myId } = view;
    if (row === null || row.status !== "open") {
      this.#body.replaceChildren();
      return;
    }
    const focused = (document.activeElement as HTMLElement | null)?.dataset.action;
    const joined = team?.participants.some((p) => p.id === myId) ?? false;
    const holds = row.holder?.id === myId;
    const parts: Node[] = [];
    parts.push(el("p", { class: "crew-holder" }, holderText(row, myId)));
    const others = (team?.participants ?? []).map((p) => (p.id === myId ? t("team_work.you") : p.name));
    if (others.length > 0) parts.push(el("p", { class: "crew-participants" }, t("team_work.also_here", { names: others.join(", ") })));
    if (!mayAnswer(row, myId, joined)) parts.push(el("p", { class: "notice" }, t("team_work.join_to_answer")));

    const buttons: HTMLButtonElement[] = [];
    if (holds || view.supervisor) buttons.push(this.#button("transfer", t("team_work.transfer"), () => this.actions.transfer()));
    if (!holds && !joined) buttons.push(this.#button("join", t("team_work.join"), () => this.actions.join()));
    if (joined) buttons.push(this.#button("leave", t("team_work.leave"), () => this.actions.leave()));
    if (team !== null) {
      const heavy = this.#button("heavy", t("team_work.heavy"), () => this.actions.heavy(!team.heavy));
      heavy.setAttribute("aria-pressed", String(team.heavy));
      heavy.title = t("team_work.heavy_hint");
      buttons.push(heavy);
    }
    for (const button of buttons) button.disabled = view.busy;
    parts.push(el("div", { class: "actions crew-actions" }, ...buttons));
    if (team !== null && team.notes.length > 0) parts.push(this.#notes(team.notes, view.notes, myId));
    this.#body.replaceChildren(...parts);
    if (focused !== undefined) this.#body.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
  }

  #notes(notes: NoteRow[], texts: (string | null)[], myId: string): HTMLElement {
    const list = el("ol", { class: "notes", "aria-labelledby": "notes-title" });
    notes.forEach((note, i) => {
      const author = note.author === null ? t("message.from_unknown") : note.author.id === myId ? t("team_work.you") : note.author.name;
      const recipient =
        note.recipient === null ? t("team_work.note_to_queue") : note.recipient.id === myId ? t("team_work.you") : note.recipient.name;
      const head = el(
        "p",
        { class: "note-who" },
        note.kind === "note" ? t("team_work.note_by", { author }) : t("team_work.note_from_to", { author, recipient }),
        " · ",
        el("time", { datetime: note.created_at }, formatWhen(note.created_at)),
      );
      if (note.recipient?.id === myId) head.append(" ", el("span", { class: "badge badge-new" }, t("team_work.for_you")));
      const text = texts[i] ?? null;
      const body = text === null ? el("p", { class: "message-locked" }, t("message.locked")) : el("p", { class: "note-text" }, text);
      list.append(el("li", { class: "note" }, head, body));
    });
    return el("section", { class: "crew-notes", "aria-labelledby": "notes-title" }, el("h3", { id: "notes-title" }, t("team_work.notes_title")), list);
  }

  #button(action: string, label: string, onClick: () => void): HTMLButtonElement {
    const button = el("button", { type: "button", "data-action": action }, label);
    button.addEventListener("click", onClick);
    return button;
  }
}
