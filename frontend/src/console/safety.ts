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
  inboxChanged(rows: ConversationRow[], labels: string[]): void {
    const due = new Set(rows.filter((row) => safetyOf(row)?.checkin_due).map((row) => row.id));
    if (this.#due !== null) {
      rows.forEach((row, i) => {
        if (due.has(row.id) && !this.#due?.has(row.id)) {
          this.host.announce(t("safety.checkin.due_announce", { texter: labels[i] ?? "" }));
        }
      });
    }
    this.#due = due;
  }

  retranslate(): void {
    this.#panel.retranslate();
    this.#blocks.retranslate();
    this.#writeFirst.retranslate();
  }
}
