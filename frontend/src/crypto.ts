// Havre's key and ciphertext formats in the browser.
//
// This is the mirror of havre/vault/formats.py, which documents the formats;
// havre/vault/vectors.json pins their bytes for both. Everything is async and
// takes and returns Uint8Array; keys are raw 32-byte X25519 keys.

import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256 as NativeDhkemX25519, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256, HkdfSha256 as KemHkdf, X25519 } from "@hpke/dhkem-x25519";
import { argon2id } from "hash-wasm";

export const VERSION = "havre/v1";
export const KEY_SIZE = 32;
export const ENC_SIZE = 32;
export const TAG_SIZE = 16;
export const NONCE_SIZE = 12;
export const SALT_MIN_SIZE = 16;
// "visitor": a web chat message sealed to the visitor's own key, for her page.
export const MESSAGE_FIELDS = ["in", "out", "number", "note", "visitor"] as const;
export const RECOVERY_FORMAT = "havre-recovery-key";

export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type Bytes = Uint8Array<ArrayBuffer>;

const LENGTH_PREFIX = 4;
const BUCKETS = [64, 128, 256, 512, 1024, 2048, 4096];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64_RE = /^[A-Za-z0-9_-]*$/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const x25519 = new X25519(new KemHkdf());

// The KEM's X25519 is the browser's own where it has one (Chromium, Firefox,
// Safari 17 and later): it runs off the main thread, where the JavaScript one
// costs about a millisecond of it per message. The bytes are the same either way.
type Kem = NativeDhkemX25519 | DhkemX25519HkdfSha256;
interface Hpke {
  kem: Kem;
  suite: CipherSuite;
}
let hpke: Promise<Hpke> | null = null;

function hpkeWith(kem: Kem): Hpke {
  return { kem, suite: new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() }) };
}

async function chooseHpke(): Promise<Hpke> {
  try {
    await subtle().generateKey({ name: "X25519" }, false, ["deriveBits"]);
    return hpkeWith(new NativeDhkemX25519());
  } catch {
    return hpkeWith(new DhkemX25519HkdfSha256());
  }
}

function current(): Promise<Hpke> {
  hpke ??= chooseHpke();
  return hpke;
}

/** Which X25519 the KEM uses: the browser's own ("native") or the JavaScript one. */
export async function x25519Kind(): Promise<"native" | "javascript"> {
  return (await current()).kem instanceof NativeDhkemX25519 ? "native" : "javascript";
}

/** Uses the JavaScript X25519 even where the browser has its own (both are tested). */
export function useJavaScriptX25519(): void {
  hpke = Promise.resolve(hpkeWith(new DhkemX25519HkdfSha256()));
}
const encoder = new TextEncoder();

/** Malformed input, or a ciphertext that does not open. Deliberately terse. */
export class FormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FormatError";
  }
}

function subtle(): SubtleCrypto {
  // Only secure contexts (https, or http on 127.0.0.1/localhost) have it.
  if (!globalThis.crypto?.subtle) {
    throw new FormatError("WebCrypto is unavailable: the page must be served over https");
  }
  return globalThis.crypto.subtle;
}

function utf8(text: string): Bytes {
  // TextEncoder would silently replace a lone surrogate, where Python refuses it.
  if (LONE_SURROGATE_RE.test(text)) throw new FormatError("text is not valid Unicode");
  return encoder.encode(text) as Bytes;
}

function bytes(data: ArrayBuffer | Uint8Array): Bytes {
  // WebCrypto's types want a view over a plain ArrayBuffer; a view given here
  // is copied, so that the callee never shares memory with the caller.
  return new Uint8Array(data) as Bytes;
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function checkSize(data: Uint8Array, size: number, what: string): void {
  if (!(data instanceof Uint8Array) || data.length !== size) {
    throw new FormatError(`${what} is ${size} bytes`);
  }
}

// -- text encodings ----------------------------------------------------------

/** Base64url without padding. */
export function b64e(data: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Strict inverse of b64e: no padding, no whitespace, canonical last character. */
export function b64d(text: string): Bytes {
  if (typeof text !== "string" || !B64_RE.test(text) || text.length % 4 === 1) {
    throw new FormatError("not base64url");
  }
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  if (b64e(out) !== text) throw new FormatError("not base64url");
  return out;
}

// -- info strings ------------------------------------------------------------

/** The HPKE info (or AEAD associated data) for a context: `havre/v1|a|b...`. */
export function info(...parts: string[]): Bytes {
  for (const part of parts) {
    if (typeof part !== "string" || part.includes("|")) {
      throw new FormatError("info parts are strings without '|'");
    }
  }
  return utf8(VERSION + parts.map((p) => "|" + p).join(""));
}

function uuid(value: string): string {
  if (typeof value !== "string" || !UUID_RE.test(value)) {
    throw new FormatError("ids are lowercase hyphenated UUIDs");
  }
  return value;
}

/** Info for one encrypted field of one message row. */
export function messageInfo(
  programId: string,
  conversationId: string,
  messageId: string,
  field: MessageField,
): Bytes {
  if (!(MESSAGE_FIELDS as readonly string[]).includes(field)) {
    throw new FormatError(`field must be one of ${MESSAGE_FIELDS.join(", ")}`);
  }
  return info("message", uuid(programId), uuid(conversationId), uuid(messageId), field);
}

/** Info for the program private key of one epoch sealed to one member. */
export function grantInfo(programId: string, epoch: number, userId: string): Bytes {
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new FormatError("epoch is a non-negative integer");
  }
  return info("grant", uuid(programId), String(epoch), uuid(userId));
}

/** Associated data for a member's wrapped private key. */
export function wrapAad(userId: string): Bytes {
  return info("wrap", uuid(userId));
}

// -- padding -----------------------------------------------------------------

/** Size of the padded form of a plaintext of `length` bytes. */
export function paddedSize(length: number): number {
  const needed = LENGTH_PREFIX + length;
  for (const bucket of BUCKETS) {
    if (needed <= bucket) return bucket;
  }
  return Math.ceil(needed / 4096) * 4096;
}

export function pad(plaintext: Uint8Array): Bytes {
  if (plaintext.length >= 2 ** 32) throw new FormatError("plaintext too long");
  const out = new Uint8Array(paddedSize(plaintext.length));
  new DataView(out.buffer).setUint32(0, plaintext.length, false);
  out.set(plaintext, LENGTH_PREFIX);
  return out;
}

/** Inverse of pad; only the exact padded form that pad makes is accepted. */
export function unpad(padded: Uint8Array): Bytes {
  if (padded.length < LENGTH_PREFIX) throw new FormatError("bad padding");
  const length = new DataView(padded.buffer, padded.byteOffset, padded.length).getUint32(0, false);
  const end = LENGTH_PREFIX + length;
  if (end > padded.length || padded.length !== paddedSize(length)) {
    throw new FormatError("bad padding");
  }
  if (padded.subarray(end).some((b) => b !== 0)) throw new FormatError("bad padding");
  return padded.slice(LENGTH_PREFIX, end);
}

// -- HPKE --------------------------------------------------------------------

export interface Keypair {
  privateKey: Bytes;
  publicKey: Bytes;
}

/** A fresh X25519 key pair, raw. */
export async function generateKeypair(): Promise<Keypair> {
  const { kem } = await current();
  const pair = await kem.generateKeyPair();
  return {
    privateKey: bytes(await kem.serializePrivateKey(pair.privateKey)),
    publicKey: bytes(await kem.serializePublicKey(pair.publicKey)),
  };
}

export async function publicFromPrivate(privateKey: Uint8Array): Promise<Bytes> {
  checkSize(privateKey, KEY_SIZE, "an X25519 private key");
  const key = await x25519.deserializePrivateKey(bytes(privateKey));
  return bytes(await x25519.serializePublicKey(await x25519.derivePublicKey(key)));
}

/** Pad `plaintext` and HPKE-encrypt it to `publicKey`: `enc || ct`. */
export async function seal(publicKey: Uint8Array, plaintext: Uint8Array, info: Uint8Array): Promise<Bytes> {
  checkSize(publicKey, KEY_SIZE, "an X25519 public key");
  try {
    const { kem, suite } = await current();
    const recipientPublicKey = await kem.deserializePublicKey(bytes(publicKey));
    const { enc, ct } = await suite.seal({ recipientPublicKey, info: bytes(info) }, pad(plaintext));
    return concat(new Uint8Array(enc), new Uint8Array(ct));
  } catch (error) {
    throw new FormatError("cannot seal to this key", { cause: error });
  }
}

/** Inverse of seal; throws FormatError for any wrong key, info or byte. */
export async function openSealed(privateKey: Uint8Array, sealed: Uint8Array, info: Uint8Array): Promise<Bytes> {
  checkSize(privateKey, KEY_SIZE, "an X25519 private key");
  if (sealed.length < ENC_SIZE + BUCKETS[0]! + TAG_SIZE) throw new FormatError("cannot open");
  let padded: Uint8Array;
  try {
    const { kem, suite } = await current();
    const recipientKey = await kem.deserializePrivateKey(bytes(privateKey));
    padded = new Uint8Array(
      await suite.open(
        { recipientKey, enc: bytes(sealed.subarray(0, ENC_SIZE)), info: bytes(info) },
        bytes(sealed.subarray(ENC_SIZE)),
      ),
    );
  } catch (error) {
    throw new FormatError("cannot open", { cause: error });
  }
  return unpad(padded);
}

// -- staff password derivation and key wrapping ---------------------------------

/** Argon2id cost, stored per member (same names as the Python dict form). */
export interface KdfParams {
  timeCost: number;
  memoryKib: number;
  parallelism: number;
}

export const DEFAULT_KDF_PARAMS: Readonly<KdfParams> = Object.freeze({
  timeCost: 3,
  memoryKib: 65536,
  parallelism: 1,
});

// Below this, refuse to derive at sign-in: a server that lowered a member's
// parameters would otherwise make offline guessing of the login secret cheap.
export const MINIMUM_KDF_PARAMS: Readonly<KdfParams> = Object.freeze({
  timeCost: 2,
  memoryKib: 19456,
  parallelism: 1,
});

/** Throws FormatError unless the parameters are usable by Argon2id. */
export function checkKdfParams(params: KdfParams): KdfParams {
  const values = [params.timeCost, params.memoryKib, params.parallelism];
  if (!values.every((v) => Number.isSafeInteger(v) && v >= 1)) {
    throw new FormatError("Argon2 parameters are positive integers");
  }
  if (params.memoryKib < 8 * params.parallelism) {
    throw new FormatError("Argon2 needs at least 8 KiB per lane");
  }
  return params;
}

/** Reads the `{algorithm, time_cost, memory_kib, parallelism}` form the server stores. */
export function kdfParamsFromDict(data: unknown): KdfParams {
  const names = ["algorithm", "memory_kib", "parallelism", "time_cost"];
  if (typeof data !== "object" || data === null) throw new FormatError("unexpected KDF parameters");
  const record = data as Record<string, unknown>;
  if (Object.keys(record).sort().join() !== names.join()) {
    throw new FormatError("unexpected KDF parameter names");
  }
  if (record.algorithm !== "argon2id") throw new FormatError("unknown KDF");
  return checkKdfParams({
    timeCost: record.time_cost as number,
    memoryKib: record.memory_kib as number,
    parallelism: record.parallelism as number,
  });
}

export function kdfParamsToDict(params: KdfParams): Record<string, string | number> {
  checkKdfParams(params);
  return {
    algorithm: "argon2id",
    time_cost: params.timeCost,
    memory_kib: params.memoryKib,
    parallelism: params.parallelism,
  };
}

export function isStrongEnough(params: KdfParams): boolean {
  return params.timeCost >= MINIMUM_KDF_PARAMS.timeCost && params.memoryKib >= MINIMUM_KDF_PARAMS.memoryKib;
}

/** Argon2id (version 19) of the NFC-normalised UTF-8 password: 32 bytes. */
export async function deriveMaster(password: string, salt: Uint8Array, params: KdfParams): Promise<Bytes> {
  checkKdfParams(params);
  if (salt.length < SALT_MIN_SIZE) throw new FormatError("salts are at least 16 bytes");
  // NFC, so that "é" typed as one or two code points unlocks the same key.
  const master = await argon2id({
    password: utf8(password.normalize("NFC")),
    salt,
    iterations: params.timeCost,
    memorySize: params.memoryKib,
    parallelism: params.parallelism,
    hashLength: KEY_SIZE,
    outputType: "binary",
  });
  return bytes(master);
}

async function hkdf(keyMaterial: Uint8Array, label: Uint8Array): Promise<Bytes> {
  const key = await subtle().importKey("raw", bytes(keyMaterial), "HKDF", false, ["deriveBits"]);
  const bits = await subtle().deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: bytes(label) },
    key,
    KEY_SIZE * 8,
  );
  return bytes(bits);
}

/** The login secret (sent to the server) and the wrap key (never sent). */
export async function splitMaster(master: Uint8Array): Promise<{ loginSecret: Bytes; wrapKey: Bytes }> {
  checkSize(master, KEY_SIZE, "a master key");
  return {
    loginSecret: await hkdf(master, info("login")),
    wrapKey: await hkdf(master, info("wrap")),
  };
}

async function aesKey(raw: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  checkSize(raw, KEY_SIZE, "an AES-256 key");
  return subtle().importKey("raw", bytes(raw), "AES-GCM", false, [usage]);
}

/** AES-256-GCM `nonce || ct` of a raw private key; `aad` is wrapAad(userId). */
export async function wrapPrivateKey(wrapKey: Uint8Array, privateKey: Uint8Array, aad: Uint8Array): Promise<Bytes> {
  checkSize(privateKey, KEY_SIZE, "an X25519 private key");
  const key = await aesKey(wrapKey, "encrypt");
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_SIZE));
  const ct = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: bytes(aad) }, key, bytes(privateKey));
  return concat(iv, new Uint8Array(ct));
}

export async function unwrapPrivateKey(wrapKey: Uint8Array, wrapped: Uint8Array, aad: Uint8Array): Promise<Bytes> {
  const key = await aesKey(wrapKey, "decrypt");
  if (wrapped.length < NONCE_SIZE + TAG_SIZE) throw new FormatError("cannot open");
  let privateKey: Bytes;
  try {
    privateKey = bytes(
      await subtle().decrypt(
        { name: "AES-GCM", iv: bytes(wrapped.subarray(0, NONCE_SIZE)), additionalData: bytes(aad) },
        key,
        bytes(wrapped.subarray(NONCE_SIZE)),
      ),
    );
  } catch (error) {
    throw new FormatError("cannot open", { cause: error });
  }
  checkSize(privateKey, KEY_SIZE, "an X25519 private key");
  return privateKey;
}

/** What two people read aloud to compare keys: `abcd ef01 2345 6789 abcd`. */
export async function fingerprint(publicKey: Uint8Array): Promise<string> {
  checkSize(publicKey, KEY_SIZE, "an X25519 public key");
  const digest = new Uint8Array(await subtle().digest("SHA-256", bytes(publicKey)));
  const hex = Array.from(digest.subarray(0, 10), (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g)!.join(" ");
}

// -- recovery file -----------------------------------------------------------

/** The program private key as a file to print or keep offline (same text as Python's). */
export async function recoveryDocument(programId: string, privateKey: Uint8Array): Promise<string> {
  const document = {
    format: RECOVERY_FORMAT,
    version: 1,
    program: uuid(programId),
    public_key: b64e(await publicFromPrivate(privateKey)),
    private_key: b64e(privateKey),
  };
  return JSON.stringify(document, null, 2) + "\n";
}

/** Reads a recovery file, after checking that its two keys match. */
export async function parseRecoveryDocument(
  text: string,
): Promise<{ programId: string; privateKey: Bytes; publicKey: Bytes }> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FormatError("not a recovery document", { cause: error });
  }
  const doc = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
  const fields = [doc.program, doc.public_key, doc.private_key];
  if (doc.format !== RECOVERY_FORMAT || doc.version !== 1 || !fields.every((v) => typeof v === "string")) {
    throw new FormatError("not a recovery document");
  }
  const programId = uuid(doc.program as string);
  const privateKey = b64d(doc.private_key as string);
  const publicKey = b64d(doc.public_key as string);
  checkSize(publicKey, KEY_SIZE, "an X25519 public key");
  if (!equal(await publicFromPrivate(privateKey), publicKey)) {
    throw new FormatError("the recovery document's keys do not match");
  }
  return { programId, privateKey, publicKey };
}
