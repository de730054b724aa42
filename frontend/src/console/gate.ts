// The way in: sign-in (passphrase, then the second factor) and unlock
// (passphrase only, while the session is still signed in). The passphrase
// fields are emptied as soon as they have been read.

import { type Keyring, type SecondFactorChoice, SessionError, signIn, unlock } from "../session";
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
  #pendingCode: { resolve: (choice: SecondFactorChoice) => void; reject: (error: Error) => void } | null = null;
  #name: string | null = null;
  #idle = false;
  // "totp" (a code from the app) or "recovery" (a one-time recovery code).
  #codeKind: "totp" | "recovery" = "totp";

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
      this.#answer({ kind: this.#codeKind, code });
    });
    byId("code-passkey").addEventListener("click", () => this.#answer({ kind: "passkey" }));
    byId("code-switch").addEventListener("click", () => {
      this.#setCodeKind(this.#codeKind === "totp" ? "recovery" : "totp");
      byId("signin-code").focus();
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
      const keyring = await signIn(email.value.trim(), passphrase.value, (previous, methods) =>
        this.#askCode(previous, methods),
      );
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

  #answer(choice: SecondFactorChoice): void {
    byId("code-error").textContent = "";
    byId("signin-working").textContent = t(choice.kind === "passkey" ? "signin.passkey_working" : "signin.working");
    this.#pendingCode?.resolve(choice);
    this.#pendingCode = null;
  }

  #setCodeKind(kind: "totp" | "recovery", canSwitch = true): void {
    this.#codeKind = kind;
    const input = byId<HTMLInputElement>("signin-code");
    const recovery = kind === "recovery";
    byId("signin-code-label").textContent = t(recovery ? "signin.recovery_code" : "signin.code");
    byId("code-intro").textContent = t(recovery ? "signin.recovery_intro" : "signin.code_intro");
    input.inputMode = recovery ? "text" : "numeric";
    input.maxLength = recovery ? 24 : 8;
    input.autocomplete = recovery ? "off" : "one-time-code";
    const toggle = byId("code-switch");
    toggle.textContent = t(recovery ? "signin.use_code" : "signin.use_recovery");
    toggle.hidden = !canSwitch;
  }

  #askCode(previous?: string, methods: string[] = ["totp"]): Promise<SecondFactorChoice> {
    byId("signin-form").hidden = true;
    byId("code-form").hidden = false;
    byId("signin-working").textContent = "";
    byId("code-error").textContent = previous ? errorText(new SessionError(previous)) : "";
    byId("code-passkey").hidden = !methods.includes("passkey");
    const withTotp = methods.includes("totp");
    // A first attempt starts with the app's code; after a wrong recovery code, stay with those.
    const kind = !withTotp || (previous === "invalid_recovery_code" && this.#codeKind === "recovery") ? "recovery" : "totp";
    this.#setCodeKind(kind, withTotp);
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
