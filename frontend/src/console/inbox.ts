// The inbox list, drawn a page at a time: at 3,000 open conversations only
// the first rows are in the page (and only their numbers are decrypted), and
// a redraw rebuilds only the rows whose data changed, so that a text arriving
// costs one row, not the whole list. Focus and scroll stay where they are.
// Opening a row's number and preview costs about a millisecond each in
// browsers without native X25519, so a page is opened a few rows at a time,
// letting the browser paint and answer input between them.

import type { ConversationRow } from "./api";
import { byId } from "./dom";
import { currentLanguage, tn } from "./i18n";
import { inboxItem } from "./render";

export const PAGE_SIZE = 50;
/** Rows opened between two returns to the event loop: their decryption stays a short task. */
export const OPEN_BATCH = 8;

export interface InboxHost {
  readonly myId: string;
  labelFor(row: ConversationRow): Promise<string>;
  /** The last message as the row shows it, opened in this page ("" for none). */
  previewFor(row: ConversationRow): Promise<string>;
  /** The texter's number, opened in this page (null when locked to this member). */
  numberFor(row: ConversationRow): Promise<string | null>;
}

interface Drawn {
  node: HTMLLIElement;
  version: string;
}

export class InboxList {
  #shown = PAGE_SIZE;
  #drawn = new Map<string, Drawn>();
  /** What this page decrypted of each row it drew: all that the search can look through. */
  #known = new Map<string, string>();
  #ticket = 0;

  constructor(private readonly host: InboxHost) {}

  /** The next page joins the list at the next redraw. */
  showMore(): void {
    this.#shown += PAGE_SIZE;
  }

  /** Forgets every drawn row (the console locked); their texts leave with them. */
  clear(): void {
    this.#ticket += 1;
    this.#shown = PAGE_SIZE;
    this.#drawn.clear();
    this.#known.clear();
    byId("inbox-list").replaceChildren();
    byId("inbox-more").hidden = true;
  }

  /** What the page decrypted of this row, if it drew it; undefined when it opened nothing of it yet. */
  known(row: ConversationRow): string | undefined {
    return this.#known.get(row.id);
  }

  /** Forgets what it decrypted of conversations that left the inbox. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.#known.keys()) if (!ids.has(id)) this.#known.delete(id);
  }

  /** Back to the first page (the filter changed). */
  firstPage(): void {
    this.#shown = PAGE_SIZE;
  }

  /** Draws `rows` (already in order); resolves false when a later redraw overtook this one. */
  async render(rows: ConversationRow[], openId: string | undefined, fresh: ReadonlySet<string>): Promise<boolean> {
    const ticket = ++this.#ticket;
    const page = rows.slice(0, this.#shown);
    const opened: Opened[] = [];
    for (let start = 0; start < page.length; start += OPEN_BATCH) {
      const batch = page.slice(start, start + OPEN_BATCH);
      opened.push(...(await Promise.all(batch.map((row) => this.#open(row)))));
      if (start + OPEN_BATCH < page.length) await nextTask();
      if (ticket !== this.#ticket) return false;
    }
    const list = byId("inbox-list");
    const drawn = new Map<string, Drawn>();
    const day = today();
    const nodes = page.map((row, i) => {
      const { label, preview, number } = opened[i] as Opened;
      this.#known.set(row.id, [label, number ?? "", preview].join("|"));
      const selected = row.id === openId;
      const isFresh = fresh.has(row.id);
      const version = `${JSON.stringify(row)}|${label}|${preview}|${selected}|${isFresh}|${currentLanguage()}|${day}`;
      const before = this.#drawn.get(row.id);
      const node =
        before !== undefined && before.version === version
          ? before.node
          : inboxItem(row, label, selected, isFresh, this.host.myId, preview);
      drawn.set(row.id, { node, version });
      return node;
    });
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".inbox-row")?.dataset.id;
    placeInOrder(list, nodes);
    this.#drawn = drawn;
    if (focused !== undefined && !list.contains(document.activeElement)) {
      list.querySelector<HTMLElement>(`.inbox-row[data-id="${focused}"]`)?.focus();
    }
    const more = byId<HTMLButtonElement>("inbox-more");
    const hidden = rows.length - page.length;
    more.hidden = hidden <= 0;
    if (hidden > 0) more.textContent = tn("inbox.more", hidden);
    return true;
  }

  async #open(row: ConversationRow): Promise<Opened> {
    const [label, preview, number] = await Promise.all([
      this.host.labelFor(row),
      this.host.previewFor(row),
      this.host.numberFor(row),
    ]);
    return { label, preview, number };
  }
}

interface Opened {
  label: string;
  preview: string;
  number: string | null;
}

/** Resolves in a later task, after the browser has had its turn (input, paint). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Puts `nodes` in `parent` in this order, moving only what moved and removing the rest. */
export function placeInOrder(parent: Element, nodes: Element[]): void {
  const keep = new Set<Element>(nodes);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  let cursor = parent.firstElementChild;
  for (const node of nodes) {
    if (cursor === node) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
}

// Row times read "10:42" today and "1 Dec, 10:42" before: a new day redraws them.
function today(): string {
  return new Date().toDateString();
}
