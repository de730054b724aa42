// The inbox's controls (what to show, which channel, the search over what
// this page decrypted), the rows' previews, and the links to a texter's
// other conversations. The filtering itself is inbox-filter.ts.

import type { ConversationRow, MessageRow, RelatedConversation } from "./api";
import { channelName } from "./channel-info";
import { byId, el } from "./dom";
import { currentLanguage, formatWhen, has, t, tn } from "./i18n";
import { type InboxFilter, NO_FILTER, SHOWS, type Show, filterRows, isFiltered } from "./inbox-filter";
import { noticeName } from "./notice-menu";

/** A preview is one line of the row: the rest is in the thread. */
const PREVIEW_CHARS = 140;

export class InboxTools {
  filter: InboxFilter = NO_FILTER;
  #channelsShown = "";

  /** `changed` redraws the inbox from its first page. */
  bind(changed: () => void): void {
    const show = byId<HTMLSelectElement>("inbox-show");
    const channel = byId<HTMLSelectElement>("inbox-channel");
    const search = byId<HTMLInputElement>("inbox-search");
    show.addEventListener("change", () => {
      this.filter = { ...this.filter, show: (SHOWS as readonly string[]).includes(show.value) ? (show.value as Show) : "all" };
      changed();
    });
    channel.addEventListener("change", () => {
      this.filter = { ...this.filter, channel: channel.value };
      changed();
    });
    search.addEventListener("input", () => {
      this.filter = { ...this.filter, search: search.value };
      changed();
    });
  }

  /** The rows to draw, and the line that says how many (and what the search could not look at). */
  apply(rows: ConversationRow[], myId: string, known: (row: ConversationRow) => string | undefined): ConversationRow[] {
    this.#offerChannels(rows);
    const kept = filterRows(rows, this.filter, myId, known);
    byId("inbox-count").textContent = isFiltered(this.filter)
      ? tn("inbox.count_filtered", kept.length, { total: rows.length })
      : tn("inbox.count", rows.length);
    const unsearched = this.filter.search.trim() === "" ? 0 : rows.filter((row) => known(row) === undefined).length;
    byId("inbox-search-status").textContent = unsearched > 0 ? tn("inbox.search.unsearched", unsearched) : "";
    byId("inbox-none-match").hidden = !(rows.length > 0 && kept.length === 0);
    return kept;
  }

  /** Shows only these conversations (a supervisor's "show all" link). */
  setShow(show: Show): void {
    this.filter = { ...this.filter, show };
    byId<HTMLSelectElement>("inbox-show").value = show;
  }

  /** Back to every conversation, and the search typed here forgotten (the console locked). */
  clear(): void {
    this.filter = NO_FILTER;
    this.#channelsShown = "";
    byId<HTMLSelectElement>("inbox-show").value = "all";
    byId<HTMLInputElement>("inbox-search").value = "";
    const channel = byId<HTMLSelectElement>("inbox-channel");
    channel.replaceChildren(el("option", { value: "" }, t("inbox.filter.every_channel")));
    byId("inbox-search-status").textContent = "";
    byId("inbox-none-match").hidden = true;
  }

  /** The channel menu lists the channels of the open conversations (and keeps the chosen one). */
  #offerChannels(rows: ConversationRow[]): void {
    const channels = new Map<string, string>();
    for (const row of rows) {
      if (!channels.has(row.channel.id)) {
        channels.set(row.channel.id, t("inbox.via", { channel: channelName(row), address: row.channel.address }));
      }
    }
    const chosen = this.filter.channel;
    if (chosen !== "" && !channels.has(chosen)) channels.set(chosen, chosen);
    const key = `${currentLanguage()}|${[...channels].flat().join("|")}`;
    if (key === this.#channelsShown) return;
    this.#channelsShown = key;
    const select = byId<HTMLSelectElement>("inbox-channel");
    select.replaceChildren(
      el("option", { value: "" }, t("inbox.filter.every_channel")),
      ...[...channels].map(([id, name]) => el("option", { value: id }, name)),
    );
    select.value = chosen;
  }
}

/** The row's one line of its last message, from what this page opened (`text`: null when locked). */
export function previewText(message: MessageRow | null | undefined, text: string | null, myId: string): string {
  if (message === null || message === undefined) return "";
  let body: string;
  if (message.notice !== "" && message.direction === "in") {
    body = has(`chat.event.${message.notice}`) ? t(`chat.event.${message.notice}`) : message.notice;
  } else if (message.notice !== "") {
    body = t("protocols.notice.sent", { name: noticeName(message.notice) });
  } else if (text === null) {
    body = t("message.locked");
  } else if (text === "" && message.media_count > 0) {
    body = t("message.media");
  } else {
    body = text.replace(/\s+/g, " ").trim();
  }
  if (body.length > PREVIEW_CHARS) body = `${body.slice(0, PREVIEW_CHARS - 1)}…`;
  if (message.direction === "in" || message.notice !== "") return body;
  const who = message.author === null ? "" : message.author.id === myId ? t("inbox.preview.you") : message.author.name;
  return who === "" ? body : t("inbox.preview.from", { who, text: body });
}

/** The texter's other conversations that Havre still links to this one, each a button that opens it. */
export function renderRelated(related: readonly RelatedConversation[], open: (id: string) => void): void {
  const box = byId("conversation-related");
  box.hidden = related.length === 0;
  if (related.length === 0) {
    box.replaceChildren();
    return;
  }
  const items = related.map((other) => {
    const button = el(
      "button",
      { type: "button", class: "quiet related-link", "data-id": other.id },
      other.status === "open"
        ? t("related.open", { when: formatWhen(other.created_at) })
        : t("related.closed", { when: formatWhen(other.created_at), closed: formatWhen(other.closed_at) }),
    );
    button.addEventListener("click", () => open(other.id));
    return el("li", {}, button);
  });
  box.replaceChildren(
    el("p", { class: "related-title", id: "related-title" }, tn("related.title", related.length)),
    el("ul", { class: "related-list", "aria-labelledby": "related-title" }, ...items),
    el("p", { class: "hint" }, t("related.why")),
  );
}
