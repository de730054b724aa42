// DOM builders for the inbox and the messages. Decrypted text only ever
// enters the page as text nodes (textContent), never as HTML.

import type { ConversationRow, Delivery, MessageRow } from "./api";
import { channelName } from "./channel-info";
import { crisisBadge } from "./crisis";
import { el } from "./dom";
import { glossedText } from "./glossary";
import { currentLanguage, formatWhen, has, t } from "./i18n";
import { automaticAuthor, noticeLine } from "./notice-menu";
import { safetyBadges } from "./safety-text";
import { holderBadges } from "./team-render";

type Child = Node | string;

/** How staff name a texter: the last digits of the number, never the whole of it. */
export function texterLabel(number: string | null): string {
  if (number === null) return t("inbox.texter_unknown");
  return t("inbox.texter", { digits: number.replace(/\D/g, "").slice(-4) });
}

/** The texter wrote last: nobody has answered since. */
export function awaitingReply(row: ConversationRow): boolean {
  return row.status === "open" && row.last_inbound_at !== null && row.last_inbound_at >= row.last_activity_at;
}

export function inboxItem(row: ConversationRow, label: string, selected: boolean, fresh: boolean, myId = ""): HTMLLIElement {
  const badges: Child[] = holderBadges(row, myId);
  if (fresh) badges.push(el("span", { class: "badge badge-new" }, t("inbox.new")));
  if (awaitingReply(row)) badges.push(el("span", { class: "badge badge-awaiting" }, t("inbox.awaiting")));
  if (row.status === "open" && (row.closing_notice_owed_until ?? null) !== null) {
    badges.push(el("span", { class: "badge badge-owed" }, t("owed.badge")));
  }
  badges.push(...safetyBadges(row));
  const meta = [
    t("inbox.via", { channel: channelName(row), address: row.channel.address }),
    t("inbox.last_activity", { when: formatWhen(row.last_activity_at) }),
  ];
  const crisis = crisisBadge(row);
  const button = el(
    "button",
    { type: "button", class: "inbox-row", "data-id": row.id, "aria-current": selected ? "true" : undefined },
    ...(crisis === null ? [] : [crisis]),
    el("span", { class: "row-title" }, label),
    ...badges,
    el("span", { class: "row-meta" }, meta.join(" · ")),
  );
  return el("li", {}, button);
}

const STATUS_ICONS: Record<Delivery, string> = {
  received: "",
  queued: "◷",
  sending: "→",
  sent: "✓",
  delivered: "✓✓",
  undelivered: "⚠",
  failed: "⚠",
};

/** Why a text was not sent that no second try can change: the texter asked to stop. */
const FINAL_FAILURES = new Set(["texter-stopped"]);

/** A text the provider never took (not one it took and could not deliver): it can be tried again. */
export function mayRetry(message: MessageRow): boolean {
  return message.direction === "out" && message.status === "failed" && !FINAL_FAILURES.has(message.error_code);
}

export function isFailure(message: MessageRow): boolean {
  return message.direction === "out" && (message.status === "failed" || message.status === "undelivered");
}

export function failureText(message: MessageRow): string {
  // Codes that have a reason worth saying in words (a closed window, a changed safety number).
  if (message.error_code !== "" && has(`status.failed.${message.error_code}`)) {
    return t(`status.failed.${message.error_code}`);
  }
  return message.error_code
    ? t("status.failed_help", { code: message.error_code })
    : t("status.failed_help_plain");
}

/** A version tag: a rendered row is rebuilt when its data or the language changed. */
export function messageVersion(message: MessageRow): string {
  return `${message.updated_seq}:${currentLanguage()}`;
}

export function messageItem(
  message: MessageRow,
  text: string | null,
  myId: string,
  putBack: (text: string) => void,
  retry: (messageId: string, button: HTMLButtonElement) => void,
): HTMLLIElement {
  const who =
    (message.direction === "out" ? automaticAuthor(message) : null) ??
    (message.direction === "in"
      ? t("message.from_texter")
      : message.author === null
        ? t("message.from_unknown")
        : message.author.id === myId
          ? t("message.from_you")
          : message.author.name);
  const parts: Child[] = [
    el(
      "p",
      { class: "message-who" },
      el("span", { class: "who" }, who),
      " · ",
      el("time", { datetime: message.created_at }, formatWhen(message.created_at)),
    ),
  ];
  if (message.notice !== "" && message.direction === "in") {
    // What a web chat visitor's page did (she left), with no text.
    parts.push(el("p", { class: "message-notice" }, has(`chat.event.${message.notice}`) ? t(`chat.event.${message.notice}`) : message.notice));
  } else if (message.notice !== "") {
    parts.push(noticeLine(message));
  } else if (text === null) {
    parts.push(el("p", { class: "message-locked" }, t("message.locked")));
  } else if (text !== "") {
    parts.push(el("p", { class: "message-text" }, ...glossedText(text)));
  }
  if (message.cut === true) {
    parts.push(el("p", { class: "message-media message-cut" }, t("message.cut")));
  }
  if (message.media_count === 1) {
    parts.push(el("p", { class: "message-media" }, t("message.media")));
  } else if (message.media_count > 1) {
    parts.push(el("p", { class: "message-media" }, t("message.media_many", { n: message.media_count })));
  }
  if (message.direction === "out") {
    const status = t(`status.${message.status}`);
    parts.push(
      el(
        "p",
        { class: `message-status status-${message.status}` },
        el("span", { class: "status-icon", "aria-hidden": "true" }, STATUS_ICONS[message.status] ?? ""),
        t("status.label", { status }),
      ),
    );
    if (isFailure(message)) {
      const failure = el("div", { class: "message-failure" }, el("p", {}, failureText(message)));
      if (mayRetry(message)) {
        const again = el("button", { type: "button", class: "retry" }, t("status.try_again"));
        again.addEventListener("click", () => retry(message.id, again));
        failure.append(again);
      }
      if (text !== null) {
        const button = el("button", { type: "button" }, t("status.edit_again"));
        button.addEventListener("click", () => putBack(text));
        failure.append(button);
      }
      parts.push(failure);
    }
  }
  const classes = ["message", message.direction, isFailure(message) ? "failed" : ""].filter(Boolean).join(" ");
  return el("li", { class: classes, "data-id": message.id, "data-version": messageVersion(message) }, ...parts);
}
