// The console's safety tools, wired into the page by console.ts: the panel of
// the conversation on screen, "write first", the supervisors' block list, and
// announcing check-ins that came due.

import type { Role } from "../session";
import type { ConsoleApi, ConversationRow } from "./api";
import { BlockList } from "./blocklist";
import type { Desk } from "./desk";
import { byId } from "./dom";
import { t } from "./i18n";
import type { Reader } from "./reader";
import { safetyOf } from "./safety-api";
import { SafetyPanel } from "./safety-panel";
import { WriteFirst } from "./writefirst";

export interface SafetyHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  readonly role: Role | null;
  readonly api: ConsoleApi;
  readonly maxChars: number;
  announce(text: string): void;
  signedOut(): void;
  openConversation(id: string): Promise<void>;
}

export class SafetyTools {
  readonly #panel: SafetyPanel;
  readonly #blocks: BlockList;
  readonly #writeFirst: WriteFirst;
  /** Conversations whose check-in is due, as last seen; null before the first inbox. */
  #due: Set<string> | null = null;

  constructor(private readonly host: SafetyHost) {
    this.#panel = new SafetyPanel(host);
    this.#blocks = new BlockList(host);
    this.#writeFirst = new WriteFirst(host);
    byId("safety-panel").replaceChildren(this.#panel.root);
    byId("write-first").replaceChildren(this.#writeFirst.root);
    byId("block-list").replaceChildren(this.#blocks.root);
  }

  /** The keys are open and the desk runs. */
  start(): void {
    this.#due = null;
    const role = this.host.role;
    this.#blocks.show(role === "supervisor" || role === "admin");
  }

  /** The console locked: nothing typed or decrypted here stays on the page. */
  clear(): void {
    this.#due = null;
    this.#panel.clear();
    this.#blocks.clear();
    this.#writeFirst.close();
  }

  conversationChanged(): void {
    this.#panel.update(this.host.desk?.open?.row ?? null);
  }

  /** After the inbox rendered: announce check-ins that came due since the last time. */
  /** `labelFor` names a texter; only those whose check-in just fell due are named. */
  inboxChanged(rows: ConversationRow[], labelFor: (row: ConversationRow) => Promise<string>): void {
    const dueRows = rows.filter((row) => safetyOf(row)?.checkin_due);
    const due = new Set(dueRows.map((row) => row.id));
    const before = this.#due;
    if (before !== null) {
      for (const row of dueRows) {
        if (before.has(row.id)) continue;
        void labelFor(row).then((texter) => this.host.announce(t("safety.checkin.due_announce", { texter })));
      }
    }
    this.#due = due;
  }

  retranslate(): void {
    this.#panel.retranslate();
    this.#blocks.retranslate();
    this.#writeFirst.retranslate();
  }
}
