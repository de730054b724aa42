// The advocate console: one page whose parts are swapped in place.
//
// Sign-in (or unlock, when the session survived a reload) opens the member's
// keys into a Keyring held here, in memory only. The inbox and conversations
// come from the console's JSON API as ciphertext and are decrypted in this
// page; the websocket only says which conversation changed. Locking (idle,
// by hand, at sign-out or when the page is left) wipes the keys and removes
// every decrypted text from the DOM.

import { ConsoleApi, type ConversationRow, type MessageRow } from "./console/api";
import { Desk, type DeskView, ReplyRefused } from "./console/desk";
import { has, loadCatalogues, setLanguage, t, tn, translatePage, currentLanguage, formatWhen } from "./console/i18n";
import { IdleLock } from "./console/idle";
import { LiveConnection, type LiveState } from "./console/live";
import { Reader } from "./console/reader";
import { el, failureText, inboxItem, isFailure, messageItem, messageVersion, texterLabel } from "./console/render";
import {
  type Keyring,
  type MeInfo,
  SessionError,
  apiRequest,
  ownFingerprint,
  setLanguage as saveLanguage,
  signIn,
  signOut,
  unlock,
} from "./session";
import { type TeamPanel, mountTeamPanel } from "./team";

interface Config {
  language: string;
  languages: { code: string; name: string }[];
  signedIn: boolean;
  demo: boolean;
  maxMessageChars: number;
  idleLockMinutes: number;
  urls: { me: string; language: string; inbox: string; conversations: string; websocket: string };
}

type ViewName = "loading" | "error" | "signin" | "unlock" | "waiting" | "console" | "team";
const VIEWS: ViewName[] = ["loading", "error", "signin", "unlock", "waiting", "console", "team"];
const WAITING_CHECK_MS = 60_000;
const ANNOUNCEMENTS_KEPT = 5;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`console page: #${id} is missing`);
  return node as T;
}

function readJson<T>(id: string): T {
  return JSON.parse(byId(id).textContent ?? "null") as T;
}

function errorText(error: unknown): string {
  if (error instanceof SessionError && has(`session.${error.code}`)) return t(`session.${error.code}`);
  return t("session.error_generic");
}

class ConsolePage implements DeskView {
  readonly #config: Config;
  readonly #api: ConsoleApi;
  readonly #live: LiveConnection;
  readonly #idle: IdleLock;
  #me: MeInfo | null = null;
  #reader: Reader | null = null;
  #desk: Desk | null = null;
  #team: TeamPanel | null = null;
  #section: "conversations" | "team" = "conversations";
  #view: ViewName = "loading";
  #waitingTimer: number | undefined;
  #pendingCode: { resolve: (code: string) => void; reject: (error: Error) => void } | null = null;
  #draft: { conversation: string; text: string; id: string } | null = null;
  #inboxTicket = 0;
  #conversationTicket = 0;
  #liveState: { state: LiveState; seconds: number } = { state: "connecting", seconds: 0 };

  constructor(config: Config) {
    this.#config = config;
    this.#api = new ConsoleApi(config.urls);
    this.#idle = new IdleLock(() => this.lock("idle"));
    this.#live = new LiveConnection(config.urls.websocket, {
      onOpen: () => void this.#desk?.resync(),
      onEvent: (event) => this.#desk?.onEvent(event),
      onState: (state, seconds) => this.#showLiveState(state, seconds),
      onSignedOut: () => void this.#checkSession(),
    });
  }

  // -- start -------------------------------------------------------------------

  start(): void {
    this.#bind();
    void this.#boot();
  }

  async #boot(): Promise<void> {
    this.#show("loading");
    if (!globalThis.crypto?.subtle) {
      this.#showError(t("page.unsupported"));
      return;
    }
    try {
      const me = await apiRequest<{ email: string; display_name: string }>(this.#config.urls.me);
      this.#showUnlock(me.display_name || me.email, false);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.#showSignIn("");
      else this.#showError(t("page.error"));
    }
  }

  #bind(): void {
    byId<HTMLFormElement>("signin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#signIn();
    });
    byId<HTMLFormElement>("code-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>("signin-code");
      const code = input.value.replace(/\s+/g, "");
      input.value = "";
      byId("code-error").textContent = "";
      byId("signin-working").textContent = t("signin.working");
      this.#pendingCode?.resolve(code);
      this.#pendingCode = null;
    });
    byId("code-back").addEventListener("click", () => {
      this.#pendingCode?.reject(new SessionError("cancelled"));
      this.#pendingCode = null;
    });
    byId<HTMLFormElement>("unlock-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#unlock();
    });
    byId("unlock-sign-out").addEventListener("click", () => void this.#signOut());
    byId("error-retry").addEventListener("click", () => void this.#boot());
    byId("lock-button").addEventListener("click", () => this.lock("hand"));
    byId("sign-out-button").addEventListener("click", () => void this.#signOut());
    byId("waiting-check").addEventListener("click", () => void this.#checkGrant());
    byId("nav-conversations").addEventListener("click", () => this.#showSection("conversations"));
    byId("nav-team").addEventListener("click", () => this.#showSection("team"));
    for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]")) {
      button.addEventListener("click", () => void this.#chooseLanguage(button.dataset.language as string));
    }

    byId("inbox-list").addEventListener("click", (event) => {
      const row = (event.target as Element).closest<HTMLElement>(".inbox-row");
      if (row?.dataset.id !== undefined) void this.#select(row.dataset.id);
    });
    byId("conversation-back").addEventListener("click", () => {
      const id = this.#desk?.open?.id;
      this.#desk?.deselect();
      byId("view-console").dataset.pane = "inbox";
      void this.#renderConversation([], [], true);
      if (id !== undefined) document.querySelector<HTMLElement>(`.inbox-row[data-id="${id}"]`)?.focus();
    });

    const reply = byId<HTMLTextAreaElement>("reply-text");
    reply.addEventListener("input", () => this.#updateReplyHint());
    reply.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        byId<HTMLFormElement>("reply-form").requestSubmit();
      }
    });
    byId<HTMLFormElement>("reply-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#sendReply();
    });

    byId("close-button").addEventListener("click", () => {
      byId("close-confirm").hidden = false;
      byId("close-no").focus();
    });
    byId("close-no").addEventListener("click", () => this.#hideCloseConfirm());
    byId("close-confirm").addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.#hideCloseConfirm();
    });
    byId("close-yes").addEventListener("click", () => void this.#close());

    window.addEventListener("online", () => this.#live.retryNow());
    // Leaving the page (or its being frozen in the back-forward cache) must
    // not keep keys in memory for whoever comes back to it.
    window.addEventListener("pagehide", () => {
      if (this.#reader !== null) this.lock("hand");
    });
  }

  // -- views -------------------------------------------------------------------

  #show(view: ViewName): void {
    this.#view = view;
    for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
    const unlocked = view === "console" || view === "team" || view === "waiting";
    byId("lock-button").hidden = !unlocked;
    byId("sign-out-button").hidden = !unlocked;
    byId("signed-in-as").hidden = !unlocked;
    byId("live-status").hidden = !(view === "console" || view === "team");
    byId("section-nav").hidden = !(unlocked && view !== "waiting" && this.#me?.role === "admin");
    this.#updateTitle();
  }

  #showError(text: string): void {
    byId("error-text").textContent = text;
    this.#show("error");
    byId("error-retry").focus();
  }

  #showSignIn(error: string): void {
    byId("signin-form").hidden = false;
    byId("code-form").hidden = true;
    byId("signin-error").textContent = error;
    byId("signin-working").textContent = "";
    byId("program-name").textContent = "";
    this.#show("signin");
    byId("signin-email").focus();
  }

  #showUnlock(name: string, idle: boolean): void {
    byId("unlock-intro").textContent = t("unlock.intro", { name });
    byId("unlock-intro").dataset.name = name;
    const notice = byId("unlock-idle");
    notice.hidden = !idle;
    notice.textContent = idle ? t("unlock.idle", { minutes: this.#idleMinutes() }) : "";
    byId("unlock-error").textContent = "";
    byId("unlock-working").textContent = "";
    this.#show("unlock");
    byId("unlock-passphrase").focus();
  }

  #showSection(section: "conversations" | "team"): void {
    this.#section = section;
    for (const [id, name] of [["nav-conversations", "conversations"], ["nav-team", "team"]] as const) {
      if (name === section) byId(id).setAttribute("aria-current", "page");
      else byId(id).removeAttribute("aria-current");
    }
    if (this.#desk !== null) this.#show(section === "team" ? "team" : "console");
  }

  #updateTitle(): void {
    const fresh = this.#desk?.fresh.size ?? 0;
    document.title = `${fresh > 0 ? `(${fresh}) ` : ""}${t("page.title")} · Havre${this.#config.demo ? " (demo)" : ""}`;
  }

  #idleMinutes(): number {
    return this.#me?.program.idleLockMinutes ?? this.#config.idleLockMinutes;
  }

  // -- sign-in, unlock, lock -----------------------------------------------------

  async #signIn(): Promise<void> {
    const email = byId<HTMLInputElement>("signin-email");
    const passphrase = byId<HTMLInputElement>("signin-passphrase");
    const submit = byId("signin-form").querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit?.disabled) return;
    if (submit) submit.disabled = true;
    byId("signin-error").textContent = "";
    byId("signin-working").textContent = t("signin.working");
    try {
      const keyring = await signIn(email.value.trim(), passphrase.value, (previous) => this.#askCode(previous));
      await this.#enter(keyring);
    } catch (error) {
      const cancelled = error instanceof SessionError && error.code === "cancelled";
      this.#showSignIn(cancelled ? "" : errorText(error));
    } finally {
      passphrase.value = "";
      if (submit) submit.disabled = false;
      byId("signin-working").textContent = "";
    }
  }

  #askCode(previous?: string): Promise<string> {
    byId("signin-form").hidden = true;
    byId("code-form").hidden = false;
    byId("signin-working").textContent = "";
    byId("code-error").textContent = previous ? errorText(new SessionError(previous)) : "";
    byId("signin-code").focus();
    return new Promise((resolve, reject) => {
      this.#pendingCode = { resolve, reject };
    });
  }

  async #unlock(): Promise<void> {
    const passphrase = byId<HTMLInputElement>("unlock-passphrase");
    const submit = byId("unlock-form").querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit?.disabled) return;
    if (submit) submit.disabled = true;
    byId("unlock-error").textContent = "";
    byId("unlock-working").textContent = t("unlock.working");
    try {
      await this.#enter(await unlock(passphrase.value));
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.#showSignIn(t("error.signed_out"));
      else byId("unlock-error").textContent = errorText(error);
    } finally {
      passphrase.value = "";
      if (submit) submit.disabled = false;
      byId("unlock-working").textContent = "";
    }
  }

  async #enter(keyring: Keyring): Promise<void> {
    const me = keyring.me;
    this.#me = me;
    this.#reader = new Reader(keyring);
    if (me.language !== currentLanguage()) this.#applyLanguage(me.language);
    byId("program-name").textContent = me.program.name;
    byId("signed-in-as").textContent = t("header.signed_in_as", { name: me.displayName || me.email });
    this.#idle.start(this.#idleMinutes());
    if (keyring.holdsCurrentKey) {
      this.#startDesk();
    } else {
      byId("waiting-fingerprint").textContent = await ownFingerprint(keyring);
      byId("waiting-status").textContent = "";
      this.#show("waiting");
      window.clearInterval(this.#waitingTimer);
      this.#waitingTimer = window.setInterval(() => void this.#checkGrant(), WAITING_CHECK_MS);
    }
  }

  async #checkGrant(): Promise<void> {
    const reader = this.#reader;
    if (reader === null) return;
    try {
      await reader.refreshKeys();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.signedOut();
      return;
    }
    if (this.#reader !== reader) return;
    if (reader.keyring.holdsCurrentKey) {
      window.clearInterval(this.#waitingTimer);
      this.#startDesk();
    } else {
      byId("waiting-status").textContent = t("waiting.still");
    }
  }

  #startDesk(): void {
    const reader = this.#reader;
    if (reader === null) return;
    this.#desk = new Desk(this.#api, reader, this);
    byId("view-console").dataset.pane = "inbox";
    void this.#renderConversation([], [], true);
    this.#showSection(this.#section);
    if (this.#me?.role === "admin") this.#mountTeam();
    this.#live.start();
    void this.#desk.refreshInbox();
    byId("main").focus();
  }

  #mountTeam(): void {
    this.#team?.destroy();
    const reader = this.#reader;
    if (reader === null) return;
    this.#team = mountTeamPanel(byId("team-panel"), reader.keyring, (key) => t(key));
  }

  /** Wipes the keys and every decrypted text; the member unlocks again with the passphrase. */
  lock(reason: "idle" | "hand" | "signed-out"): void {
    this.#live.stop();
    this.#idle.stop();
    window.clearInterval(this.#waitingTimer);
    this.#pendingCode = null;
    this.#desk?.clear();
    this.#desk = null;
    this.#reader?.wipe();
    this.#reader = null;
    this.#team?.destroy();
    this.#team = null;
    this.#draft = null;
    this.#inboxTicket += 1;
    this.#conversationTicket += 1;
    for (const id of ["inbox-list", "message-list", "announcer", "team-panel"]) byId(id).replaceChildren();
    for (const id of ["conversation-title", "conversation-meta", "conversation-notice", "inbox-count", "waiting-fingerprint", "reply-error"]) {
      byId(id).textContent = "";
    }
    byId<HTMLTextAreaElement>("reply-text").value = "";
    byId("conversation-body").hidden = true;
    byId("conversation-none").hidden = false;
    byId("close-confirm").hidden = true;
    if (reason !== "signed-out" && this.#me !== null) {
      this.#showUnlock(this.#me.displayName || this.#me.email, reason === "idle");
    }
  }

  async #signOut(): Promise<void> {
    this.lock("signed-out");
    this.#me = null;
    try {
      await signOut();
    } catch {
      // Signed out locally either way; the server session expires on its own.
    }
    this.#showSignIn("");
  }

  /** The session ended elsewhere (expired, signed out in another tab). */
  signedOut(): void {
    this.lock("signed-out");
    this.#me = null;
    this.#showSignIn(t("error.signed_out"));
  }

  async #checkSession(): Promise<void> {
    try {
      await apiRequest(this.#config.urls.me);
      this.#live.start();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.signedOut();
      else this.#live.start();
    }
  }

  // -- language -------------------------------------------------------------------

  async #chooseLanguage(code: string): Promise<void> {
    this.#applyLanguage(code);
    try {
      await saveLanguage(code);
    } catch {
      // Shown in the chosen language for now; the server keeps the old one.
    }
  }

  #applyLanguage(code: string): void {
    setLanguage(code);
    translatePage();
    for (const button of document.querySelectorAll<HTMLElement>("[data-language]")) {
      button.setAttribute("aria-pressed", String(button.dataset.language === currentLanguage()));
    }
    const name = byId("unlock-intro").dataset.name;
    if (name !== undefined) byId("unlock-intro").textContent = t("unlock.intro", { name });
    if (!byId("unlock-idle").hidden) byId("unlock-idle").textContent = t("unlock.idle", { minutes: this.#idleMinutes() });
    if (this.#me !== null) {
      byId("signed-in-as").textContent = t("header.signed_in_as", { name: this.#me.displayName || this.#me.email });
    }
    this.#showLiveState(this.#liveState.state, this.#liveState.seconds);
    this.#updateTitle();
    this.#updateReplyHint();
    if (this.#desk !== null) {
      this.inboxChanged();
      void this.#renderConversation([], [], false);
      if (this.#team !== null) this.#mountTeam();
    }
  }

  // -- live status and announcements ---------------------------------------------------

  #showLiveState(state: LiveState, seconds: number): void {
    this.#liveState = { state, seconds };
    const box = byId("live-status");
    box.dataset.state = state;
    byId("live-status-text").textContent =
      state === "connected" ? t("live.connected") : state === "connecting" ? t("live.connecting") : t("live.offline", { seconds });
  }

  #announce(text: string): void {
    const region = byId("announcer");
    region.append(el("p", {}, text));
    while (region.childElementCount > ANNOUNCEMENTS_KEPT) region.firstElementChild?.remove();
  }

  // -- DeskView: the inbox ---------------------------------------------------------

  inboxChanged(): void {
    void this.#renderInbox();
  }

  newConversation(row: ConversationRow): void {
    void this.#labelFor(row).then((label) => this.#announce(t("message.new_conversation", { texter: label })));
  }

  newTextElsewhere(row: ConversationRow): void {
    void this.#labelFor(row).then((label) => this.#announce(t("message.new_elsewhere", { texter: label })));
  }

  async #labelFor(row: ConversationRow): Promise<string> {
    return texterLabel((await this.#reader?.number(row)) ?? null);
  }

  async #renderInbox(): Promise<void> {
    const desk = this.#desk;
    if (desk === null) return;
    const ticket = ++this.#inboxTicket;
    const rows = desk.sortedRows();
    const labels = await Promise.all(rows.map((row) => this.#labelFor(row)));
    if (ticket !== this.#inboxTicket || this.#desk !== desk) return;
    const list = byId("inbox-list");
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".inbox-row")?.dataset.id;
    list.replaceChildren(
      ...rows.map((row, i) => inboxItem(row, labels[i] as string, row.id === desk.open?.id, desk.fresh.has(row.id))),
    );
    if (focused !== undefined) list.querySelector<HTMLElement>(`.inbox-row[data-id="${focused}"]`)?.focus();
    byId("inbox-count").textContent = tn("inbox.count", rows.length);
    byId("inbox-empty").hidden = rows.length > 0;
    this.#updateTitle();
  }

  async #select(id: string): Promise<void> {
    const desk = this.#desk;
    if (desk === null) return;
    byId("view-console").dataset.pane = "conversation";
    this.#hideCloseConfirm();
    if (desk.open?.id !== id) {
      byId("reply-error").textContent = "";
      byId("conversation-notice").textContent = "";
    }
    const selecting = desk.select(id);
    byId("conversation-title").focus();
    await selecting;
  }

  // -- DeskView: the conversation ------------------------------------------------------

  conversationChanged(added: MessageRow[], changed: MessageRow[], initial: boolean): void {
    void this.#renderConversation(added, changed, initial);
  }

  async #renderConversation(added: MessageRow[], changed: MessageRow[], initial: boolean): Promise<void> {
    const desk = this.#desk;
    const reader = this.#reader;
    const open = desk?.open ?? null;
    const ticket = ++this.#conversationTicket;
    if (desk === null || reader === null || open === null) {
      byId("conversation-body").hidden = true;
      byId("conversation-none").hidden = false;
      return;
    }
    const messages = [...open.messages.values()].sort((a, b) => a.seq - b.seq);
    const texts = await Promise.all(messages.map((m) => reader.text(open.id, m)));
    const label = open.row === null ? "" : await this.#labelFor(open.row);
    if (ticket !== this.#conversationTicket || desk.open !== open) return;

    byId("conversation-none").hidden = true;
    byId("conversation-body").hidden = false;
    byId("conversation-title").textContent = label ? t("conversation.title", { texter: label }) : t("conversation.loading");
    const row = open.row;
    byId("conversation-meta").textContent =
      row === null
        ? ""
        : [t("conversation.channel", { address: row.channel.address }), t("conversation.started", { when: formatWhen(row.created_at) })].join(" · ");
    const closed = row?.status === "closed";
    byId("close-button").hidden = row === null || closed;
    byId("reply-form").hidden = row === null || closed;
    const notice = byId("conversation-notice");
    if (open.failed) notice.textContent = t("page.error");
    else if (closed) notice.textContent = t("conversation.closed");
    else if (open.seq === null) notice.textContent = t("conversation.loading");
    else if (messages.length === 0) notice.textContent = t("conversation.empty");
    else notice.textContent = "";

    const nearBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 80;
    this.#renderMessages(messages, texts);
    this.#updateReplyHint();

    if (!initial) {
      const textOf = new Map(messages.map((m, i) => [m.id, texts[i] ?? null]));
      for (const message of added) {
        if (message.direction !== "in") continue;
        const text = textOf.get(message.id);
        this.#announce(t("message.new_from_texter", { text: text ?? t("message.locked") }));
      }
      for (const message of changed) {
        if (isFailure(message)) this.#announce(failureText(message));
      }
    }
    if ((initial && open.seq !== null) || (added.length > 0 && nearBottom)) {
      window.scrollTo({ top: document.documentElement.scrollHeight });
    }
  }

  #renderMessages(messages: MessageRow[], texts: (string | null)[]): void {
    const list = byId("message-list");
    const myId = this.#me?.id ?? "";
    const existing = new Map<string, HTMLElement>();
    for (const child of list.children) existing.set((child as HTMLElement).dataset.id ?? "", child as HTMLElement);
    const nodes = messages.map((message, i) => {
      const node = existing.get(message.id);
      if (node !== undefined && node.dataset.version === messageVersion(message)) return node;
      return messageItem(message, texts[i] ?? null, myId, (text) => this.#putBack(text));
    });
    // Keep unchanged rows in place, so that focus and reading position stay put.
    const keep = new Set<Element>(nodes);
    for (const child of [...list.children]) if (!keep.has(child)) child.remove();
    let cursor = list.firstElementChild;
    for (const node of nodes) {
      if (cursor === node) cursor = cursor.nextElementSibling;
      else list.insertBefore(node, cursor);
    }
  }

  #putBack(text: string): void {
    const reply = byId<HTMLTextAreaElement>("reply-text");
    reply.value = text;
    this.#updateReplyHint();
    reply.focus();
  }

  #updateReplyHint(): void {
    const text = byId<HTMLTextAreaElement>("reply-text").value;
    const count = [...text].length;
    const max = this.#config.maxMessageChars;
    byId("reply-hint").textContent = t("reply.hint", { count, max });
    if (count > max) byId("reply-error").textContent = t("reply.too_long", { max });
    else if (byId("reply-error").textContent === t("reply.too_long", { max })) byId("reply-error").textContent = "";
  }

  async #sendReply(): Promise<void> {
    const desk = this.#desk;
    const open = desk?.open;
    const textarea = byId<HTMLTextAreaElement>("reply-text");
    const button = byId<HTMLButtonElement>("reply-send");
    const text = textarea.value;
    if (desk === null || open === undefined || open === null || button.disabled || text.trim() === "") return;
    if ([...text].length > this.#config.maxMessageChars) {
      byId("reply-error").textContent = t("reply.too_long", { max: this.#config.maxMessageChars });
      return;
    }
    // The same text to the same conversation keeps its id, so that a retry
    // after a lost answer is stored once.
    if (this.#draft === null || this.#draft.conversation !== open.id || this.#draft.text !== text) {
      this.#draft = { conversation: open.id, text, id: crypto.randomUUID() };
    }
    button.disabled = true;
    button.textContent = t("reply.sending");
    byId("reply-error").textContent = "";
    try {
      await desk.reply(text, this.#draft.id);
      if (this.#desk === desk && textarea.value === text) textarea.value = "";
      this.#draft = null;
      this.#updateReplyHint();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.signedOut();
        return;
      }
      if (this.#desk === desk) byId("reply-error").textContent = this.#replyErrorText(error);
      if (error instanceof SessionError && error.code === "conversation_closed") void desk.refreshOpen();
    } finally {
      button.disabled = false;
      button.textContent = t("reply.send");
    }
  }

  #replyErrorText(error: unknown): string {
    const code = error instanceof ReplyRefused || error instanceof SessionError ? error.code : "error_generic";
    if (error instanceof SessionError && error.status === 0) return t("reply.error.network");
    if (has(`reply.error.${code}`)) return t(`reply.error.${code}`);
    return t("reply.error.generic", { code });
  }

  #hideCloseConfirm(): void {
    if (byId("close-confirm").hidden) return;
    byId("close-confirm").hidden = true;
    byId("close-button").focus();
  }

  async #close(): Promise<void> {
    const desk = this.#desk;
    if (desk === null) return;
    const yes = byId<HTMLButtonElement>("close-yes");
    yes.disabled = true;
    try {
      await desk.close();
      byId("close-confirm").hidden = true;
      this.#announce(t("conversation.closed_now"));
      byId("conversation-title").focus();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.signedOut();
        return;
      }
      if (error instanceof SessionError && error.code === "conversation_closed") {
        byId("close-confirm").hidden = true;
        void desk.refreshOpen();
      } else {
        byId("conversation-notice").textContent = t("page.error");
      }
    } finally {
      yes.disabled = false;
    }
  }
}

function main(): void {
  const config = readJson<Config>("havre-console-config");
  loadCatalogues(readJson<Record<string, Record<string, string>>>("havre-catalog"), config.language);
  new ConsolePage(config).start();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
