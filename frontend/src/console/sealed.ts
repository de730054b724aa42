// Staff-side secrets sealed in this page: the code word and block labels.
//
// Both are sealed to the program key with an info naming their row, as
// havre/vault/sealing.py defines (`code_word_info`, `block_label_info`), so
// the server stores only ciphertext that opens nowhere else. The code word
// is opened only to compare it with what the person says, and is never put
// on the page.

import { type Bytes, b64d, b64e, info, openSealed, seal } from "../crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export const CODE_WORD_MAX_CHARS = 60;
export const LABEL_MAX_CHARS = 200;

export function codeWordInfo(programId: string, conversationId: string): Bytes {
  return info("codeword", programId, conversationId);
}

export function blockLabelInfo(programId: string, blockId: string): Bytes {
  return info("block", programId, blockId);
}

/**
 * The form a code word is stored and compared in: accents, case, surrounding
 * and repeated spaces do not count, so "Éléphant  rose" matches "elephant rose".
 */
export function normaliseCodeWord(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(normaliseCodeWord(text))));
}

/**
 * Whether what the person says is the code word, after normalising both.
 * Compares digests in full, so the time taken does not depend on where they differ.
 */
export async function sameCodeWord(said: string, codeWord: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(said), digest(codeWord)]);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Seals `text` to the program key; base64url, as the API takes it. */
export async function sealText(publicKey: Uint8Array, text: string, context: Uint8Array): Promise<string> {
  return b64e(await seal(publicKey, encoder.encode(text), context));
}

/** Opens a sealed text, or null when it does not open with `privateKey`. */
export async function openText(privateKey: Uint8Array | undefined, sealed: string, context: Uint8Array): Promise<string | null> {
  if (privateKey === undefined) return null;
  try {
    return decoder.decode(await openSealed(privateKey, b64d(sealed), context));
  } catch {
    return null;
  }
}
