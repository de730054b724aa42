// The member's own account: her passphrase, her second factors, her
// recovery codes. Every member has it, whatever her role, even while she
// waits for the program key.

import { passphraseField } from "../passphrase";
import { recoveryCodesSheet } from "../recovery-codes";
import {
  type Keyring,
  type PublicKeyCreationJson,
  SessionError,
  apiRequest,
  changePassphrase,
  createPasskey,
} from "../session";
import { el } from "./dom";
import { currentLanguage, formatWhen, t, tn } from "./i18n";

interface Passkey {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

interface Factors {
  totp: boolean;
  totp_locked: boolean;
  passkeys: Passkey[];
  recovery_codes_left: number;
}

export interface AccountHost {
  keyring(): Keyring | null;
  strengthUrl: string;
  announce(text: string): void;
  signedOut(): void;
}

function problemText(error: unknown): string {
  if (error instanceof SessionError) {
    if (error.status === 401) return t("error.signed_out");
    if (error.code === "last_factor") return t("account.last_factor");
    if (error.code === "wrong_passphrase") return t("account.wrong_passphrase");
    if (error.code === "too_many_attempts") return t("team.too_many_attempts");
    const session = t(`session.${error.code}`);
    if (!session.startsWith("session.")) return session;
  }
  return t("account.error");
}

export class AccountArea {
  #root: HTMLElement | null = null;
  #factors: HTMLElement = el("div");

  constructor(private readonly host: AccountHost) {}

  /** Renders into `container` (emptied first). */
  show(container: HTMLElement): void {
    const keyring = this.host.keyring();
    if (keyring === null) return;
    this.#factors = el("div", { class: "account-factors", "aria-live": "polite" });
    this.#root = el(
      "section",
      { class: "account-panel" },
      this.#passphraseForm(keyring),
      el("h2", { id: "account-factors-heading" }, t("account.factors_heading")),
      el("p", {}, t("account.factors_explain")),
      this.#factors,
    );
    container.replaceChildren(this.#root);
    void this.#loadFactors();
  }

  clear(container: HTMLElement): void {
    this.#root = null;
    container.replaceChildren();
  }

  // -- passphrase -------------------------------------------------------------------

  #passphraseForm(keyring: Keyring): HTMLElement {
    const current = el("input", {
      type: "password",
      id: "account-current-passphrase",
      autocomplete: "current-password",
      required: "",
      spellcheck: "false",
    });
    const me = keyring.me;
    const field = passphraseField("account", t, currentLanguage, this.host.strengthUrl, [
      me.email,
      me.displayName,
      me.program.name,
    ]);
    const status = el("p", { role: "status", class: "working" });
    const submit = el("button", { type: "submit", class: "primary" }, t("account.passphrase_submit"));
    const form = el(
      "form",
      { id: "account-passphrase-form", method: "post", class: "stack" },
      el("h2", {}, t("account.passphrase_heading")),
      el("p", {}, t("account.passphrase_explain")),
      el("p", { class: "field" }, el("label", { for: current.id }, t("account.passphrase_current")), el("br"), current),
      field.element,
      status,
      submit,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const next = field.take();
      if (next === null) return;
      const old = current.value;
      current.value = "";
      submit.disabled = true;
      status.textContent = t("account.passphrase_working");
      void changePassphrase(keyring, old, next)
        .then(() => {
          status.textContent = t("account.passphrase_done");
          this.host.announce(t("account.passphrase_done"));
        })
        .catch((error: unknown) => {
          if (error instanceof SessionError && error.status === 401) this.host.signedOut();
          status.textContent = problemText(error);
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    return form;
  }

  // -- second factors ------------------------------------------------------------------

  async #loadFactors(): Promise<void> {
    try {
      this.#renderFactors(await apiRequest<Factors>("account"));
    } catch (error) {
      this.#factors.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(error)));
    }
  }

  #renderFactors(factors: Factors): void {
    const problem = el("p", { class: "error", role: "alert", id: "account-factor-problem" });
    const run = (work: () => Promise<Factors | void>): void => {
      problem.textContent = "";
      void work().then(
        (next) => (next ? this.#renderFactors(next) : this.#loadFactors()),
        (error: unknown) => {
          problem.textContent = problemText(error);
        },
      );
    };

    const totp = el("div", { class: "account-totp" });
    totp.append(el("p", {}, factors.totp ? t("account.totp_on") : t("account.totp_off")));
    if (factors.totp_locked) totp.append(el("p", { class: "notice" }, t("account.totp_locked")));
    if (factors.totp) {
      const remove = el("button", { type: "button", id: "account-totp-remove" }, t("account.totp_remove"));
      remove.addEventListener("click", () => run(() => apiRequest<Factors>("account/totp/remove", {})));
      totp.append(remove);
    } else {
      const add = el("button", { type: "button", id: "account-totp-add" }, t("account.totp_add"));
      add.addEventListener("click", () => void this.#enrolTotp(totp, problem));
      totp.append(add);
    }

    const keys = el("ul", { class: "account-passkeys", id: "account-passkeys" });
    for (const passkey of factors.passkeys) {
      const name = passkey.name || t("account.passkey_unnamed");
      const remove = el("button", { type: "button", class: "account-passkey-remove" }, t("account.passkey_remove").replace("{name}", name));
      remove.addEventListener("click", () => run(() => apiRequest<Factors>(`account/passkeys/${passkey.id}/remove`, {})));
      keys.append(
        el("li", {}, t("account.passkey_item").replace("{name}", name).replace("{when}", formatWhen(passkey.created_at)), " ", remove),
      );
    }
    if (factors.passkeys.length === 0) keys.append(el("li", {}, t("account.passkeys_none")));
    const name = el("input", { type: "text", id: "account-passkey-name", maxlength: "60", autocomplete: "off", spellcheck: "false" });
    const add = el("button", { type: "submit", id: "account-passkey-add" }, t("account.passkey_add"));
    const addForm = el(
      "form",
      { method: "post", class: "account-passkey-form" },
      el("label", { for: name.id }, t("account.passkey_name")),
      " ",
      name,
      " ",
      add,
    );
    addForm.addEventListener("submit", (event) => {
      event.preventDefault();
      add.disabled = true;
      run(async () => {
        try {
          const options = await apiRequest<PublicKeyCreationJson>("account/passkeys/options", {});
          const credential = await createPasskey(options);
          const next = await apiRequest<Factors>("account/passkeys", { credential, name: name.value });
          this.host.announce(t("account.passkey_added"));
          return next;
        } finally {
          add.disabled = false;
        }
      });
    });

    const codes = el("div", { class: "account-codes" });
    const make = el("button", { type: "button", id: "account-codes-make" }, t("account.codes_make"));
    make.addEventListener("click", () => {
      void apiRequest<{ codes: string[] }>("account/recovery-codes", {}).then(
        (made) =>
          codes.replaceChildren(
            recoveryCodesSheet(made.codes, t, "havre-recovery-codes.txt", () => void this.#loadFactors()),
          ),
        (error: unknown) => {
          problem.textContent = problemText(error);
        },
      );
    });
    codes.append(
      el("h3", {}, t("account.codes_heading")),
      el("p", { id: "account-codes-left" }, tn("account.codes_left", factors.recovery_codes_left)),
      el("p", { class: "hint" }, t("account.codes_replace")),
      make,
    );

    this.#factors.replaceChildren(totp, keys, addForm, problem, codes);
  }

  async #enrolTotp(box: HTMLElement, problem: HTMLElement): Promise<void> {
    let enrolment: { secret: string; qr_svg: string };
    try {
      enrolment = await apiRequest("account/totp", {});
    } catch (error) {
      problem.textContent = problemText(error);
      return;
    }
    const code = el("input", {
      type: "text",
      id: "account-totp-code",
      inputmode: "numeric",
      autocomplete: "one-time-code",
      maxlength: "7",
      required: "",
      spellcheck: "false",
    });
    const form = el(
      "form",
      { method: "post", id: "account-totp-form" },
      el("img", {
        src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(enrolment.qr_svg),
        alt: t("account.totp_qr"),
      }),
      el("p", {}, t("account.totp_secret"), ": ", el("code", {}, enrolment.secret.replace(/(.{4})/g, "$1 ").trim())),
      el("p", {}, el("label", { for: code.id }, t("account.totp_code")), " ", code),
      el("button", { type: "submit" }, t("account.totp_confirm")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void apiRequest<Factors>("account/totp/confirm", { code: code.value }).then(
        (next) => this.#renderFactors(next),
        (error: unknown) => {
          code.value = "";
          problem.textContent = problemText(error);
        },
      );
    });
    box.replaceChildren(form);
    code.focus();
  }
}
