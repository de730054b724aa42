// Sign-in, unlock and the keys they open, for the console page.
//
// The passphrase is stretched here (Argon2id) into a login secret, the only
// thing sent to the server, and a wrap key that never leaves this page. The
// wrap key opens the member's private key, which opens their grants of the
// program key. All of it lives in a Keyring held by the page, never in
// browser storage; a reload asks for the passphrase again (`unlock`).

import {
  type Bytes,
  b64d,
  b64e,
  deriveMaster,
  fingerprint,
  grantInfo,
  isStrongEnough,
  kdfParamsFromDict,
  kdfParamsToDict,
  openSealed,
  publicFromPrivate,
  splitMaster,
  unwrapPrivateKey,
  wrapAad,
  wrapPrivateKey,
} from "./crypto";

const API = "/accounts/api/";
const SECOND_FACTOR_TRIES = 5;
const SALT_SIZE = 16;

/** How the member answers the second step: a code from her app, a recovery code, or a passkey. */
export type SecondFactorChoice =
  | { kind: "totp"; code: string }
  | { kind: "recovery"; code: string }
  | { kind: "passkey" };

/**
 * Asked for each attempt at the second step, with the previous attempt's error
 * code and the methods the server offers; a plain string is a TOTP code.
 */
export type AskSecondFactor = (previousError?: string, methods?: string[]) => Promise<string | SecondFactorChoice>;

/** A failure the page can explain: `code` is looked up as `session.<code>` in the catalogue. */
export class SessionError extends Error {
  constructor(
    readonly code: string,
    readonly status = 0,
    /** The rest of the server's error answer, e.g. which line of a form was refused. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "SessionError";
  }
}

// -- JSON API -------------------------------------------------------------------

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** Calls an accounts endpoint (or any same-origin JSON one); throws SessionError on failure. */
export async function apiRequest<T>(path: string, body?: unknown): Promise<T> {
  const url = path.startsWith("/") ? path : API + path;
  if (body !== undefined && csrfToken() === undefined) {
    // `GET me` sets the CSRF cookie, signed in or not.
    await fetch(API + "me", { credentials: "same-origin" });
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json", "X-CSRFToken": csrfToken() ?? "" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new SessionError("error_generic");
  }
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const code = (data as { error?: unknown } | null)?.error;
    if (response.status === 429) throw new SessionError("too_many_attempts", 429);
    const detail = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
    throw new SessionError(typeof code === "string" ? code : "error_generic", response.status, detail);
  }
  return data as T;
}

// -- what the server says about the member ------------------------------------

export type Role = "advocate" | "supervisor" | "admin";

export interface MeInfo {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  language: string;
  program: { id: string; name: string; idleLockMinutes: number; newKeyNeededSince: string | null };
  publicKey: Bytes;
}

interface MeJson {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  language: string;
  program: { id: string; name: string; idle_lock_minutes: number; new_key_needed_since?: string | null };
  kdf: { salt: string; params: unknown };
  public_key: string | null;
  wrapped_private_key: string | null;
  grants: { epoch: number; public_key: string; sealed_key: string }[];
  current_epoch: { number: number; public_key: string } | null;
}

export interface EpochInfo {
  number: number;
  publicKey: Bytes;
}

function meInfo(json: MeJson): MeInfo {
  if (json.public_key === null) throw new SessionError("no_keys");
  return {
    id: json.id,
    email: json.email,
    displayName: json.display_name,
    role: json.role,
    language: json.language,
    program: {
      id: json.program.id,
      name: json.program.name,
      idleLockMinutes: json.program.idle_lock_minutes,
      newKeyNeededSince: json.program.new_key_needed_since ?? null,
    },
    publicKey: b64d(json.public_key),
  };
}

// -- the keyring ---------------------------------------------------------------

/** The member's unlocked keys, in this page's memory only. */
export class Keyring {
  #me: MeInfo;
  #epoch: EpochInfo;
  #personalKey: Bytes | null;
  #programKeys = new Map<number, Bytes>();

  private constructor(me: MeInfo, epoch: EpochInfo, personalKey: Bytes) {
    this.#me = me;
    this.#epoch = epoch;
    this.#personalKey = personalKey;
  }

  /** Opens the member's private key with the wrap key, then every grant it can. */
  static async open(json: MeJson, wrapKey: Uint8Array): Promise<Keyring> {
    const me = meInfo(json);
    if (json.wrapped_private_key === null) throw new SessionError("no_keys");
    if (json.current_epoch === null) throw new SessionError("error_generic");
    let personalKey: Bytes;
    try {
      personalKey = await unwrapPrivateKey(wrapKey, b64d(json.wrapped_private_key), wrapAad(me.id));
    } catch {
      throw new SessionError("wrong_passphrase");
    }
    const keyring = new Keyring(me, epochInfo(json.current_epoch), personalKey);
    await keyring.#openGrants(json);
    return keyring;
  }

  get me(): MeInfo {
    return this.#me;
  }

  /** The epoch that new messages are sealed to. */
  get currentEpoch(): EpochInfo {
    return this.#epoch;
  }

  /** The program private key of an epoch, if this member holds it. Do not keep a copy. */
  programKey(epoch: number): Uint8Array | undefined {
    return this.#programKeys.get(epoch);
  }

  /** The epochs whose program key this member holds, newest first. */
  get heldEpochs(): number[] {
    return [...this.#programKeys.keys()].sort((a, b) => b - a);
  }

  /** Whether the member can read current conversations (and give the key to others). */
  get holdsCurrentKey(): boolean {
    return this.#programKeys.has(this.#epoch.number);
  }

  get wiped(): boolean {
    return this.#personalKey === null;
  }

  /** Fetches the member again and opens grants given since the unlock (no passphrase needed). */
  async refresh(): Promise<void> {
    if (this.#personalKey === null) throw new SessionError("not_signed_in");
    const json = await apiRequest<MeJson>("me");
    if (json.id !== this.#me.id) throw new SessionError("not_signed_in");
    this.#me = meInfo(json);
    if (json.current_epoch !== null) this.#epoch = epochInfo(json.current_epoch);
    await this.#openGrants(json);
  }

  /** The personal key wrapped under another wrap key (a new passphrase's); nothing else changes. */
  async rewrap(wrapKey: Uint8Array): Promise<Bytes> {
    if (this.#personalKey === null) throw new SessionError("not_signed_in");
    return wrapPrivateKey(wrapKey, this.#personalKey, wrapAad(this.#me.id));
  }

  /**
   * The public key to seal to for the current epoch, derived from the program
   * private key this member holds, after checking that it is the one the
   * server sent: a server that slipped in another epoch key would otherwise
   * receive texts sealed to a key of its own.
   */
  async sealingKey(): Promise<EpochInfo> {
    const key = this.#programKeys.get(this.#epoch.number);
    if (key === undefined) throw new SessionError("no_program_key");
    const derived = await publicFromPrivate(key);
    if (b64e(derived) !== b64e(this.#epoch.publicKey)) throw new SessionError("epoch_key_mismatch");
    return { number: this.#epoch.number, publicKey: derived };
  }

  /** Overwrites every key byte and forgets them; the page must unlock again. */
  wipe(): void {
    this.#personalKey?.fill(0);
    this.#personalKey = null;
    for (const key of this.#programKeys.values()) key.fill(0);
    this.#programKeys.clear();
  }

  async #openGrants(json: MeJson): Promise<void> {
    const personalKey = this.#personalKey;
    if (personalKey === null) return;
    for (const grant of json.grants) {
      if (this.#programKeys.has(grant.epoch)) continue;
      try {
        const info = grantInfo(this.#me.program.id, grant.epoch, this.#me.id);
        const key = await openSealed(personalKey, b64d(grant.sealed_key), info);
        // A grant whose key is not the epoch's key would seal replies to
        // nobody; better to hold nothing than a wrong key.
        if (b64e(await publicFromPrivate(key)) === grant.public_key) {
          this.#programKeys.set(grant.epoch, key);
        } else {
          key.fill(0);
        }
      } catch {
        // A grant that does not open is someone else's mistake, not a reason to lock out.
      }
    }
  }
}

function epochInfo(json: { number: number; public_key: string }): EpochInfo {
  return { number: json.number, publicKey: b64d(json.public_key) };
}

// -- sign-in, unlock, sign-out ---------------------------------------------------

async function stretch(passphrase: string, salt: string, params: unknown): Promise<{ loginSecret: Bytes; wrapKey: Bytes }> {
  let kdf;
  try {
    kdf = kdfParamsFromDict(params);
  } catch {
    throw new SessionError("weak_kdf");
  }
  // The server chooses the parameters; one that lowered them could make
  // guessing the passphrase from the login secret cheap.
  if (!isStrongEnough(kdf)) throw new SessionError("weak_kdf");
  if (!globalThis.crypto?.subtle) throw new SessionError("no_webcrypto");
  const master = await deriveMaster(passphrase, b64d(salt), kdf);
  try {
    return await splitMaster(master);
  } finally {
    master.fill(0);
  }
}

/**
 * Signs in with both factors and unlocks the keys.
 *
 * `askSecondFactor` is called for each TOTP code, with the previous attempt's
 * error code after a wrong one; reject its promise to give up.
 */
export async function signIn(email: string, passphrase: string, askSecondFactor: AskSecondFactor): Promise<Keyring> {
  const pre = await apiRequest<{ salt: string; kdf: unknown }>("prelogin", { email });
  const { loginSecret, wrapKey } = await stretch(passphrase, pre.salt, pre.kdf);
  try {
    const step = await apiRequest<{ next: string; methods?: string[] }>("login", {
      email,
      login_secret: b64e(loginSecret),
    });
    if (step.next === "second_factor") await secondFactor(askSecondFactor, step.methods ?? ["totp"]);
    const me = await apiRequest<MeJson>("me");
    return await Keyring.open(me, wrapKey);
  } finally {
    loginSecret.fill(0);
    wrapKey.fill(0);
  }
}

// Answers after which the member may simply try again.
const RETRYABLE = new Set(["invalid_code", "invalid_recovery_code", "passkey_not_verified", "passkey_unavailable"]);

async function secondFactor(ask: AskSecondFactor, methods: string[]): Promise<void> {
  let previous: string | undefined;
  for (let attempt = 0; attempt < SECOND_FACTOR_TRIES; attempt++) {
    const answer = await ask(previous, methods);
    const choice: SecondFactorChoice = typeof answer === "string" ? { kind: "totp", code: answer } : answer;
    try {
      if (choice.kind === "passkey") await passkeyStep();
      else if (choice.kind === "recovery") await apiRequest("second-factor", { recovery_code: choice.code });
      else await apiRequest("second-factor", { code: choice.code });
      return;
    } catch (error) {
      if (!(error instanceof SessionError)) throw error;
      if (error.code === "second_factor_locked") {
        // Codes from the app are refused from now on; the other ways remain.
        methods = methods.filter((m) => m !== "totp");
      } else if (!RETRYABLE.has(error.code)) {
        throw error;
      }
      previous = error.code;
    }
  }
  throw new SessionError(previous ?? "invalid_code");
}

async function passkeyStep(): Promise<void> {
  const options = await apiRequest<PublicKeyRequestJson>("second-factor/passkey/options", {});
  const credential = await getPasskey(options);
  await apiRequest("second-factor/passkey", { credential });
}

// -- passkeys (WebAuthn) -----------------------------------------------------------

interface DescriptorJson {
  id: string;
  type: string;
  transports?: string[];
}

export interface PublicKeyRequestJson {
  challenge: string;
  timeout?: number;
  rpId?: string;
  allowCredentials?: DescriptorJson[];
  userVerification?: UserVerificationRequirement;
}

export interface PublicKeyCreationJson {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: string; alg: number }[];
  timeout?: number;
  excludeCredentials?: DescriptorJson[];
  authenticatorSelection?: AuthenticatorSelectionCriteria;
  attestation?: AttestationConveyancePreference;
}

function descriptors(list: DescriptorJson[] | undefined): PublicKeyCredentialDescriptor[] {
  return (list ?? []).map((d) => ({
    id: b64d(d.id),
    type: "public-key",
    ...(d.transports ? { transports: d.transports as AuthenticatorTransport[] } : {}),
  }));
}

function passkeysAvailable(): boolean {
  return typeof navigator.credentials?.create === "function" && typeof window.PublicKeyCredential === "function";
}

function bytesOf(buffer: ArrayBuffer): Bytes {
  return new Uint8Array(buffer) as Bytes;
}

/** `navigator.credentials.get` for the server's options; the answer in the JSON py_webauthn reads. */
export async function getPasskey(options: PublicKeyRequestJson): Promise<Record<string, unknown>> {
  if (!passkeysAvailable()) throw new SessionError("passkey_unavailable");
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({
      publicKey: {
        challenge: b64d(options.challenge),
        allowCredentials: descriptors(options.allowCredentials),
        ...(options.rpId ? { rpId: options.rpId } : {}),
        ...(options.timeout ? { timeout: options.timeout } : {}),
        ...(options.userVerification ? { userVerification: options.userVerification } : {}),
      },
    });
  } catch {
    throw new SessionError("passkey_not_verified");
  }
  if (!(credential instanceof PublicKeyCredential)) throw new SessionError("passkey_not_verified");
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: b64e(bytesOf(credential.rawId)),
    type: credential.type,
    response: {
      clientDataJSON: b64e(bytesOf(response.clientDataJSON)),
      authenticatorData: b64e(bytesOf(response.authenticatorData)),
      signature: b64e(bytesOf(response.signature)),
      userHandle: response.userHandle ? b64e(bytesOf(response.userHandle)) : null,
    },
    clientExtensionResults: {},
  };
}

/** `navigator.credentials.create` for the server's options; the answer in the JSON py_webauthn reads. */
export async function createPasskey(options: PublicKeyCreationJson): Promise<Record<string, unknown>> {
  if (!passkeysAvailable()) throw new SessionError("passkey_unavailable");
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.create({
      publicKey: {
        challenge: b64d(options.challenge),
        rp: options.rp,
        user: { id: b64d(options.user.id), name: options.user.name, displayName: options.user.displayName },
        pubKeyCredParams: options.pubKeyCredParams.map((p) => ({ type: "public-key", alg: p.alg })),
        excludeCredentials: descriptors(options.excludeCredentials),
        ...(options.timeout ? { timeout: options.timeout } : {}),
        ...(options.authenticatorSelection ? { authenticatorSelection: options.authenticatorSelection } : {}),
        ...(options.attestation ? { attestation: options.attestation } : {}),
      },
    });
  } catch {
    throw new SessionError("passkey_not_verified");
  }
  if (!(credential instanceof PublicKeyCredential)) throw new SessionError("passkey_not_verified");
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: b64e(bytesOf(credential.rawId)),
    type: credential.type,
    response: {
      clientDataJSON: b64e(bytesOf(response.clientDataJSON)),
      attestationObject: b64e(bytesOf(response.attestationObject)),
      transports: typeof response.getTransports === "function" ? response.getTransports() : [],
    },
    clientExtensionResults: {},
  };
}

// -- the member's own account --------------------------------------------------------

/**
 * A new passphrase for a signed-in member: the current one proves it is her,
 * the same personal key is wrapped again under the new one with a fresh
 * salt, and the server gets the new login secret. Her other sessions end.
 */
export async function changePassphrase(keyring: Keyring, current: string, next: string): Promise<void> {
  const me = await apiRequest<MeJson>("me");
  const old = await stretch(current, me.kdf.salt, me.kdf.params);
  old.wrapKey.fill(0);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_SIZE)) as Bytes;
  const params = kdfParamsFromDict(me.kdf.params);
  const fresh = await stretch(next, b64e(salt), me.kdf.params);
  try {
    const wrapped = await keyring.rewrap(fresh.wrapKey);
    await apiRequest("account/passphrase", {
      old_login_secret: b64e(old.loginSecret),
      salt: b64e(salt),
      kdf: kdfParamsToDict(params),
      login_secret: b64e(fresh.loginSecret),
      wrapped_private_key: b64e(wrapped),
    });
  } finally {
    old.loginSecret.fill(0);
    fresh.loginSecret.fill(0);
    fresh.wrapKey.fill(0);
  }
}

/** For a page whose session is signed in (a reload, a new tab, after an idle lock). */
export async function unlock(passphrase: string): Promise<Keyring> {
  const me = await apiRequest<MeJson>("me");
  const { loginSecret, wrapKey } = await stretch(passphrase, me.kdf.salt, me.kdf.params);
  loginSecret.fill(0);
  try {
    return await Keyring.open(me, wrapKey);
  } finally {
    wrapKey.fill(0);
  }
}

/** Whether this page's session is signed in (so `unlock` rather than `signIn`). */
export async function isSignedIn(): Promise<boolean> {
  try {
    await apiRequest("me");
    return true;
  } catch (error) {
    if (error instanceof SessionError && error.status === 401) return false;
    throw error;
  }
}

/** Ends the session; also wipes `keyring` when given. */
export async function signOut(keyring?: Keyring): Promise<void> {
  keyring?.wipe();
  await apiRequest("logout", {});
}

/** Saves the member's language; the page should reload its texts afterwards. */
export async function setLanguage(language: string): Promise<void> {
  await apiRequest("language", { language });
}

/** The member's own fingerprint, to read aloud to the admin who grants them the key. */
export async function ownFingerprint(keyring: Keyring): Promise<string> {
  return fingerprint(keyring.me.publicKey);
}
