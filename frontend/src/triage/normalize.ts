// Text to comparable tokens, the same way for a visitor's message and a
// lexicon term: a port of havre/triage/normalize.py, whose docstring says
// what each rule is for. The word tables come from tables.json.

import { allAlpha, allDigits, chars, fold, held, isAlnum, isDigit, isSpace, squeeze } from "./letters";
import {
  APOSTROPHES,
  AUXILIARY_TYPED,
  CLAUSE_ENDS,
  ELIDES_BEFORE,
  ELISIONS,
  J_CONTRACTED,
  N_T_STEMS,
  OPENERS,
  SENTENCE_ENDS,
  SINGLE_QUOTES,
  SMS,
  SMS_HELD,
  SPACED_ELISIONS,
  SUBJECTS_BEFORE_ME,
  SUFFIXES,
} from "./tables";

export type Kind = "word" | "number" | "emoji" | "any_number" | "many_number" | "prefix";

export interface Token {
  readonly text: string;
  readonly kind: Kind;
  readonly sentence: number;
  readonly clause: number;
  readonly quote: number; // 0 outside quotation marks, else the number of the quote
  readonly held: boolean; // typed with a letter held down: `text` is squeezed
}

const SYMBOL = /^\p{So}$/u;

/** Opening index -> closing index of each matched pair of quotation marks. */
export function quoteSpans(text: readonly string[]): Map<number, number> {
  const spans = new Map<number, number>();
  const stack: [string, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const before = i > 0 ? text[i - 1]! : " ";
    const after = i + 1 < text.length ? text[i + 1]! : " ";
    if (APOSTROPHES.has(ch) && isAlnum(before) && isAlnum(after)) continue;
    // An apostrophe just after a French elided word standing alone ("t' es morte") closes no quote.
    if (APOSTROPHES.has(ch) && afterElided(text, i)) continue;
    const single = SINGLE_QUOTES.has(ch);
    const top = stack[stack.length - 1];
    if (top !== undefined && OPENERS.get(top[0]) === ch && !(single && isSpace(before))) {
      stack.pop();
      spans.set(top[1], i);
    } else if (OPENERS.has(ch) && !(single && !isAlnum(after))) {
      stack.push([ch, i]);
    }
  }
  return spans;
}

/** Whether text[i] follows a French elided word that stands alone ("t'", "qu'"). */
function afterElided(text: readonly string[], i: number): boolean {
  for (const length of [1, 2]) {
    const start = i - length;
    if (start < 0) return false;
    if (start > 0 && isAlnum(text[start - 1]!)) continue;
    if (SPACED_ELISIONS.has(text.slice(start, i).join("").toLowerCase())) return true;
  }
  return false;
}

class Builder {
  readonly tokens: Token[] = [];
  sentence = 0;
  clause = 0;
  readonly quotes: number[] = [0];

  emit(text: string, kind: Kind, isHeld = false): void {
    let previous = this.tokens[this.tokens.length - 1];
    const quote = this.quotes[this.quotes.length - 1]!;
    const elided = previous === undefined ? undefined : ELISIONS.get(previous.text);
    if (
      previous !== undefined &&
      elided !== undefined &&
      previous.kind === "word" &&
      SPACED_ELISIONS.has(previous.text) &&
      previous.clause === this.clause &&
      kind === "word" &&
      ELIDES_BEFORE.has(text.slice(0, 1)) &&
      !this.englishContraction(previous.text)
    ) {
      // "il m a" is "il m'a": the lone letter was an elided word
      this.tokens.pop();
      for (const part of elided) {
        this.tokens.push({ ...previous, text: part, kind: "word", held: false });
      }
      previous = this.tokens[this.tokens.length - 1];
    }
    const auxiliary = AUXILIARY_TYPED.get(text);
    if (
      auxiliary !== undefined &&
      previous !== undefined &&
      SUBJECTS_BEFORE_ME.has(previous.text) &&
      previous.clause === this.clause
    ) {
      // "il ma frappée" is "il m'a frappée": "ma" after a subject is not "my"
      for (const part of auxiliary) {
        this.tokens.push({ text: part, kind, sentence: this.sentence, clause: this.clause, quote, held: false });
      }
      return;
    }
    this.tokens.push({ text, kind, sentence: this.sentence, clause: this.clause, quote, held: isHeld });
  }

  private englishContraction(letter: string): boolean {
    const before = this.tokens.length > 1 ? this.tokens[this.tokens.length - 2]!.text : "";
    return (letter === "t" && before.endsWith("n")) || (letter === "m" && before === "i");
  }

  emitWord(word: string, kind: Kind = "word"): void {
    if (held(word)) this.emit(squeeze(word), kind, true);
    else this.emit(word, kind);
  }

  emitWords(parts: readonly string[]): void {
    for (const part of parts) this.emit(part, "word");
  }

  /** A run of letters and digits as it stood between separators. */
  run(raw: string): void {
    const sms = SMS.get(raw);
    if (sms !== undefined) {
      this.emitWords(sms);
      return;
    }
    if (held(raw)) {
      const heldSms = SMS_HELD.get(squeeze(raw));
      if (heldSms !== undefined) {
        this.emitWords(heldSms);
        return;
      }
    }
    if (J_CONTRACTED.test(raw)) {
      // French SMS drops the "e" of "je" before a consonant: "jsuis", "jvoudrais"
      this.emit("je", "word");
      this.run(raw.slice(1));
      return;
    }
    // "800mg" -> "800" "mg"
    for (const part of raw.match(/\p{Nd}+|\P{Nd}+/gu) ?? []) {
      if (allDigits(part)) this.emit(part, "number");
      else this.emitWord(part);
    }
  }

  /** A word with apostrophes inside: "j'ai", "don't", "aujourd'hui". */
  apostropheRun(parts: readonly string[]): void {
    let current = parts[0]!;
    for (const right of parts.slice(1)) {
      const elision = ELISIONS.get(current);
      const suffix = SUFFIXES.get(right);
      if (elision !== undefined) {
        this.emitWords(elision);
        current = right;
      } else if (suffix !== undefined) {
        this.run(current);
        this.emitWords(suffix);
        current = "";
      } else if (right === "t" && current.endsWith("n") && chars(current).length > 1) {
        this.emitWord(N_T_STEMS.get(current) ?? current.slice(0, -1));
        this.emit("not", "word");
        current = "";
      } else {
        current += right;
      }
    }
    if (current !== "") this.run(current);
  }
}

/** The tokens of `text`. With `pattern` (a lexicon term), "#" stands for any
 * number, "##" for a number of 10 or more, and a word ending in "*" for any
 * word it begins. */
export function tokenize(input: string, pattern = false): Token[] {
  const text = chars(fold(input));
  const spans = quoteSpans(text);
  const closings = new Set(spans.values());
  const build = new Builder();
  let quoteCount = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (spans.has(i)) {
      quoteCount += 1;
      build.quotes.push(quoteCount);
      i += 1;
    } else if (closings.has(i)) {
      build.quotes.pop();
      i += 1;
    } else if (isAlnum(ch)) {
      i = readRun(text, i, build, spans, pattern);
    } else {
      if (pattern && ch === "#") {
        if (text[i + 1] === "#") {
          build.emit("##", "many_number");
          i += 1;
        } else {
          build.emit("#", "any_number");
        }
      } else if (ch === "." && text[i + 1] === ".") {
        // An ellipsis is a pause ("I just... want to die"), not a full stop.
        build.clause += 1;
        while (i + 1 < n && text[i + 1] === ".") i += 1;
      } else if (SENTENCE_ENDS.has(ch)) {
        build.sentence += 1;
        build.clause += 1;
      } else if (CLAUSE_ENDS.has(ch) || (ch === "-" && (i === 0 || isSpace(text[i - 1]!)))) {
        build.clause += 1;
      } else if (SYMBOL.test(ch)) {
        build.emit(ch, "emoji");
      }
      i += 1;
    }
  }
  return build.tokens;
}

/** Reads the word starting at `i`; returns where the next one may start. */
function readRun(text: readonly string[], i: number, build: Builder, spans: Map<number, number>, pattern: boolean): number {
  const n = text.length;
  const parts = [""];
  let j = i;
  while (j < n) {
    const c = text[j]!;
    const next = j + 1 < n ? text[j + 1]! : " ";
    const last = parts.length - 1;
    if (isAlnum(c)) {
      parts[last] += c;
    } else if (APOSTROPHES.has(c) && isAlnum(next) && !spans.has(j)) {
      parts.push("");
    } else if ((c === "." || c === ",") && allDigits(parts[last]!) && isDigit(next)) {
      // 1,000 or 1.5 is one number
    } else {
      break;
    }
    j += 1;
  }
  if (pattern && j < n && text[j] === "*" && parts.length === 1 && allAlpha(parts[0]!)) {
    build.emitWord(parts[0]!, "prefix");
    return j + 1;
  }
  if (parts.length > 1) build.apostropheRun(parts);
  else build.run(parts[0]!);
  return j;
}
