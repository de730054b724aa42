// Handing conversations on: the transfer dialog (to a colleague, a
// supervisor or the queue) and the end-of-shift walk-through, which hands on
// every conversation the member holds before they go off duty. Notes are
// sealed in this page before they leave it.

import { SessionError } from "../session";
import { el } from "./dom";
import { has, t } from "./i18n";
import { sealNote } from "./notes";
import type { Reader } from "./reader";
import type { Handoff, SealedNote, StaffRow, TeamApi } from "./team-api";

export interface HandoffHost {
  readonly api: TeamApi;
  readonly reader: Reader;
  readonly myId: string;
  readonly supervisor: boolean;
}

const NOTE_MAX = 2000;
let dialogCount = 0;

/** Explains a refused team action in the member's language. */
export function refusalText(error: unknown): string {
  if (error instanceof SessionError && error.status === 0) return t("team_work.error.network");
  const code = error instanceof SessionError ? error.code : "error_generic";
  return has(`team_work.error.${code}`) ? t(`team_work.error.${code}`) : t("team_work.error.generic", { code });
}

export function personLabel(person: StaffRow): string {
  const role = t(`team_work.role.${person.role}`);
  const load = t("team_work.load", { load: person.load, cap: person.cap });
  const full = person.load >= person.cap ? ` ${t("team_work.full")}` : "";
  return `${person.name} (${role}, ${load})${full}`;
}

function openDialog(titleText: string, ...content: Node[]): { dialog: HTMLDialogElement; done: Promise<void> } {
  const id = `team-dialog-${++dialogCount}`;
  const dialog = el("dialog", { class: "team-dialog", "aria-labelledby": id }, el("h2", { id }, titleText), ...content);
  document.body.append(dialog);
  const done = new Promise<void>((resolve) => {
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve();
    });
  });
  dialog.showModal();
  return { dialog, done };
}

/** Closes every open team dialog (the console locked): their notes leave the page. */
export function closeDialogs(): void {
  for (const dialog of document.querySelectorAll<HTMLDialogElement>("dialog.team-dialog")) dialog.close();
}

function noteField(id: string, required: boolean): { field: HTMLElement; area: HTMLTextAreaElement } {
  const area = el("textarea", { id, rows: "3", maxlength: String(NOTE_MAX), spellcheck: "false", ...(required ? { required: "" } : {}) });
  const hint = el("p", { class: "hint", id: `${id}-hint` }, t("team_work.note_hint"));
  area.setAttribute("aria-describedby", hint.id);
  const label = el("label", { for: id }, required ? t("team_work.note_label") : t("team_work.note_optional"));
  return { field: el("div", { class: "field" }, label, area, hint), area };
}

async function sealed(host: HandoffHost, conversationId: string, text: string): Promise<SealedNote | null> {
  return text.trim() === "" ? null : sealNote(host.reader, conversationId, text.trim());
}

/**
 * The transfer dialog for one conversation. Resolves to the action the
 * server recorded ("transfer", "escalate", "requeue", "assign"), or null.
 */
export async function transferDialog(
  host: HandoffHost,
  conversation: { id: string; holderId: string | null; label: string },
): Promise<string | null> {
  const people = (await host.api.people()).filter((p) => p.id !== conversation.holderId);
  const holding = conversation.holderId === host.myId;
  const group = el("fieldset", { class: "choices" }, el("legend", {}, t("team_work.to")));
  const choices: { input: HTMLInputElement; person: StaffRow | null }[] = [];
  const addChoice = (value: string, label: string, person: StaffRow | null): void => {
    const input = el("input", { type: "radio", name: "to", value, id: `to-${dialogCount + 1}-${choices.length}` });
    if (person !== null && person.load >= person.cap && !host.supervisor) input.disabled = true;
    choices.push({ input, person });
    group.append(el("div", { class: "choice" }, input, el("label", { for: input.id }, label)));
  };
  if (conversation.holderId !== null) addChoice("", t("team_work.to_queue"), null);
  for (const person of people) addChoice(person.id, personLabel(person), person);
  if (people.length === 0) group.append(el("p", { class: "hint" }, t("team_work.nobody_on_duty")));
  const note = noteField(`handoff-note-${dialogCount + 1}`, holding);
  const override = el("input", { type: "checkbox", id: `override-${dialogCount + 1}` });
  const overrideField = el("div", { class: "choice", hidden: "" }, override, el("label", { for: override.id }, t("team_work.override")));
  const error = el("p", { class: "form-error", role: "alert" });
  const submit = el("button", { type: "submit", class: "primary" }, t("team_work.hand_on"));
  const cancel = el("button", { type: "button" }, t("team_work.cancel"));
  const form = el("form", { class: "stack", method: "post" }, group, overrideField, note.field, error, el("div", { class: "actions" }, submit, cancel));
  const { dialog, done } = openDialog(t("team_work.transfer_title", { texter: conversation.label }), form);
  let result: string | null = null;

  group.addEventListener("change", () => {
    const chosen = choices.find((c) => c.input.checked)?.person ?? null;
    overrideField.hidden = !(host.supervisor && chosen !== null && chosen.load >= chosen.cap);
  });
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = choices.find((c) => c.input.checked);
    if (chosen === undefined) {
      error.textContent = t("team_work.choose");
      return;
    }
    submit.disabled = true;
    error.textContent = "";
    void (async () => {
      try {
        const to = chosen.person?.id ?? null;
        const sealedNote = await sealed(host, conversation.id, note.area.value);
        const answer = await host.api.transfer(conversation.id, to, sealedNote, !overrideField.hidden && override.checked);
        result = answer.action;
        dialog.close();
      } catch (failure) {
        error.textContent = refusalText(failure);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  await done;
  return result;
}

/**
 * The end of a shift: one choice and one note per held conversation, then
 * off duty, all at once. Resolves true once the member is off duty.
 */
export async function endShiftDialog(host: HandoffHost, held: { id: string; label: string }[]): Promise<boolean> {
  const people = (await host.api.people()).filter((p) => p.id !== host.myId);
  const rows = held.map((conversation, index) => {
    const selectId = `shift-to-${dialogCount + 1}-${index}`;
    const select = el("select", { id: selectId, required: "" }, el("option", { value: "" }, t("team_work.choose_short")));
    select.append(el("option", { value: "queue" }, t("team_work.to_queue")));
    for (const person of people) {
      const option = el("option", { value: person.id }, personLabel(person));
      if (person.load >= person.cap) option.disabled = true;
      select.append(option);
    }
    const note = noteField(`shift-note-${dialogCount + 1}-${index}`, true);
    const fieldset = el(
      "fieldset",
      { class: "handoff" },
      el("legend", {}, conversation.label),
      el("div", { class: "field" }, el("label", { for: selectId }, t("team_work.hand_to")), select),
      note.field,
    );
    return { conversation, select, note: note.area, fieldset };
  });
  const error = el("p", { class: "form-error", role: "alert" });
  const submit = el("button", { type: "submit", class: "primary" }, t("team_work.end_shift_submit"));
  const cancel = el("button", { type: "button" }, t("team_work.cancel"));
  const form = el(
    "form",
    { method: "post", class: "stack" },
    el("p", {}, t("team_work.end_shift_intro")),
    ...rows.map((row) => row.fieldset),
    error,
    el("div", { class: "actions" }, submit, cancel),
  );
  const { dialog, done } = openDialog(t("team_work.end_shift_title"), form);
  let ended = false;
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    void (async () => {
      try {
        const handoffs: Handoff[] = [];
        for (const row of rows) {
          const note = await sealNote(host.reader, row.conversation.id, row.note.value.trim());
          handoffs.push({ conversation: row.conversation.id, to: row.select.value === "queue" ? null : row.select.value, note });
        }
        await host.api.goOffDuty(handoffs);
        ended = true;
        dialog.close();
      } catch (failure) {
        error.textContent = refusalText(failure);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  await done;
  return ended;
}
