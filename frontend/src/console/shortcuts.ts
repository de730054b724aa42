// Keyboard shortcuts of the conversations' view, and the help that lists them.
//
// A shortcut is one plain key, never while typing in a field and never with
// Ctrl, Alt or Cmd (those belong to the browser and to screen readers).
// `?` shows the list; Escape closes it, as it closes every dialog.

import { el } from "./dom";
import { t } from "./i18n";

export type Shortcut = "next" | "previous" | "take" | "reply" | "quick" | "close" | "help";

/** Each shortcut, its keys and its catalog key, in the order the help lists them. */
export const SHORTCUTS: { action: Shortcut; keys: string[] }[] = [
  { action: "next", keys: ["j"] },
  { action: "previous", keys: ["k"] },
  { action: "take", keys: ["t"] },
  { action: "reply", keys: ["r"] },
  { action: "quick", keys: ["/"] },
  { action: "close", keys: ["c"] },
  { action: "help", keys: ["?"] },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key went to a field, a select or an editable element. */
  typing: boolean;
}

export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return null;
  return SHORTCUTS.find((s) => s.keys.includes(press.key))?.action ?? null;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/** The row after (step 1) or before (step -1) the open one, in the inbox's order. */
export function neighbour(ids: string[], openId: string | undefined, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = openId === undefined ? -1 : ids.indexOf(openId);
  if (at === -1) return step === 1 ? (ids[0] ?? null) : (ids.at(-1) ?? null);
  return ids[at + step] ?? null;
}

/** The help's body: every shortcut with its keys. */
export function shortcutList(): HTMLElement {
  const list = el("dl", { class: "shortcut-list" });
  for (const { action, keys } of SHORTCUTS) {
    list.append(el("dt", {}, ...keys.map((key) => el("kbd", {}, key))), el("dd", {}, t(`shortcuts.${action}`)));
  }
  list.append(el("dt", {}, el("kbd", {}, "Esc")), el("dd", {}, t("shortcuts.escape")));
  list.append(el("dt", {}, el("kbd", {}, "Ctrl"), "+", el("kbd", {}, "Enter")), el("dd", {}, t("shortcuts.send")));
  return list;
}
