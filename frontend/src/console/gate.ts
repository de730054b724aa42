// The way in: sign-in (passphrase, then the second factor) and unlock
// (passphrase only, while the session is still signed in). The passphrase
// fields are emptied as soon as they have been read.

import { type Keyring, SessionError, signIn, unlock } from "../session";
import { byId } from "./dom";
import { has, t } from "./i18n";

export interface GateHost {
  show(view: "signin" | "unlock"): void;
  enter(keyring: Keyring): Promise<void>;
  idleMinutes(): number;
  signOut(): Promise<void>;
}

export function errorText(error: unknown): string {
  if (error instanceof SessionError && has(`session.${error.code}`)) return t(`session.${error.code}`);
  return t("session.error_generic");
}

export class Gate {
  #pendingCode: { resolve: (code: string) => void; reject: (error: Error) => void } | null = null;
  #name: string | null = null;
  #idle = false;

  constructor(private readonly host: GateHost) {
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
    byId("code-back").addEventListener("click", () => this.cancel());
    byId<HTMLFormElement>("unlock-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#unlock();
    });
    byId("unlock-sign-out").addEventListener("click", () => void this.host.signOut());
  }

  showSignIn(error: string): void {
    this.#name = null;
    byId("signin-form").hidden = false;
    byId("code-form").hidden = true;
    byId("signin-error").textContent = error;
    byId("signin-working").textContent = "";
    this.host.show("signin");
    byId("signin-email").focus();
  }

  showUnlock(name: string, idle: boolean): void {
    this.#name = name;
    this.#idle = idle;
    this.retranslate();
    byId("unlock-error").textContent = "";
    byId("unlock-working").textContent = "";
    this.host.show("unlock");
    byId("unlock-passphrase").focus();
  }

  /** Gives up a sign-in waiting for its second factor. */
  cancel(): void {
    this.#pendingCode?.reject(new SessionError("cancelled"));
    this.#pendingCode = null;
  }

  /** The texts that carry values, after a change of language. */
  retranslate(): void {
    if (this.#name !== null) byId("unlock-intro").textContent = t("unlock.intro", { name: this.#name });
    const notice = byId("unlock-idle");
    notice.hidden = !this.#idle;
    notice.textContent = this.#idle ? t("unlock.idle", { minutes: this.host.idleMinutes() }) : "";
  }

  async #signIn(): Promise<void> {
    const email = byId<HTMLInputElement>("signin-email");
    const passphrase = byId<HTMLInputElement>("signin-passphrase");
    const submit = byId("signin-form").querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit === null || submit.disabled) return;
    submit.disabled = true;
    byId("signin-error").textContent = "";
    byId("signin-working").textContent = t("signin.working");
    try {
      const keyring = await signIn(email.value.trim(), passphrase.value, (previous) => this.#askCode(previous));
      passphrase.value = "";
      await this.host.enter(keyring);
    } catch (error) {
      const cancelled = error instanceof SessionError && error.code === "cancelled";
      this.showSignIn(cancelled ? "" : errorText(error));
    } finally {
      passphrase.value = "";
      submit.disabled = false;
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
    if (submit === null || submit.disabled) return;
    submit.disabled = true;
    byId("unlock-error").textContent = "";
    byId("unlock-working").textContent = t("unlock.working");
    try {
      const keyring = await unlock(passphrase.value);
      passphrase.value = "";
      await this.host.enter(keyring);
    } catch (error) {
      if (error instanceof SessionError && error.status === 401) this.showSignIn(t("error.signed_out"));
      else byId("unlock-error").textContent = errorText(error);
    } finally {
      passphrase.value = "";
      submit.disabled = false;
      byId("unlock-working").textContent = "";
    }
  }
}
