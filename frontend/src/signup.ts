// The sign-up page: choose a passphrase, make keys, (first admin) make or
// import the program key, then enrol the second factor.
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

interface PageData {
  stage: "passphrase" | "second_factor";
  user_id: string;
  email: string;
  program_id: string;
  program_name: string;
  salt: string;
  kdf: unknown;
  epoch: { number: number; public_key: string } | null;
  needs_program_key: boolean;
  require_second_factor: boolean;
  api: { signup: string; totp: string; confirm: string };
  console_url: string;
}

interface ProgramKey {
  privateKey: Bytes;
  publicKey: Bytes;
}

const MIN_WORDS = 4;
const MIN_CHARACTERS = 16;

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

/** At least 4 words or 16 characters: long enough to hold out against offline guessing. */
export function acceptable(passphrase: string): boolean {
  const words = passphrase.trim().split(/\s+/).filter(Boolean);
  return words.length >= MIN_WORDS || Array.from(passphrase).length >= MIN_CHARACTERS;
}

// -- step 1: the passphrase and the member's own keys ------------------------

function passphraseStep(): void {
  const first = el("input", { type: "password", id: "passphrase", autocomplete: "new-password", required: "" });
  const again = el("input", { type: "password", id: "passphrase-again", autocomplete: "new-password", required: "" });
  const problem = alertBox();
  const submit = el("button", { type: "submit" }, t("continue"));
  const form = el(
    "form",
    { id: "passphrase-form" },
    el("p", {}, el("strong", {}, t("passphrase_rule")), " ", t("passphrase_why")),
    el("p", {}, t("passphrase_no_reset")),
    el("p", {}, el("label", { for: "passphrase" }, t("passphrase_label")), el("br"), first),
    el("p", {}, el("label", { for: "passphrase-again" }, t("passphrase_again_label")), el("br"), again),
    problem,
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!acceptable(first.value)) {
      problem.textContent = t("passphrase_too_short");
      return;
    }
    if (first.value !== again.value) {
      problem.textContent = t("passphrase_mismatch");
      return;
    }
    const passphrase = first.value;
    first.value = again.value = "";
    submit.disabled = true;
    problem.textContent = t("working");
    void makeKeys(passphrase).catch((error: unknown) => {
      submit.disabled = false;
      problem.textContent = errorText(error);
    });
  });
  show(form);
  first.focus();
}

async function makeKeys(passphrase: string): Promise<void> {
  if (!globalThis.crypto?.subtle) throw new SessionError("no_webcrypto");
  const kdf = kdfParamsFromDict(data.kdf);
  if (!isStrongEnough(kdf)) throw new SessionError("error_generic");
  const master = await deriveMaster(passphrase, b64d(data.salt), kdf);
  const { loginSecret, wrapKey } = await splitMaster(master);
  master.fill(0);
  const personal = await generateKeypair();
  const wrapped = await wrapPrivateKey(wrapKey, personal.privateKey, wrapAad(data.user_id));
  wrapKey.fill(0);
  const body: Record<string, string> = {
    login_secret: b64e(loginSecret),
    public_key: b64e(personal.publicKey),
    wrapped_private_key: b64e(wrapped),
  };
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

async function send(body: Record<string, string>, publicKey: Bytes): Promise<void> {
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
  });
  const problem = alertBox();
  const submit = el("button", { type: "submit" }, t("totp_confirm"));
  const form = el(
    "form",
    { id: "totp-form" },
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
  await new Promise<void>((resolve) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit.disabled = true;
      apiRequest(data.api.confirm, { code: code.value }).then(
        () => resolve(),
        (error: unknown) => {
          submit.disabled = false;
          code.value = "";
          problem.textContent = errorText(error);
        },
      );
    });
  });
}

// -- done -----------------------------------------------------------------------

async function done(publicKey: Bytes | null): Promise<void> {
  const parts: Node[] = [el("h2", { id: "signup-done" }, t("done_heading"))];
  if (!data.require_second_factor) parts.push(el("p", {}, t("demo_no_totp")));
  parts.push(el("p", {}, data.require_second_factor ? t("done_text") : t("done_text_demo")));
  if (!data.needs_program_key && publicKey !== null) {
    parts.push(
      el("p", {}, t("done_wait_grant")),
      el("p", {}, t("fingerprint_label"), ": ", el("span", { class: "fingerprint" }, await fingerprint(publicKey))),
    );
  }
  parts.push(el("p", {}, el("a", { href: data.console_url }, t("open_console"))));
  show(...parts);
}

function start(): void {
  if (data.stage === "second_factor") {
    secondFactorStep()
      .then(() => done(null))
      .catch((error: unknown) => show(el("p", { class: "error", role: "alert" }, errorText(error))));
    return;
  }
  passphraseStep();
}

start();
