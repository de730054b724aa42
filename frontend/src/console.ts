// The advocate console: one page whose parts are swapped in place.
//
// Sign-in (or unlock, when the session survived a reload) opens the member's
// keys into a Keyring held here, in memory only. The inbox and conversations
// come from the console's JSON API as ciphertext and are decrypted in this
// page; the websocket only says which conversation changed. Locking (idle,
// by hand, at sign-out or when the page is left) wipes the keys and removes
// every decrypted text from the DOM.
//
// Boot: the page says whether the session was signed in when it was served;
// if so, GET /accounts/api/me confirms it and the page asks only for the
// passphrase (unlock), otherwise for the full sign-in. After either, the inbox comes from /console/api/inbox and
// the websocket /ws/console/ keeps it current.

import { AccountArea } from "./console/account";
import { ConsoleApi, type ConversationRow, type MessageRow } from "./console/api";
import { CrisisAlerts, isCrisisEndEvent, isCrisisEvent, setFlagClearer } from "./console/crisis";
import { Desk, type DeskView } from "./console/desk";
import { byId, el } from "./console/dom";
import { Gate } from "./console/gate";
import { currentLanguage, loadCatalogues, setLanguage, t, tn, translatePage } from "./console/i18n";
import { IdleLock } from "./console/idle";
import { type LexiconEditor, mountLexiconEditor } from "./console/lexicon";
import { LiveConnection, type LiveState } from "./console/live";
import { isTeamEvent } from "./console/team-api";
import { Teamwork } from "./console/teamwork";
import { Protocols, canChangeProtocols } from "./console/protocols";
import { Reader } from "./console/reader";
import { InboxList } from "./console/inbox";
import { InboxTools, previewText, renderRelated } from "./console/inbox-tools";
import { NoteForm } from "./console/note-form";
import { RecordsSection } from "./console/records";
import { OngoingList } from "./console/ongoing-list";
import { showOwedNotice } from "./console/owed-notice";
import { RelationshipPanel } from "./console/relationship";
import { ReportsSection } from "./console/reports";
import { forgetWrapUpOptions } from "./console/reports-wrapup";
import { texterLabel } from "./console/render";
import { SafetyTools } from "./console/safety";
import { isTyping, neighbour, shortcutFor, shortcutList } from "./console/shortcuts";
import { Thread } from "./console/thread";
import { type Keyring, type MeInfo, SessionError, apiRequest, ownFingerprint, setLanguage as saveLanguage, signOut } from "./session";
import { type TeamPanel, mountTeamPanel } from "./team";
import { rotateKey } from "./team-keys";

interface Config {
  language: string;
  languages: { code: string; name: string }[];
  signedIn: boolean;
  demo: boolean;
  maxMessageChars: number;
  idleLockMinutes: number;
  urls: {
    me: string;
    language: string;
    inbox: string;
    conversations: string;
    websocket: string;
    triage: string;
    team: string;
    strength: string;
  };
}

type ViewName =
  | "loading"
  | "error"
  | "signin"
  | "unlock"
  | "waiting"
  | "console"
  | "team"
  | "triage"
  | "supervision"
  | "settings"
  | "reports"
  | "records"
  | "account";
type Section = "conversations" | "team" | "triage" | "supervision" | "settings" | "reports" | "records";
const VIEWS: ViewName[] = [
  "loading",
  "error",
  "signin",
  "unlock",
  "waiting",
  "console",
  "team",
  "triage",
  "supervision",
  "settings",
  "reports",
  "records",
  "account",
];
const SECTION_VIEWS: Record<Section, ViewName> = {
  conversations: "console",
  team: "team",
  triage: "triage",
  supervision: "supervision",
  settings: "settings",
  reports: "reports",
  records: "records",
};
const WAITING_CHECK_MS = 60_000;
const ANNOUNCEMENTS_KEPT = 5;

function readJson<T>(id: string): T {
  return JSON.parse(byId(id).textContent ?? "null") as T;
}

class ConsolePage implements DeskView {
  readonly #config: Config;
  readonly #api: ConsoleApi;
  readonly #live: LiveConnection;
  readonly #idle: IdleLock;
  readonly #gate: Gate;
  readonly #thread: Thread;
  readonly #safety: SafetyTools;
  readonly #crisis: CrisisAlerts;
  readonly #teamwork: Teamwork;
  readonly #protocols: Protocols;
  readonly #reports: ReportsSection;
  readonly #records: RecordsSection;
  readonly #relationship: RelationshipPanel;
  readonly #ongoing: OngoingList;
  readonly #account: AccountArea;
  #me: MeInfo | null = null;
  // The view to go back to when the account area closes.
  #beforeAccount: ViewName | null = null;
  #rotating = false;
  // The departure (its time) for which this admin cancelled the new key's flow.
  #bannerPostponed: string | null = null;
  #reader: Reader | null = null;
  #desk: Desk | null = null;
  #team: TeamPanel | null = null;
  #lexicon: LexiconEditor | null = null;
  #section: Section = "conversations";
  #waitingTimer: number | undefined;
  readonly #inbox: InboxList;
  readonly #tools = new InboxTools();
  readonly #noteForm: NoteForm;
  #liveState: { state: LiveState; seconds: number } = { state: "connecting", seconds: 0 };

  constructor(config: Config) {
    this.#config = config;
    this.#api = new ConsoleApi(config.urls);
    const page = this;
    this.#inbox = new InboxList({
      get myId() {
        return page.#me?.id ?? "";
      },
      labelFor: (row) => this.#labelFor(row),
      previewFor: (row) => this.#previewFor(row),
      numberFor: (row) => this.#reader?.number(row) ?? Promise.resolve(null),
    });
    this.#idle = new IdleLock(
      () => this.lock("idle"),
      () => void this.#reportUse(),
    );
    this.#live = new LiveConnection(config.urls.websocket, {
      onOpen: () => {
        void this.#desk?.resync();
        if (this.#desk !== null) this.#teamwork.resync();
        void this.#protocols.refresh();
      },
      onEvent: (event) => this.#desk?.onEvent(event),
      onOther: (event) => {
        if (event.type === "keys") void this.#keysChanged();
        else if (isCrisisEvent(event)) void this.#crisis.onEvent(event);
        else if (isCrisisEndEvent(event)) this.#crisis.onEnd(event);
        else if (isTeamEvent(event)) this.#teamwork.onEvent(event);
        else if (typeof event.type === "string") this.#protocols.onSignal(event.type);
      },
      onState: (state, seconds) => this.#showLiveState(state, seconds),
      onSignedOut: () => void this.#checkSession(),
    });
    this.#gate = new Gate({
      show: (view) => this.#show(view),
      enter: (keyring) => this.#enter(keyring),
      idleMinutes: () => this.#idleMinutes(),
      signOut: () => this.#signOut(),
    });
    this.#crisis = new CrisisAlerts({
      get myId() {
        return page.#me?.id ?? "";
      },
      url: config.urls.triage,
      row: (id) => this.#rowFor(id),
      labelFor: (row) => this.#labelFor(row),
      open: (id) => {
        this.#showSection("conversations");
        void this.#select(id);
      },
      signedOut: () => this.signedOut(),
    });
    this.#thread = new Thread({
      get desk() {
        return page.#desk;
      },
      get reader() {
        return page.#reader;
      },
      get myId() {
        return page.#me?.id ?? "";
      },
      maxChars: config.maxMessageChars,
      labelFor: (row) => this.#labelFor(row),
      mayAnswer: (row) => this.#teamwork.mayAnswer(row),
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
    });
    this.#safety = new SafetyTools({
      get desk() {
        return page.#desk;
      },
      get reader() {
        return page.#reader;
      },
      get role() {
        return page.#me?.role ?? null;
      },
      api: this.#api,
      maxChars: config.maxMessageChars,
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
      openConversation: async (id) => {
        await this.#desk?.refreshInbox();
        await this.#select(id);
      },
    });
    this.#teamwork = new Teamwork(
      {
        get desk() {
          return page.#desk;
        },
        get reader() {
          return page.#reader;
        },
        get me() {
          return page.#me;
        },
        labelFor: (row) => this.#labelFor(row),
        select: (id) => {
          this.#showSection("conversations");
          return this.#select(id);
        },
        announce: (text) => this.#announce(text),
        signedOut: () => this.signedOut(),
        answerChanged: () => void this.#thread.render([], [], false),
        showInInbox: (show) => {
          this.#tools.setShow(show);
          this.#inbox.firstPage();
          this.#showSection("conversations");
          this.#showPane("inbox");
          this.inboxChanged();
          byId("inbox-show").focus();
        },
      },
      config.urls.team,
    );
    this.#noteForm = new NoteForm(byId("conversation-note"), {
      get desk() {
        return page.#desk;
      },
      get reader() {
        return page.#reader;
      },
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
    });
    this.#account = new AccountArea({
      keyring: () => page.#reader?.keyring ?? null,
      strengthUrl: config.urls.strength,
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
    });
    this.#reports = new ReportsSection(byId("reports-panel"), { signedOut: () => this.signedOut() });
    this.#records = new RecordsSection(byId("records-panel"), { signedOut: () => this.signedOut() });
    this.#relationship = new RelationshipPanel({
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
      refresh: async () => {
        try {
          await this.#desk?.refreshOpen();
        } catch {
          // The conversation's next event fetches it again.
        }
      },
    });
    byId("relationship-panel").replaceChildren(this.#relationship.root);
    this.#ongoing = new OngoingList({
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
      labelFor: (row) => this.#labelFor(row),
    });
    byId("ongoing-list").replaceChildren(this.#ongoing.root);
    this.#protocols = new Protocols({
      get desk() {
        return page.#desk;
      },
      get reader() {
        return page.#reader;
      },
      get role() {
        return page.#me?.role ?? null;
      },
      announce: (text) => this.#announce(text),
      signedOut: () => this.signedOut(),
    });
  }

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
    if (!this.#config.signedIn) {
      this.#gate.showSignIn("");
      return;
    }
    try {
      const me = await apiRequest<{ email: string; display_name: string }>(this.#config.urls.me);
      this.#gate.showUnlock(me.display_name || me.email, false);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.#gate.showSignIn("");
      else this.#showError(t("page.error"));
    }
  }

  #bind(): void {
    byId("error-retry").addEventListener("click", () => void this.#boot());
    byId("lock-button").addEventListener("click", () => this.lock("hand"));
    byId("sign-out-button").addEventListener("click", () => void this.#signOut());
    byId("waiting-check").addEventListener("click", () => void this.#checkGrant());
    byId("nav-conversations").addEventListener("click", () => this.#showSection("conversations"));
    byId("nav-team").addEventListener("click", () => this.#showSection("team"));
    byId("nav-triage").addEventListener("click", () => this.#showSection("triage"));
    byId("nav-supervision").addEventListener("click", () => this.#showSection("supervision"));
    byId("nav-settings").addEventListener("click", () => this.#showSection("settings"));
    byId("nav-reports").addEventListener("click", () => this.#showSection("reports"));
    byId("nav-records").addEventListener("click", () => this.#showSection("records"));
    byId("account-button").addEventListener("click", () => this.#toggleAccount());
    for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]")) {
      button.addEventListener("click", () => void this.#chooseLanguage(button.dataset.language as string));
    }
    byId("inbox-list").addEventListener("click", (event) => {
      const row = (event.target as Element).closest<HTMLElement>(".inbox-row");
      if (row?.dataset.id !== undefined) void this.#select(row.dataset.id);
    });
    this.#tools.bind(() => {
      this.#inbox.firstPage();
      this.inboxChanged();
    });
    // Texts that arrived while the page was hidden become read once she sees them.
    document.addEventListener("visibilitychange", () => void this.#desk?.markRead());
    byId("inbox-more").addEventListener("click", () => {
      this.#inbox.showMore();
      this.inboxChanged();
    });
    byId("conversation-back").addEventListener("click", () => {
      const id = this.#desk?.open?.id;
      this.#desk?.deselect();
      this.#showPane("inbox");
      void this.#thread.render([], [], true);
      if (id !== undefined) document.querySelector<HTMLElement>(`.inbox-row[data-id="${id}"]`)?.focus();
    });
    byId("side-open").addEventListener("click", () => {
      this.#showPane("side");
      byId("side-title").focus();
    });
    byId("side-back").addEventListener("click", () => {
      this.#showPane("conversation");
      byId("side-open").focus();
    });
    byId("header-menu").addEventListener("click", () => this.#toggleMenu());
    byId("shortcuts-button").addEventListener("click", () => this.#showShortcuts());
    byId("shortcuts-done").addEventListener("click", () => byId<HTMLDialogElement>("shortcuts-help").close());
    document.addEventListener("keydown", (event) => this.#onShortcut(event));
    byId("site-header").addEventListener("keydown", (event) => {
      if (event.key === "Escape" && byId("site-header").dataset.menu === "open") {
        this.#toggleMenu(false);
        byId("header-menu").focus();
      }
    });
    // A choice made from the phone's menu closes it.
    for (const id of ["section-nav", "header-tools"]) {
      byId(id).addEventListener("click", (event) => {
        if ((event.target as Element).closest("button") !== null) this.#toggleMenu(false);
      });
    }
    window.addEventListener("online", () => this.#live.retryNow());
    // Leaving the page (or its being frozen in the back-forward cache) must
    // not keep keys in memory for whoever comes back to it.
    window.addEventListener("pagehide", () => {
      if (this.#reader !== null) this.lock("hand");
    });
  }

  // -- views -------------------------------------------------------------------

  /** Which pane shows where there is room for one or two only (phones, medium screens). */
  #showPane(pane: "inbox" | "conversation" | "side"): void {
    byId("view-console").dataset.pane = pane;
  }

  #showShortcuts(): void {
    const dialog = byId<HTMLDialogElement>("shortcuts-help");
    byId("shortcuts-body").replaceChildren(shortcutList());
    if (!dialog.open) dialog.showModal();
  }

  #onShortcut(event: KeyboardEvent): void {
    const desk = this.#desk;
    if (desk === null || byId("view-console").hidden || event.defaultPrevented) return;
    if (byId<HTMLDialogElement>("shortcuts-help").open) return;
    const { key, ctrlKey, metaKey, altKey } = event;
    const action = shortcutFor({ key, ctrlKey, metaKey, altKey, typing: isTyping(event.target) });
    if (action === null) return;
    const visible = (id: string) => {
      const node = byId(id);
      return node.checkVisibility() ? node : null;
    };
    event.preventDefault();
    if (action === "help") {
      this.#showShortcuts();
    } else if (action === "next" || action === "previous") {
      const ids = this.#visibleRows(desk).map((row) => row.id);
      const id = neighbour(ids, desk.open?.id, action === "next" ? 1 : -1);
      if (id !== null) void this.#select(id);
    } else if (action === "take") {
      byId("shift-bar").querySelector<HTMLButtonElement>('[data-action="take-next"]:not([disabled])')?.click();
    } else if (action === "reply") {
      visible("reply-text")?.focus();
    } else if (action === "quick") {
      if (visible("reply-form") === null) return;
      const details = byId("quick-replies").querySelector("details");
      if (details !== null) details.open = true;
      byId("quick-replies").querySelector<HTMLInputElement>("#quick-filter")?.focus();
    } else if (action === "close") {
      visible("close-button")?.click();
    }
  }

  #toggleMenu(open = byId("site-header").dataset.menu !== "open"): void {
    byId("site-header").dataset.menu = open ? "open" : "closed";
    byId("header-menu").setAttribute("aria-expanded", String(open));
  }

  #show(view: ViewName): void {
    for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
    const desk =
      view === "console" ||
      view === "team" ||
      view === "triage" ||
      view === "supervision" ||
      view === "settings" ||
      view === "reports" ||
      view === "records";
    const unlocked = desk || view === "waiting" || view === "account";
    if (view !== "account") this.#beforeAccount = null;
    byId("account-button").hidden = !unlocked;
    byId("account-button").setAttribute("aria-pressed", String(view === "account"));
    byId("lock-button").hidden = !unlocked;
    byId("sign-out-button").hidden = !unlocked;
    byId("signed-in-as").hidden = !unlocked;
    byId("live-status").hidden = !desk;
    byId("section-nav").hidden = !(desk && this.#isSupervisor());
    byId("nav-team").hidden = this.#me?.role !== "admin";
    byId("nav-records").hidden = this.#me?.role !== "admin";
    if (view === "signin") byId("program-name").textContent = "";
    this.#updateTitle();
  }

  #showError(text: string): void {
    byId("error-text").textContent = text;
    this.#show("error");
    byId("error-retry").focus();
  }

  #toggleAccount(): void {
    if (this.#beforeAccount !== null) {
      const back = this.#beforeAccount;
      this.#account.clear(byId("account-panel"));
      this.#show(back);
      return;
    }
    const current = VIEWS.find((name) => !byId(`view-${name}`).hidden) ?? "console";
    this.#account.show(byId("account-panel"));
    this.#show("account");
    this.#beforeAccount = current;
    byId("account-title").focus();
  }

  // -- the program key over time -----------------------------------------------------

  /** A new epoch was made or a key holder left: open new grants, and show the banner if needed. */
  async #keysChanged(): Promise<void> {
    const reader = this.#reader;
    if (reader === null) return;
    try {
      await reader.refreshKeys();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.signedOut();
      return;
    }
    if (this.#reader !== reader) return;
    this.#me = reader.keyring.me;
    this.#updateKeyBanner();
    void this.#team?.refresh();
  }

  /**
   * Every admin's console, while a member who held the key has left and no new
   * key exists yet: a banner that makes it. For an admin who holds the current
   * key it blocks the rest of the console until done, since new texts are
   * sealed to a key someone who left still has.
   */
  #updateKeyBanner(): void {
    // A flow under way (its recovery file still on screen) ends before anything changes here.
    if (this.#rotating) return;
    const reader = this.#reader;
    const me = reader?.keyring.me;
    const banner = byId("key-banner");
    const needed = me !== undefined && me.role === "admin" && me.program.newKeyNeededSince !== null;
    if (!needed || reader === null) {
      banner.hidden = true;
      byId("main").inert = false;
      byId("key-banner-body").replaceChildren();
      return;
    }
    banner.hidden = false;
    const body = byId("key-banner-body");
    if (!reader.keyring.holdsCurrentKey) {
      byId("main").inert = false;
      body.replaceChildren(el("p", {}, t("team.banner_other_admin")));
      return;
    }
    byId("main").inert = true;
    // The flow starts at once, unless this admin set it aside for this departure.
    if (this.#bannerPostponed !== me.program.newKeyNeededSince) {
      void this.#finishRotation(body);
      return;
    }
    const finish = el("button", { type: "button", class: "primary", id: "key-banner-finish" }, t("team.banner_finish"));
    finish.addEventListener("click", () => {
      this.#bannerPostponed = null;
      void this.#finishRotation(body);
    });
    body.replaceChildren(finish);
  }

  async #finishRotation(body: HTMLElement): Promise<void> {
    const reader = this.#reader;
    if (reader === null) return;
    this.#rotating = true;
    let made: number | null = null;
    try {
      made = await rotateKey(body, reader.keyring, (key) => t(key));
    } finally {
      this.#rotating = false;
    }
    if (made === null) this.#bannerPostponed = reader.keyring.me.program.newKeyNeededSince;
    else this.#announce(t("team.rotate_done").replace("{number}", String(made)));
    await this.#keysChanged();
  }

  #showSection(section: Section): void {
    this.#section = section;
    for (const name of Object.keys(SECTION_VIEWS) as Section[]) {
      if (name === section) byId(`nav-${name}`).setAttribute("aria-current", "page");
      else byId(`nav-${name}`).removeAttribute("aria-current");
    }
    if (this.#desk === null) return;
    this.#show(SECTION_VIEWS[section]);
    if (section === "supervision") this.#teamwork.showSupervision();
    if (section === "team") void this.#team?.show();
    if (section === "reports") this.#reports.show();
    else this.#reports.hide();
    if (section === "records") this.#records.show();
    else this.#records.hide();
    if (section === "settings") this.#protocols.showSettings();
    else this.#protocols.hideSettings();
  }

  #isSupervisor(): boolean {
    return canChangeProtocols(this.#me?.role ?? null);
  }

  #updateTitle(): void {
    const fresh = this.#desk?.fresh.size ?? 0;
    document.title = `${fresh > 0 ? `(${fresh}) ` : ""}${t("page.title")} · Havre${this.#config.demo ? " (demo)" : ""}`;
  }

  #idleMinutes(): number {
    return this.#me?.program.idleLockMinutes ?? this.#config.idleLockMinutes;
  }

  /** Tells the server the console is in use, and follows a lock length the admins changed. */
  async #reportUse(): Promise<void> {
    try {
      const answer = await apiRequest<{ idle_lock_minutes: number }>("active", {});
      if (this.#me !== null && answer.idle_lock_minutes !== this.#me.program.idleLockMinutes) {
        this.#me.program.idleLockMinutes = answer.idle_lock_minutes;
        this.#idle.setMinutes(answer.idle_lock_minutes);
      }
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.signedOut();
    }
  }

  // -- keys in, keys out ----------------------------------------------------------

  async #enter(keyring: Keyring): Promise<void> {
    const me = keyring.me;
    this.#me = me;
    this.#reader = new Reader(keyring);
    if (me.language !== currentLanguage()) this.#applyLanguage(me.language);
    byId("program-name").textContent = me.program.name;
    byId("signed-in-as").textContent = t("header.signed_in_as", { name: me.displayName || me.email });
    this.#idle.start(this.#idleMinutes());
    this.#updateKeyBanner();
    if (keyring.holdsCurrentKey) {
      this.#startDesk();
      return;
    }
    // Signed in, but no grant yet: the member reads their fingerprint to an admin.
    byId("waiting-fingerprint").textContent = await ownFingerprint(keyring);
    byId("waiting-status").textContent = "";
    this.#show("waiting");
    window.clearInterval(this.#waitingTimer);
    this.#waitingTimer = window.setInterval(() => void this.#checkGrant(), WAITING_CHECK_MS);
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
    this.#showPane("inbox");
    void this.#thread.render([], [], true);
    const role = this.#me?.role;
    if ((this.#section === "team" || this.#section === "records") && role !== "admin") this.#section = "conversations";
    if (this.#section !== "team" && this.#section !== "records" && !this.#isSupervisor()) this.#section = "conversations";
    this.#showSection(this.#section);
    void this.#protocols.refresh();
    if (role === "admin") this.#mountTeam();
    this.#safety.start();
    if (this.#isSupervisor()) {
      this.#lexicon = mountLexiconEditor(byId("triage-panel"), this.#config.urls.triage);
      setFlagClearer({ url: this.#config.urls.triage, announce: (text) => this.#announce(text), signedOut: () => this.signedOut() });
      // Alerts that fired while this console was closed or locked.
      void this.#crisis.start();
    }
    this.#teamwork.start();
    this.#live.start();
    void this.#desk.refreshInbox();
    byId("main").focus();
  }

  #mountTeam(): void {
    this.#team?.destroy();
    const reader = this.#reader;
    if (reader !== null) {
      this.#team = mountTeamPanel(
        byId("team-panel"),
        reader.keyring,
        (key) => t(key),
        (key, n) => tn(key, n),
        () => void this.#keysChanged(),
      );
    }
  }

  /** Wipes the keys and every decrypted text; the member unlocks again with the passphrase. */
  lock(reason: "idle" | "hand" | "signed-out"): void {
    this.#live.stop();
    this.#idle.stop();
    window.clearInterval(this.#waitingTimer);
    this.#gate.cancel();
    this.#desk?.clear();
    this.#desk = null;
    this.#reader?.wipe();
    this.#reader = null;
    this.#team?.destroy();
    this.#team = null;
    this.#lexicon?.destroy();
    this.#lexicon = null;
    this.#crisis.clear();
    setFlagClearer(null);
    this.#teamwork.stop();
    this.#protocols.stop();
    this.#inbox.clear();
    this.#tools.clear();
    renderRelated([], () => undefined);
    this.#noteForm.update(null);
    this.#reports.clear();
    this.#records.clear();
    this.#relationship.clear();
    this.#ongoing.clear();
    forgetWrapUpOptions();
    this.#thread.clear();
    this.#safety.clear();
    for (const id of ["inbox-list", "announcer", "team-panel", "key-banner-body"]) byId(id).replaceChildren();
    this.#account.clear(byId("account-panel"));
    byId("key-banner").hidden = true;
    byId("main").inert = false;
    for (const id of ["inbox-count", "waiting-fingerprint"]) byId(id).textContent = "";
    if (reason !== "signed-out" && this.#me !== null) {
      this.#gate.showUnlock(this.#me.displayName || this.#me.email, reason === "idle");
    }
  }

  async #signOut(): Promise<void> {
    this.lock("signed-out");
    this.#me = null;
    try {
      await signOut();
    } catch {
      // Signed out here either way; the server's session expires on its own.
    }
    this.#gate.showSignIn("");
  }

  /** The session ended elsewhere (expired, or signed out in another tab). */
  signedOut(): void {
    this.lock("signed-out");
    this.#me = null;
    this.#gate.showSignIn(t("error.signed_out"));
  }

  async #checkSession(): Promise<void> {
    try {
      await apiRequest(this.#config.urls.me);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) {
        this.signedOut();
        return;
      }
    }
    if (this.#desk !== null) this.#live.start();
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
    this.#gate.retranslate();
    this.#reports.languageChanged();
    this.#records.languageChanged();
    this.#relationship.retranslate();
    this.#ongoing.retranslate();
    if (this.#me !== null) {
      byId("signed-in-as").textContent = t("header.signed_in_as", { name: this.#me.displayName || this.#me.email });
    }
    this.#showLiveState(this.#liveState.state, this.#liveState.seconds);
    this.#updateTitle();
    this.#thread.updateReplyHint();
    this.#renderRelated();
    this.#safety.retranslate();
    if (!byId("view-account").hidden) this.#account.show(byId("account-panel"));
    if (this.#desk !== null) {
      this.inboxChanged();
      void this.#thread.render([], [], false);
      if (this.#team !== null) this.#mountTeam();
      this.#lexicon?.retranslate();
      this.#crisis.render();
      this.#teamwork.retranslate();
      this.#protocols.retranslate();
    }
  }

  // -- live status and announcements ---------------------------------------------------

  #showLiveState(state: LiveState, seconds: number): void {
    this.#liveState = { state, seconds };
    byId("live-status").dataset.state = state;
    byId("live-status-text").textContent =
      state === "connected" ? t("live.connected") : state === "connecting" ? t("live.connecting") : t("live.offline", { seconds });
  }

  #announce(text: string): void {
    const region = byId("announcer");
    region.append(el("p", {}, text));
    while (region.childElementCount > ANNOUNCEMENTS_KEPT) region.firstElementChild?.remove();
  }

  /** A conversation's row, fetching the inbox first when this page does not list it yet. */
  async #rowFor(id: string): Promise<ConversationRow | null> {
    const desk = this.#desk;
    if (desk === null) return null;
    if (!desk.rows.has(id)) await desk.refreshInbox();
    return desk.rows.get(id) ?? null;
  }

  async #labelFor(row: ConversationRow): Promise<string> {
    return texterLabel((await this.#reader?.number(row)) ?? null);
  }

  async #previewFor(row: ConversationRow): Promise<string> {
    const last = row.last_message;
    const reader = this.#reader;
    if (last === null || last === undefined || reader === null) return "";
    const text = last.notice === "" ? await reader.text(row.id, last) : "";
    return previewText(last, text, this.#me?.id ?? "");
  }

  /** The rows the inbox shows, under its filters, in its order. */
  #visibleRows(desk: Desk, sorted: ConversationRow[] = desk.sortedRows()): ConversationRow[] {
    return this.#tools.apply(sorted, this.#me?.id ?? "", (row) => this.#inbox.known(row));
  }

  #renderRelated(): void {
    renderRelated(this.#desk?.open?.related ?? [], (id) => void this.#select(id));
  }

  // -- DeskView ------------------------------------------------------------------

  inboxChanged(): void {
    void this.#renderInbox();
    this.#teamwork.inboxChanged();
  }

  conversationChanged(added: MessageRow[], changed: MessageRow[], initial: boolean): void {
    void this.#thread.render(added, changed, initial);
    this.#renderRelated();
    this.#noteForm.update(this.#desk?.open?.id ?? null);
    this.#safety.conversationChanged();
    this.#relationship.update(this.#desk?.open?.row ?? null);
    showOwedNotice(byId("owed-notice"), this.#desk?.open?.row ?? null);
    this.#teamwork.conversationChanged();
  }

  newConversation(row: ConversationRow): void {
    void this.#labelFor(row).then((label) => this.#announce(t("message.new_conversation", { texter: label })));
  }

  newTextElsewhere(row: ConversationRow): void {
    void this.#labelFor(row).then((label) => this.#announce(t("message.new_elsewhere", { texter: label })));
  }

  async #renderInbox(): Promise<void> {
    const desk = this.#desk;
    if (desk === null) return;
    const rows = desk.sortedRows();
    this.#inbox.keepOnly(new Set(rows.map((row) => row.id)));
    // Sorted once per redraw: at 3,000 conversations each sort is a few milliseconds.
    const drawn = await this.#inbox.render(this.#visibleRows(desk, rows), desk.open?.id, desk.fresh);
    if (!drawn || this.#desk !== desk) return;
    // Again once drawn: the search can look through what this redraw decrypted.
    this.#visibleRows(desk, rows);
    byId("inbox-empty").hidden = rows.length > 0;
    this.#safety.inboxChanged(rows, (row) => this.#labelFor(row));
    this.#updateTitle();
  }

  async #select(id: string): Promise<void> {
    const desk = this.#desk;
    if (desk === null) return;
    this.#showPane("conversation");
    if (desk.open?.id !== id) this.#thread.switching();
    const before = document.activeElement;
    await desk.select(id);
    await this.#thread.settled();
    // Once its title is there, so that a screen reader says which conversation opened;
    // unless she has already moved on in it (the messages can take a while to open).
    const moved = document.activeElement !== before && byId("conversation").contains(document.activeElement);
    if (this.#desk === desk && desk.open?.id === id && !moved) byId("conversation-title").focus();
  }
}

function main(): void {
  const config = readJson<Config>("havre-console-config");
  loadCatalogues(readJson<Record<string, Record<string, string>>>("havre-catalog"), config.language);
  new ConsolePage(config).start();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
