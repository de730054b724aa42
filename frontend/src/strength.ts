// How hard a passphrase is to guess, measured in this browser with zxcvbn-ts
// and its English and French dictionaries. A bundle of its own
// (havre/static/havre/strength.js, exposing `HavreStrength`), loaded only by
// the pages that ask for a new passphrase: its dictionaries are large.
//
// The passphrase never leaves the page; nothing here sends anything.

import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";

export interface Strength {
  /** 0 (guessed at once) to 4 (more than 10^10 guesses). */
  score: number;
  /** Whether it clears Havre's floor (see `FLOOR`). */
  acceptable: boolean;
  /** zxcvbn's warning in the page's language, or "". */
  warning: string;
  suggestions: string[];
}

/**
 * The floor: zxcvbn's top score (an estimated 10^10 guesses or more), since
 * whoever copies the database can try guesses offline; and at least four
 * words or sixteen characters, the rule the page states.
 */
export const FLOOR = 4;
const MIN_WORDS = 4;
const MIN_CHARACTERS = 16;

const dictionary = { ...common.dictionary, ...en.dictionary, ...fr.dictionary };
const factories = new Map<string, ZxcvbnFactory>();

function factory(language: string): ZxcvbnFactory {
  let found = factories.get(language);
  if (found === undefined) {
    found = new ZxcvbnFactory({
      dictionary,
      graphs: common.adjacencyGraphs,
      translations: language === "fr" ? fr.translations : en.translations,
    });
    factories.set(language, found);
  }
  return found;
}

export function longEnough(passphrase: string): boolean {
  const words = passphrase.trim().split(/\s+/).filter(Boolean);
  return words.length >= MIN_WORDS || Array.from(passphrase).length >= MIN_CHARACTERS;
}

/** Measures `passphrase`; `personal` holds words to count as known (address, name, program). */
export function measure(passphrase: string, language: string, personal: string[] = []): Strength {
  if (passphrase === "") return { score: 0, acceptable: false, warning: "", suggestions: [] };
  const inputs = personal.flatMap((text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 2);
  const result = factory(language).check(passphrase.slice(0, 256), inputs);
  return {
    score: result.score,
    acceptable: result.score >= FLOOR && longEnough(passphrase),
    warning: result.feedback.warning ?? "",
    suggestions: result.feedback.suggestions,
  };
}
