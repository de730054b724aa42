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
  openSealed,
  publicFromPrivate,
  splitMaster,
  unwrapPrivateKey,
  wrapAad,
} from "./crypto";

const API = "/accounts/api/";
const SECOND_FACTOR_TRIES = 5;

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
  program: { id: string; name: string; idleLockMinutes: number };
  publicKey: Bytes;
}

interface MeJson {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  language: string;
  program: { id: string; name: string; idle_lock_minutes: number };
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
    program: { id: json.program.id, name: json.program.name, idleLockMinutes: json.program.idle_lock_minutes },
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
export async function signIn(
  email: string,
  passphrase: string,
  askSecondFactor: (previousError?: string) => Promise<string>,
): Promise<Keyring> {
  const pre = await apiRequest<{ salt: string; kdf: unknown }>("prelogin", { email });
  const { loginSecret, wrapKey } = await stretch(passphrase, pre.salt, pre.kdf);
  try {
    const step = await apiRequest<{ next: string }>("login", { email, login_secret: b64e(loginSecret) });
    if (step.next === "second_factor") await secondFactor(askSecondFactor);
    const me = await apiRequest<MeJson>("me");
    return await Keyring.open(me, wrapKey);
  } finally {
    loginSecret.fill(0);
    wrapKey.fill(0);
  }
}

async function secondFactor(ask: (previousError?: string) => Promise<string>): Promise<void> {
  let previous: string | undefined;
  for (let attempt = 0; attempt < SECOND_FACTOR_TRIES; attempt++) {
    const code = await ask(previous);
    try {
      await apiRequest("second-factor", { code });
      return;
    } catch (error) {
      if (!(error instanceof SessionError) || error.code !== "invalid_code") throw error;
      previous = error.code;
    }
  }
  throw new SessionError("invalid_code");
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
