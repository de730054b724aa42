// Letters compared loosely: no case, no accents, no letters held down
// (havre/triage/letters.py). Strings are read by code point, as Python does.

import { LIGATURES } from "./tables";

const MARK = /[\p{Mn}\p{Me}]/u;
// What Python's casefold does beyond lower case, for the letters a text here may hold.
const CASEFOLD: ReadonlyMap<string, string> = new Map([
  ["ς", "σ"],
  ["ſ", "s"],
  ["ẞ", "ss"],
]);

export const isAlnum = (ch: string): boolean => /^[\p{L}\p{N}]$/u.test(ch);
export const isAlpha = (ch: string): boolean => /^\p{L}$/u.test(ch);
export const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);
export const isSpace = (ch: string): boolean => /^\s$/u.test(ch);
export const allDigits = (text: string): boolean => /^\p{Nd}+$/u.test(text);
export const allAlpha = (text: string): boolean => /^\p{L}+$/u.test(text);
export const chars = (text: string): string[] => Array.from(text);

/** Lower case, without accents, ligatures spelt out: "Œuvre Là" -> "oeuvre la". */
export function fold(text: string): string {
  let lowered = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const folded = CASEFOLD.get(ch) ?? ch;
    lowered += LIGATURES.get(folded) ?? folded;
  }
  let out = "";
  for (const ch of lowered.normalize("NFKD")) if (!MARK.test(ch)) out += ch;
  return out;
}

const HELD = /([\p{L}\p{Nl}\p{No}])\1\1/u;

/** The word was typed with a letter held down: "pleeease", "killll". */
export function held(word: string): boolean {
  return HELD.test(word);
}

/** One letter for any run of the same letter: "killll" reads "kil", as "kill" does. */
export function squeeze(word: string): string {
  const out: string[] = [];
  for (const ch of word) {
    if (!(out.length > 0 && out[out.length - 1] === ch && isAlpha(ch))) out.push(ch);
  }
  return out.join("");
}
