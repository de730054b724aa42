// The program's protocols in the console: the emergency banner and switch,
// the notice menu and quick replies by the reply box, and the settings area.
// What they show comes from one summary, fetched again whenever the server
// says emergency mode or the protocols changed, and at every reconnection.

import { onTexterLanguage } from "./texter-language";
import type { Role } from "../session";
import { SessionError } from "../session";
import type { Desk } from "./desk";
import { byId } from "./dom";
import { EmergencyControls } from "./emergency";
import { NoticeMenu } from "./notice-menu";
import { type Summary, summary as fetchSummary } from "./protocols-api";
import { QuickReplies } from "./quick-replies";
import type { Reader } from "./reader";
import { type SettingsPanel, mountSettings } from "./settings";

export interface ProtocolsHost {
  readonly desk: Desk | null;
  readonly reader: Reader | null;
  readonly role: Role | null;
  announce(text: string): void;
  signedOut(): void;
}

const LANGUAGES = ["en", "fr"];

export function canChangeProtocols(role: Role | null): boolean {
  return role === "supervisor" || role === "admin";
}

export class Protocols {
  #summary: Summary | null = null;
  #texter: string | null = null;
  #ticket = 0;
  #settings: SettingsPanel | null = null;
  readonly #emergency: EmergencyControls;
  readonly #menu: NoticeMenu;
  readonly #quick: QuickReplies;

  constructor(private readonly host: ProtocolsHost) {
    onTexterLanguage((language) => {
      this.#texter = language;
      this.#quick.followTexter();
      if (this.#summary !== null) this.#show(this.#summary);
    });
    this.#emergency = new EmergencyControls(byId("emergency-area"), byId("emergency-tools"), {
      canSwitch: () => canChangeProtocols(this.host.role),
      changed: (fresh) => this.#show(fresh),
      refresh: () => void this.refresh(),
      announce: (text) => this.host.announce(text),
      signedOut: () => this.host.signedOut(),
    });
    this.#menu = new NoticeMenu(byId("notice-menu"), {
      openConversation: () => this.#openConversation(),
      sent: () => void this.host.desk?.refreshOpen(),
      announce: (text) => this.host.announce(text),
      signedOut: () => this.host.signedOut(),
    });
    this.#quick = new QuickReplies(byId("quick-replies"), byId<HTMLTextAreaElement>("reply-text"), (text) =>
      this.host.announce(text),
    );
  }

  /** Reads the summary again (at start, at every reconnection, when the server says so). */
  async refresh(): Promise<void> {
    const ticket = ++this.#ticket;
    let fresh: Summary;
    try {
      fresh = await fetchSummary();
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.host.signedOut();
      return; // a dropped connection: the next reconnection reads it again
    }
    if (ticket === this.#ticket) this.#show(fresh);
  }

  onSignal(type: string): void {
    if (type === "emergency" || type === "protocols") void this.refresh();
  }

  /** The console locked: nothing of the program's stays on screen. */
  stop(): void {
    this.#ticket += 1;
    this.#summary = null;
    this.#emergency.clear();
    this.#menu.clear();
    this.#quick.clear();
    this.hideSettings();
  }

  retranslate(): void {
    if (this.#summary !== null) this.#show(this.#summary);
    if (this.#settings !== null) this.showSettings();
  }

  showSettings(): void {
    this.#settings?.destroy();
    this.#settings = mountSettings(byId("settings-panel"), {
      signedOut: () => this.host.signedOut(),
      changed: () => void this.refresh(),
    });
  }

  hideSettings(): void {
    this.#settings?.destroy();
    this.#settings = null;
  }

  #show(fresh: Summary): void {
    this.#summary = fresh;
    this.#emergency.show(fresh.emergency);
    // The open conversation's texter's language when known, else the program's.
    const program = LANGUAGES.includes(fresh.program_language) ? fresh.program_language : "en";
    const language = this.#texter ?? program;
    this.#menu.render(fresh.notices, language);
    this.#quick.render(fresh.quick_replies, LANGUAGES, language);
  }

  async #openConversation(): Promise<{ id: string; number: string } | null> {
    const desk = this.host.desk;
    const row = desk?.open?.row ?? null;
    if (desk === null || row === null) return null;
    const number = (await this.host.reader?.number(row)) ?? null;
    return number === null ? null : { id: row.id, number };
  }
}
