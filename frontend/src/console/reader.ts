// Opens and seals the console's ciphertexts with the member's keyring.
//
// Decrypted texts are cached by message id so that a re-render does not
// decrypt again; `wipe` forgets them with the keys (JavaScript strings cannot
// be overwritten, only dropped, and the page then removes them from the DOM).

import { b64d, b64e, info, messageInfo, openSealed, seal } from "../crypto";
import type { Keyring } from "../session";
import type { ConversationRow, MessageRow } from "./api";

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export class Reader {
  #keyring: Keyring | null;
  #texts = new Map<string, Promise<string | null>>();
  #numbers = new Map<string, Promise<string | null>>();

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  get keyring(): Keyring {
    if (this.#keyring === null || this.#keyring.wiped) throw new Error("locked");
    return this.#keyring;
  }

  get programId(): string {
    return this.keyring.me.program.id;
  }

  /** The text of a message, or null when this member holds no key that opens it. */
  text(conversationId: string, message: MessageRow): Promise<string | null> {
    let found = this.#texts.get(message.id);
    if (found === undefined) {
      const context = messageInfo(this.programId, conversationId, message.id, message.direction);
      found = this.#open(message.epoch, message.body_sealed, context);
      this.#texts.set(message.id, found);
    }
    return found;
  }

  /** The texter's number, or null when this member holds no key that opens it. */
  number(conversation: ConversationRow): Promise<string | null> {
    let found = this.#numbers.get(conversation.id);
    if (found === undefined) {
      const context = info("number", this.programId, conversation.id);
      found = this.#open(conversation.number_epoch, conversation.number_sealed, context);
      this.#numbers.set(conversation.id, found);
    }
    return found;
  }

  /** Seals a reply to the program's current epoch, as the server will store it. */
  async sealReply(conversationId: string, messageId: string, text: string): Promise<{ sealed: string; epoch: number }> {
    const epoch = await this.keyring.sealingKey();
    const context = messageInfo(this.programId, conversationId, messageId, "out");
    const sealed = await seal(epoch.publicKey, encoder.encode(text), context);
    return { sealed: b64e(sealed), epoch: epoch.number };
  }

  /** Seals a web chat reply to the visitor's own key, for her page to open. */
  async sealForVisitor(conversationId: string, messageId: string, text: string, publicKey: string): Promise<string> {
    const context = messageInfo(this.programId, conversationId, messageId, "visitor");
    return b64e(await seal(b64d(publicKey), encoder.encode(text), context));
  }

  /** The page wrote this text itself: no need to decrypt it again. */
  remember(messageId: string, text: string): void {
    this.#texts.set(messageId, Promise.resolve(text));
  }

  /** Fetches grants given since the unlock; texts that did not open may open now. */
  async refreshKeys(): Promise<void> {
    await this.keyring.refresh();
    this.#texts.clear();
    this.#numbers.clear();
  }

  wipe(): void {
    this.#texts.clear();
    this.#numbers.clear();
    this.#keyring?.wipe();
    this.#keyring = null;
  }

  async #open(epoch: number, sealed: string, context: Uint8Array): Promise<string | null> {
    const key = this.keyring.programKey(epoch);
    if (key === undefined) return null;
    try {
      return decoder.decode(await openSealed(key, b64d(sealed), context));
    } catch {
      return null;
    }
  }
}
