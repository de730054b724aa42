// Handoff notes, sealed here to the program key and opened here: the server
// stores only the ciphertext. The info binds a note to its program,
// conversation and id (havre/vault/sealing.py `note_info`), so a note
// cannot be moved to another conversation.

import { b64d, b64e, info, openSealed, seal } from "../crypto";
import type { Reader } from "./reader";
import type { NoteRow, SealedNote } from "./team-api";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function noteInfo(programId: string, conversationId: string, noteId: string): Uint8Array {
  return info("note", programId, conversationId, noteId);
}

export async function sealNote(reader: Reader, conversationId: string, text: string): Promise<SealedNote> {
  const id = crypto.randomUUID();
  const epoch = await reader.keyring.sealingKey();
  const sealed = await seal(epoch.publicKey, encoder.encode(text), noteInfo(reader.programId, conversationId, id));
  return { id, body_sealed: b64e(sealed), epoch: epoch.number };
}

/** The note's text, or null when this member holds no key that opens it. */
export async function openNote(reader: Reader, conversationId: string, note: NoteRow): Promise<string | null> {
  const key = reader.keyring.programKey(note.epoch);
  if (key === undefined) return null;
  try {
    const plain = await openSealed(key, b64d(note.body_sealed), noteInfo(reader.programId, conversationId, note.id));
    return decoder.decode(plain);
  } catch {
    return null;
  }
}
