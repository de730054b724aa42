// The visitor's web chat page. Her browser makes a key pair for this
// conversation alone, seals every text to the program key (and a copy to her
// own key), and opens what the helpline sends, sealed to her key. Keys, the
// session's token and the thread live in this page's memory only; the quick
// exit wipes them and replaces the page. See docs/webchat.md.

import { b64d, b64e, generateKeypair, type Keypair, messageInfo, openSealed, seal } from "./crypto";
import { watchQuickExit, wipeStorage } from "./chat/exit";
import { type Key, type Language, languageOf, translate } from "./chat/strings";
import { compileLists, type LexiconList, type Matcher } from "./triage/matcher";

interface ChatState {
  program: { id: string; name: string };
  open: boolean;
  emergency: boolean;
  notice: string;
  next_opening: string | null;
  alternatives: string;
  other_channels: string[];
  key: { epoch: number; public_key: string } | null;
  exit_url: string;
}

interface ThreadMessage {
  id: string;
  seq: number;
  direction: "in" | "out";
  automatic: boolean;
  sealed: string;
  created_at: string;
}

interface Waiting {
  answered: boolean;
  place: number | null;
  wait_minutes: number | null;
  advocates: number | null;
}

interface Visit {
  keys: Keypair;
  token: string;
  session: string;
  conversation: string;
  seq: number;
  shown: Set<string>;
}

const POLL_MS = 2500;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

const root = document.getElementById("chat") as HTMLElement;
const base = root.dataset.base ?? "";
const exitUrl = root.dataset.exitUrl ?? "https://www.google.com/";
let language: Language = languageOf(root.dataset.language);
let state: ChatState | null = null;
let visit: Visit | null = null;
let pollTimer: number | undefined;
let leaving = false;
// The program's lexicons, compiled once her session exists (see categoryOf).
let triage: Promise<Matcher | null> | null = null;

function t(key: Key, values: Record<string, string | number> = {}): string {
  return translate(language, key, values);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Shows one screen; its heading takes the focus so a screen reader announces it. */
function show(...children: Node[]): void {
  root.replaceChildren(...children);
  const heading = root.querySelector("h1");
  if (heading !== null) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

function relabel(): void {
  document.documentElement.lang = language;
  const exit = document.getElementById("quick-exit");
  if (exit !== null) exit.textContent = t("exit");
}

// -- leaving --------------------------------------------------------------------

function leave(): void {
  if (leaving) return;
  leaving = true;
  window.clearTimeout(pollTimer);
  const ending = visit;
  if (ending !== null) {
    ending.keys.privateKey.fill(0);
    // keepalive: the request goes on after the page is replaced.
    void fetch(`${base}leave`, {
      method: "POST",
      keepalive: true,
      headers: { Authorization: `Bearer ${ending.token}`, "Content-Type": "application/json" },
      body: "{}",
    }).catch(() => undefined);
  }
  visit = null;
  state = null;
  triage = null;
  root.replaceChildren();
  wipeStorage();
  window.location.replace(exitUrl);
}

// -- the server -------------------------------------------------------------------

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(code);
  }
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (visit !== null) headers.Authorization = `Bearer ${visit.token}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${base}${path}`, { ...init, headers, cache: "no-store", credentials: "omit" });
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? "error");
  return data;
}

// -- triage ---------------------------------------------------------------------

// Crisis triage reads the words, and only this page has them: it matches her
// text against the program's lexicons here, as the server matches an SMS
// (frontend/src/triage/ is a port of havre/triage), and sends the category
// alone. A page that failed to load the lists sends no flag: her conversation
// keeps its ordinary place in the queue. See docs/webchat.md.

function loadTriage(): Promise<Matcher | null> {
  return api<{ lists: LexiconList[] }>("lexicons")
    .then((answer) => compileLists(answer.lists))
    .catch(() => null);
}

async function categoryOf(text: string): Promise<string | null> {
  triage ??= loadTriage();
  const loading = triage;
  const matcher = await loading;
  if (matcher === null) {
    if (triage === loading) triage = null; // tried again with her next text
    return null;
  }
  try {
    return matcher.assess(text).category;
  } catch {
    return null;
  }
}

// -- screens ----------------------------------------------------------------------

function languageButton(): HTMLButtonElement {
  const button = el(
    "button",
    { type: "button", class: "chat-language", lang: language === "en" ? "fr" : "en", "aria-label": t("language.switch.label") },
    t("language.switch"),
  );
  button.addEventListener("click", () => {
    language = language === "en" ? "fr" : "en";
    relabel();
    void loadState();
  });
  return button;
}

function alternativesBlock(current: ChatState): HTMLElement {
  const block = el("div", { class: "chat-alternatives" });
  block.append(el("p", {}, t("alternatives", { numbers: current.alternatives })));
  if (current.other_channels.length > 0) {
    block.append(el("p", {}, t("channels", { numbers: current.other_channels.join(", ") })));
  }
  return block;
}

function noticeBlock(current: ChatState): HTMLElement | null {
  if (!current.emergency && current.open) return null;
  const section = el(
    "section",
    { class: "chat-notice", "aria-labelledby": "notice-title" },
    el("h2", { id: "notice-title" }, t(current.emergency ? "emergency.title" : "closed.title")),
  );
  if (current.notice !== "") section.append(el("p", {}, current.notice));
  if (!current.emergency && current.next_opening !== null) {
    const when = new Date(current.next_opening).toLocaleString(language === "fr" ? "fr-FR" : "en-GB", {
      weekday: "long",
      hour: "2-digit",
      minute: "2-digit",
    });
    section.append(el("p", {}, t("closed.next", { when })));
  }
  section.append(alternativesBlock(current));
  return section;
}

function showTerms(current: ChatState): void {
  const accept = el("button", { type: "button", class: "chat-primary", id: "chat-accept" }, t("terms.accept"));
  accept.addEventListener("click", () => void begin(current));
  const terms = el(
    "section",
    { class: "chat-terms", "aria-labelledby": "terms-title" },
    el("h2", { id: "terms-title" }, t("terms.title")),
    el(
      "ul",
      {},
      ...(["terms.what", "terms.encryption", "terms.confidentiality", "terms.leave", "terms.device"] as const).map((key) =>
        el("li", {}, t(key)),
      ),
    ),
  );
  const notice = noticeBlock(current);
  show(
    el("div", { class: "chat-top" }, el("h1", {}, t("chat.title")), languageButton()),
    ...(notice !== null ? [notice] : []),
    terms,
    el("p", { class: "chat-hint" }, t("exit.hint")),
    accept,
  );
}

function showMessage(title: Key, body: Key, extra: Node[] = []): void {
  show(el("h1", {}, t(title)), el("p", {}, t(body)), ...extra);
}

function showUnsupported(current: ChatState | null): void {
  showMessage("unsupported.title", "unsupported.body", current !== null ? [alternativesBlock(current)] : []);
}

// -- the conversation ---------------------------------------------------------------

function showConversation(): void {
  const form = el("form", { class: "chat-compose", id: "chat-compose" });
  const label = el("label", { for: "chat-text" }, t("compose.label"));
  const text = el("textarea", { id: "chat-text", rows: "3", maxlength: "4096", autocomplete: "off", spellcheck: "false" });
  const send = el("button", { type: "submit", class: "chat-primary", id: "chat-send" }, t("compose.send"));
  const error = el("p", { id: "chat-error", class: "chat-error", role: "alert" });
  form.append(label, text, send, error);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void sendText(text, send, error);
  });
  show(
    el("div", { class: "chat-top" }, el("h1", {}, t("chat.title"))),
    el("p", { id: "chat-waiting", class: "chat-waiting", role: "status" }, t("wait.first")),
    el("ol", { id: "chat-thread", class: "chat-thread", "aria-label": t("thread.label"), "aria-live": "polite" }),
    form,
  );
  text.focus();
}

function addToThread(id: string, direction: "in" | "out", automatic: boolean, text: string): void {
  const thread = document.getElementById("chat-thread");
  if (thread === null || visit === null || visit.shown.has(id)) return;
  visit.shown.add(id);
  const who = direction === "in" ? t("thread.you") : automatic ? t("thread.automatic") : t("thread.helpline");
  thread.append(
    el(
      "li",
      { class: `chat-message ${direction === "in" ? "mine" : "theirs"}`, "data-id": id },
      el("p", { class: "chat-who" }, who),
      el("p", { class: "chat-text" }, text),
    ),
  );
  thread.lastElementChild?.scrollIntoView({ block: "end" });
}

function showWaiting(waiting: Waiting): void {
  const line = document.getElementById("chat-waiting");
  if (line === null) return;
  let text: string;
  if (waiting.answered) text = t("wait.answered");
  else if (visit !== null && visit.shown.size === 0) text = t("wait.first");
  else {
    text = t("wait.place", { place: waiting.place ?? 1 });
    text += " " + (waiting.wait_minutes === null ? t("wait.nobody") : t("wait.minutes", { minutes: waiting.wait_minutes }));
  }
  if (line.textContent !== text) line.textContent = text;
}

async function begin(current: ChatState): Promise<void> {
  let keys: Keypair;
  try {
    keys = await generateKeypair();
  } catch {
    showUnsupported(current);
    return;
  }
  try {
    const started = await api<{ session: string; conversation: string; token: string }>("start", {
      method: "POST",
      body: JSON.stringify({ public_key: b64e(keys.publicKey), language }),
    });
    visit = { keys, token: started.token, session: started.session, conversation: started.conversation, seq: 0, shown: new Set() };
  } catch (error) {
    showMessage("error.title", error instanceof ApiError && error.status === 429 ? "error.busy" : "error.body");
    return;
  }
  triage = loadTriage();
  showConversation();
  schedulePoll(0);
}

async function sendText(text: HTMLTextAreaElement, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
  const current = state;
  const words = text.value.trim();
  if (visit === null || current === null || current.key === null || words === "") return;
  button.disabled = true;
  button.textContent = t("compose.sending");
  error.textContent = "";
  const id = crypto.randomUUID();
  const programId = current.program.id;
  try {
    const flag = await categoryOf(words);
    const plaintext = encoder.encode(words);
    const [sealed, own] = await Promise.all([
      seal(b64d(current.key.public_key), plaintext, messageInfo(programId, visit.conversation, id, "in")),
      seal(visit.keys.publicKey, plaintext, messageInfo(programId, visit.conversation, id, "visitor")),
    ]);
    await api("messages", {
      method: "POST",
      body: JSON.stringify({
        message_id: id,
        epoch: current.key.epoch,
        body_sealed: b64e(sealed),
        own_sealed: b64e(own),
        flag,
      }),
    });
    addToThread(id, "in", false, words);
    text.value = "";
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === "stale_epoch") await loadState(false);
    if (failure instanceof ApiError && (failure.code === "ended" || failure.code === "conversation_closed")) {
      ended();
      return;
    }
    error.textContent = failure instanceof ApiError && failure.status === 429 ? t("compose.slow") : t("compose.error");
  } finally {
    button.disabled = false;
    button.textContent = t("compose.send");
  }
  text.focus();
}

function schedulePoll(delay: number): void {
  window.clearTimeout(pollTimer);
  pollTimer = window.setTimeout(() => void poll(), delay);
}

async function poll(): Promise<void> {
  const current = visit;
  if (current === null || leaving) return;
  try {
    const answer = await api<{ status: string; waiting: Waiting; messages: ThreadMessage[] }>(
      `messages?after=${current.seq}`,
    );
    if (visit !== current) return;
    for (const message of answer.messages) {
      current.seq = Math.max(current.seq, message.seq);
      if (current.shown.has(message.id)) continue;
      const info = messageInfo(state?.program.id ?? "", current.conversation, message.id, "visitor");
      try {
        const text = decoder.decode(await openSealed(current.keys.privateKey, b64d(message.sealed), info));
        addToThread(message.id, message.direction, message.automatic, text);
      } catch {
        // A message that does not open with her key is not shown.
      }
    }
    showWaiting(answer.waiting);
    if (answer.status !== "open") {
      ended();
      return;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      ended();
      return;
    }
  }
  schedulePoll(POLL_MS);
}

function ended(): void {
  window.clearTimeout(pollTimer);
  if (visit !== null) visit.keys.privateKey.fill(0);
  visit = null;
  triage = null;
  showMessage("ended.title", "ended.body");
}

// -- start ----------------------------------------------------------------------------

function supported(): boolean {
  return (
    window.isSecureContext &&
    typeof crypto !== "undefined" &&
    typeof crypto.subtle !== "undefined" &&
    typeof crypto.randomUUID === "function" &&
    typeof TextEncoder !== "undefined" &&
    typeof fetch === "function"
  );
}

async function loadState(redraw = true): Promise<void> {
  try {
    state = await api<ChatState>(`state?lang=${language}`);
  } catch {
    showMessage("error.title", "error.body");
    return;
  }
  if (!redraw) return;
  if (!supported() || state.key === null) {
    if (!supported()) showUnsupported(state);
    else showMessage("error.title", "error.body");
    return;
  }
  showTerms(state);
}

watchQuickExit(leave);
relabel();
// A page brought back from the browser's memory after leaving shows nothing of the chat.
window.addEventListener("pageshow", (event) => {
  if (event.persisted && leaving) window.location.replace(exitUrl);
});
void loadState();
