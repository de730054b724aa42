// The page of a one-time link: at sign-up, choose a passphrase, make keys,
// (first admin) make or import the program key, then enrol the second factor
// and keep the recovery codes; after a forgotten passphrase, make new keys
// from a new one; after a lost second factor, prove the passphrase and enrol
// again.
//
// Everything secret is made here. The server receives the login secret, the
// public key, the private key wrapped under a key only this passphrase gives,
// and, for the first admin, the program public key and the program private
// key sealed to the admin's own public key.

import {
  type Bytes,
  b64d,
  b64e,
  deriveMaster,
  fingerprint,
  generateKeypair,
  grantInfo,
  isStrongEnough,
  kdfParamsFromDict,
  parseRecoveryDocument,
  recoveryDocument,
  seal,
  splitMaster,
  wrapAad,
  wrapPrivateKey,
} from "./crypto";
import { SessionError, apiRequest } from "./session";
import { el } from "./console/dom";
import { passphraseField } from "./passphrase";
import { recoveryCodesSheet } from "./recovery-codes";

interface PageData {
  stage: "passphrase" | "new_passphrase" | "prove_passphrase" | "second_factor";
  purpose: "signup" | "passphrase" | "second_factor";
  user_id: string;
  email: string;
  program_id: string;
  program_name: string;
  /** Null for a new passphrase after a reset: this page makes the salt. */
  salt: string | null;
  kdf: unknown;
  epoch: { number: number; public_key: string } | null;
  needs_program_key: boolean;
  require_second_factor: boolean;
  api: { signup: string; verify: string; totp: string; confirm: string };
  console_url: string;
  strength_url: string;
}

interface ProgramKey {
  privateKey: Bytes;
  publicKey: Bytes;
}

const SALT_SIZE = 16;

function readJson<T>(id: string): T {
  return JSON.parse(document.getElementById(id)?.textContent ?? "null") as T;
}

const data = readJson<PageData>("havre-signup-data");
const strings = readJson<Record<string, string>>("havre-signup-strings");
const app = document.getElementById("signup-app") as HTMLElement;
const t = (key: string): string => strings[key] ?? key;


function show(...nodes: (Node | string)[]): void {
  app.replaceChildren(...nodes);
}

function alertBox(): HTMLParagraphElement {
  return el("p", { class: "error", role: "alert" });
}

function errorText(error: unknown): string {
  if (error instanceof SessionError) {
    if (error.code in strings) return t(error.code);
    if (error.status === 404) return t("link_not_valid");
  }
  return t("error_generic");
}

// -- step 1: the passphrase and the member's own keys ------------------------

function passphraseStep(): void {
  const field = passphraseField("signup", t, () => document.documentElement.lang || "en", data.strength_url, [
    data.email,
    data.program_name,
  ]);
  const status = el("p", { class: "working", role: "status" });
  const submit = el("button", { type: "submit" }, t("continue"));
  const intro =
    data.purpose === "passphrase"
      ? [el("h2", {}, t("reset_heading")), el("p", {}, t("reset_costs"))]
      : [el("p", {}, t("passphrase_no_reset"))];
  const form = el("form", { id: "passphrase-form", method: "post" }, ...intro, field.element, status, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const passphrase = field.take();
    if (passphrase === null) return;
    submit.disabled = true;
    status.textContent = t("working");
    void makeKeys(passphrase).catch((error: unknown) => {
      submit.disabled = false;
      status.textContent = errorText(error);
    });
  });
  show(form);
  field.focus();
}

// -- (second-factor reset) the passphrase, proved again -------------------------

function provePassphraseStep(): void {
  const input = el("input", {
    type: "password",
    id: "current-passphrase",
    autocomplete: "current-password",
    required: "",
    spellcheck: "false",
  });
  const problem = alertBox();
  const submit = el("button", { type: "submit" }, t("continue"));
  const form = el(
    "form",
    { id: "prove-form", method: "post" },
    el("h2", {}, t("second_factor_reset_heading")),
    el("p", {}, t("second_factor_reset_intro")),
    el("p", {}, el("label", { for: "current-passphrase" }, t("passphrase_label")), el("br"), input),
    problem,
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const passphrase = input.value;
    input.value = "";
    submit.disabled = true;
    problem.textContent = t("working_check");
    void (async () => {
      const { loginSecret, wrapKey } = await stretch(passphrase, b64d(data.salt ?? ""));
      wrapKey.fill(0);
      try {
        await apiRequest(data.api.verify, { login_secret: b64e(loginSecret) });
      } finally {
        loginSecret.fill(0);
      }
      await secondFactorStep();
      await done(null);
    })().catch((error: unknown) => {
      submit.disabled = false;
      problem.textContent = errorText(error);
      input.focus();
    });
  });
  show(form);
  input.focus();
}

async function stretch(passphrase: string, salt: Uint8Array): Promise<{ loginSecret: Bytes; wrapKey: Bytes }> {
  if (!globalThis.crypto?.subtle) throw new SessionError("no_webcrypto");
  const kdf = kdfParamsFromDict(data.kdf);
  if (!isStrongEnough(kdf)) throw new SessionError("error_generic");
  const master = await deriveMaster(passphrase, salt, kdf);
  try {
    return await splitMaster(master);
  } finally {
    master.fill(0);
  }
}

async function makeKeys(passphrase: string): Promise<void> {
  // After a reset, a fresh salt goes with the new passphrase.
  const salt = data.salt === null ? globalThis.crypto.getRandomValues(new Uint8Array(SALT_SIZE)) : b64d(data.salt);
  const { loginSecret, wrapKey } = await stretch(passphrase, salt);
  const personal = await generateKeypair();
  const wrapped = await wrapPrivateKey(wrapKey, personal.privateKey, wrapAad(data.user_id));
  wrapKey.fill(0);
  const body: Record<string, unknown> = {
    login_secret: b64e(loginSecret),
    public_key: b64e(personal.publicKey),
    wrapped_private_key: b64e(wrapped),
  };
  if (data.salt === null) {
    body.salt = b64e(salt);
    body.kdf = data.kdf;
  }
  loginSecret.fill(0);
  if (data.needs_program_key) {
    const program = await programKeyStep();
    const epoch = data.epoch?.number ?? 1;
    const grant = await seal(personal.publicKey, program.privateKey, grantInfo(data.program_id, epoch, data.user_id));
    program.privateKey.fill(0);
    body.program_public_key = b64e(program.publicKey);
    body.grant = b64e(grant);
  }
  personal.privateKey.fill(0);
  await send(body, personal.publicKey);
}

async function send(body: Record<string, unknown>, publicKey: Bytes): Promise<void> {
  const problem = alertBox();
  const retry = el("button", { type: "button" }, t("continue"));
  retry.hidden = true;
  show(el("p", {}, t("working")), problem, retry);
  let answer: { next: string };
  for (;;) {
    try {
      answer = await apiRequest<{ next: string }>(data.api.signup, body);
      break;
    } catch (error) {
      // Keys made from the passphrase cannot be made again without it, so a
      // network failure offers to send the same ones rather than start over.
      problem.textContent = errorText(error);
      if (error instanceof SessionError && error.status !== 0 && error.status < 500) return;
      retry.hidden = false;
      await new Promise<void>((resolve) => retry.addEventListener("click", () => resolve(), { once: true }));
      retry.hidden = true;
    }
  }
  try {
    if (answer.next === "second_factor") await secondFactorStep();
    await done(publicKey);
  } catch (error) {
    // Reloading this page resumes the enrolment in the same session.
    show(el("p", { class: "error", role: "alert" }, errorText(error)));
  }
}

// -- step 2 (first admin only): the program key --------------------------------

function programKeyStep(): Promise<ProgramKey> {
  return new Promise((resolve) => {
    const heading = el("h2", {}, t("key_heading"));
    if (data.epoch !== null) {
      show(heading, el("p", {}, t("key_import_only")), importForm(resolve));
      return;
    }
    const make = el("button", { type: "button", id: "make-program-key" }, t("key_make"));
    const load = el("button", { type: "button", id: "import-program-key" }, t("key_import"));
    make.addEventListener("click", () => void makeProgramKey(resolve));
    load.addEventListener("click", () => show(heading, importForm(resolve)));
    show(heading, el("p", {}, t("key_intro")), make, " ", load);
  });
}

async function makeProgramKey(resolve: (key: ProgramKey) => void): Promise<void> {
  const key = await generateKeypair();
  const documentText = await recoveryDocument(data.program_id, key.privateKey);
  const saved = el("input", { type: "checkbox", id: "recovery-saved" });
  const next = el("button", { type: "button", id: "recovery-continue", disabled: "" }, t("continue"));
  const download = el("button", { type: "button", id: "recovery-download" }, t("recovery_download"));
  const print = el("button", { type: "button", id: "recovery-print" }, t("recovery_print"));
  const sheet = el(
    "div",
    { class: "recovery-sheet" },
    el("h2", {}, t("recovery_heading")),
    el("p", {}, t("recovery_explain")),
    el("pre", { class: "recovery print-only" }, `${data.program_name}\n\n${documentText}`),
    download,
    " ",
    print,
    el("p", {}, saved, " ", el("label", { for: "recovery-saved" }, t("recovery_saved"))),
    next,
  );
  download.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([documentText], { type: "application/json" }));
    const link = el("a", { href: url, download: `havre-recovery-${data.program_id}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  print.addEventListener("click", () => {
    document.body.classList.add("printing-recovery");
    window.print();
    document.body.classList.remove("printing-recovery");
  });
  saved.addEventListener("change", () => {
    next.disabled = !saved.checked;
  });
  next.addEventListener("click", () => {
    sheet.querySelector("pre")?.replaceChildren();
    resolve(key);
  });
  show(sheet);
}

function importForm(resolve: (key: ProgramKey) => void): HTMLElement {
  const file = el("input", { type: "file", id: "recovery-file", accept: ".json,application/json" });
  const problem = alertBox();
  file.addEventListener("change", () => {
    void (async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      let parsed;
      try {
        parsed = await parseRecoveryDocument(await chosen.text());
      } catch {
        problem.textContent = t("import_not_recovery");
        return;
      }
      // The server's epoch key, when `havre init` was given one, must be this file's.
      if (data.epoch !== null && b64e(parsed.publicKey) !== data.epoch.public_key) {
        parsed.privateKey.fill(0);
        problem.textContent = t("import_wrong_key");
        return;
      }
      resolve({ privateKey: parsed.privateKey, publicKey: parsed.publicKey });
    })();
  });
  return el("div", {}, el("p", {}, el("label", { for: "recovery-file" }, t("import_label")), el("br"), file), problem);
}

// -- step 3: the second factor ----------------------------------------------------

async function secondFactorStep(): Promise<void> {
  const enrolment = await apiRequest<{ uri: string; secret: string; qr_svg: string }>(data.api.totp, {});
  const qr = el("img", {
    src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(enrolment.qr_svg),
    alt: t("totp_qr_alt"),
    id: "totp-qr",
  });
  const secret = enrolment.secret.replace(/(.{4})/g, "$1 ").trim();
  const code = el("input", {
    type: "text",
    id: "totp-code",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    pattern: "[0-9 ]*",
    maxlength: "7",
    required: "",
    spellcheck: "false",
  });
  const problem = alertBox();
  const submit = el("button", { type: "submit" }, t("totp_confirm"));
  const form = el(
    "form",
    { id: "totp-form", method: "post" },
    el("h2", {}, t("totp_heading")),
    el("p", {}, t("totp_explain")),
    el("p", {}, qr),
    el("p", {}, t("totp_secret_label"), ": ", el("span", { class: "secret", id: "totp-secret" }, secret)),
    el("p", {}, el("label", { for: "totp-code" }, t("totp_code_label")), el("br"), code),
    problem,
    submit,
  );
  show(form);
  code.focus();
  const codes = await new Promise<string[]>((resolve) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit.disabled = true;
      apiRequest<{ recovery_codes?: string[] }>(data.api.confirm, { code: code.value }).then(
        (answer) => resolve(answer.recovery_codes ?? []),
        (error: unknown) => {
          submit.disabled = false;
          code.value = "";
          problem.textContent = errorText(error);
        },
      );
    });
  });
  if (codes.length > 0) await showRecoveryCodes(codes);
}

function showRecoveryCodes(codes: string[]): Promise<void> {
  return new Promise((resolve) => {
    show(recoveryCodesSheet(codes, t, `havre-recovery-codes-${data.email}.txt`, resolve));
  });
}

// -- done -----------------------------------------------------------------------

async function done(publicKey: Bytes | null): Promise<void> {
  const parts: Node[] = [el("h2", { id: "signup-done" }, t("done_heading"))];
  if (!data.require_second_factor) parts.push(el("p", {}, t("demo_no_totp")));
  parts.push(el("p", {}, data.require_second_factor ? t("done_text") : t("done_text_demo")));
  if (!data.needs_program_key && publicKey !== null) {
    parts.push(
      el("p", {}, t(data.purpose === "passphrase" ? "done_wait_regrant" : "done_wait_grant")),
      el("p", {}, t("fingerprint_label"), ": ", el("span", { class: "fingerprint" }, await fingerprint(publicKey))),
    );
  }
  parts.push(el("p", {}, el("a", { href: data.console_url }, t("open_console"))));
  show(...parts);
}

function start(): void {
  if (data.stage === "prove_passphrase") {
    provePassphraseStep();
    return;
  }
  if (data.stage === "second_factor") {
    secondFactorStep()
      .then(() => done(null))
      .catch((error: unknown) => show(el("p", { class: "error", role: "alert" }, errorText(error))));
    return;
  }
  passphraseStep();
}

start();
