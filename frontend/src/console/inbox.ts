// The inbox list, drawn a page at a time: at 3,000 open conversations only
// the first rows are in the page (and only their numbers are decrypted), and
// a redraw rebuilds only the rows whose data changed, so that a text arriving
// costs one row, not the whole list. Focus and scroll stay where they are.

import type { ConversationRow } from "./api";
import { byId } from "./dom";
import { currentLanguage, tn } from "./i18n";
import { inboxItem } from "./render";

export const PAGE_SIZE = 50;

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
    const [labels, previews, numbers] = await Promise.all([
      Promise.all(page.map((row) => this.host.labelFor(row))),
      Promise.all(page.map((row) => this.host.previewFor(row))),
      Promise.all(page.map((row) => this.host.numberFor(row))),
    ]);
    if (ticket !== this.#ticket) return false;
    const list = byId("inbox-list");
    const drawn = new Map<string, Drawn>();
    const nodes = page.map((row, i) => {
      const label = labels[i] as string;
      const preview = previews[i] as string;
      this.#known.set(row.id, [label, numbers[i] ?? "", preview].join("|"));
      const selected = row.id === openId;
      const isFresh = fresh.has(row.id);
      const version = `${JSON.stringify(row)}|${label}|${preview}|${selected}|${isFresh}|${currentLanguage()}|${today()}`;
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
