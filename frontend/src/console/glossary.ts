// Common SMS abbreviations in English and French, explained in the thread.
//
// Pure lookup (`glossSegments`) plus a DOM builder (`glossedText`) that wraps
// each whole-word match in an <abbr> that can take focus: its title is read
// by screen readers and shown on hover, and the stylesheet shows the same
// meaning on keyboard focus. Nothing here leaves the page.

import { el } from "./dom";
import { currentLanguage } from "./i18n";

export interface Meaning {
  en: string;
  fr: string;
}

const ENGLISH: Record<string, Meaning> = {
  idk: { en: "I don't know", fr: "je ne sais pas" },
  idc: { en: "I don't care", fr: "ça m'est égal" },
  lol: { en: "laughing out loud", fr: "je ris (mort de rire)" },
  brb: { en: "be right back", fr: "je reviens tout de suite" },
  ttyl: { en: "talk to you later", fr: "on se parle plus tard" },
  omw: { en: "on my way", fr: "je suis en route" },
  smh: { en: "shaking my head (disbelief or disapproval)", fr: "je n'en reviens pas (consternation)" },
  tbh: { en: "to be honest", fr: "pour être honnête" },
  ngl: { en: "not gonna lie", fr: "sans mentir" },
  ily: { en: "I love you", fr: "je t'aime" },
  np: { en: "no problem", fr: "pas de problème" },
  pls: { en: "please", fr: "s'il te plaît" },
  plz: { en: "please", fr: "s'il te plaît" },
  thx: { en: "thanks", fr: "merci" },
  ty: { en: "thank you", fr: "merci" },
  u: { en: "you", fr: "tu, toi (you)" },
  r: { en: "are", fr: "es, êtes, sont (are)" },
  ur: { en: "your, or you're", fr: "ton, ta, tes, ou tu es" },
  rn: { en: "right now", fr: "en ce moment" },
  k: { en: "okay", fr: "d'accord" },
  nvm: { en: "never mind", fr: "laisse tomber" },
  bc: { en: "because", fr: "parce que" },
  asap: { en: "as soon as possible", fr: "dès que possible" },
  wyd: { en: "what are you doing?", fr: "qu'est-ce que tu fais ?" },
  hbu: { en: "how about you?", fr: "et toi ?" },
};

const FRENCH: Record<string, Meaning> = {
  mdr: { en: "mort de rire: laughing out loud", fr: "mort de rire" },
  ptdr: { en: "pété de rire: laughing hard", fr: "pété de rire (je ris beaucoup)" },
  jsp: { en: "je sais pas: I don't know", fr: "je (ne) sais pas" },
  stp: { en: "s'il te plaît: please", fr: "s'il te plaît" },
  svp: { en: "s'il vous plaît: please", fr: "s'il vous plaît" },
  tkt: { en: "t'inquiète: don't worry", fr: "t'inquiète (ne t'inquiète pas)" },
  jpp: {
    en: "j'en peux plus: I can't take it any more (also: I'm laughing so hard)",
    fr: "j'en peux plus (à bout, ou : je ris trop)",
  },
  cv: { en: "ça va: how are you? / I'm fine", fr: "ça va" },
  bjr: { en: "bonjour: hello", fr: "bonjour" },
  bsr: { en: "bonsoir: good evening", fr: "bonsoir" },
  slt: { en: "salut: hi", fr: "salut" },
  dsl: { en: "désolé·e: sorry", fr: "désolé·e" },
  pk: { en: "pourquoi: why (sometimes parce que: because)", fr: "pourquoi (parfois : parce que)" },
  pq: { en: "pourquoi: why", fr: "pourquoi" },
  pcq: { en: "parce que: because", fr: "parce que" },
  qd: { en: "quand: when", fr: "quand" },
  mtn: { en: "maintenant: now", fr: "maintenant" },
  ajd: { en: "aujourd'hui: today", fr: "aujourd'hui" },
  bcp: { en: "beaucoup: a lot", fr: "beaucoup" },
  jtm: { en: "je t'aime: I love you", fr: "je t'aime" },
  oklm: { en: "au calme: chilling, relaxed", fr: "au calme, tranquille" },
  wsh: { en: "wesh: hey (slang greeting)", fr: "wesh (salut, familier)" },
  osef: { en: "on s'en fout: who cares", fr: "on s'en fiche" },
  tlm: { en: "tout le monde: everyone", fr: "tout le monde" },
  dac: { en: "d'accord: okay", fr: "d'accord" },
  tjr: { en: "toujours: always, still", fr: "toujours" },
  tjrs: { en: "toujours: always, still", fr: "toujours" },
  vrmt: { en: "vraiment: really", fr: "vraiment" },
  qqn: { en: "quelqu'un: someone", fr: "quelqu'un" },
  qqch: { en: "quelque chose: something", fr: "quelque chose" },
  rdv: { en: "rendez-vous: appointment, meeting", fr: "rendez-vous" },
};

export const GLOSSARY: Readonly<Record<string, Meaning>> = Object.freeze({ ...ENGLISH, ...FRENCH });

export type Segment = { text: string } | { term: string; meaning: Meaning };

// A word: letters and digits, in any script. Apostrophes and hyphens split
// words, so "u're" glosses "u", and "lol-ish" glosses "lol".
const WORD = /[\p{L}\p{N}]+/gu;

/** The meaning of `word` (any case), or undefined. */
export function lookUp(word: string): Meaning | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(GLOSSARY, key) ? GLOSSARY[key] : undefined;
}

/** Splits `text` into plain runs and glossary words, whole words only, in order. */
export function glossSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let plain = 0;
  for (const match of text.matchAll(WORD)) {
    const meaning = lookUp(match[0]);
    if (meaning === undefined) continue;
    const start = match.index ?? 0;
    if (start > plain) segments.push({ text: text.slice(plain, start) });
    segments.push({ term: match[0], meaning });
    plain = start + match[0].length;
  }
  if (plain < text.length) segments.push({ text: text.slice(plain) });
  return segments;
}

/** The meaning in the console's language (English when there is no other). */
export function meaningIn(meaning: Meaning, language: string): string {
  return language === "fr" ? meaning.fr : meaning.en;
}

/** The message text as nodes, glossary words wrapped in focusable <abbr>s. */
export function glossedText(text: string): (Node | string)[] {
  const language = currentLanguage();
  return glossSegments(text).map((segment) => {
    if ("text" in segment) return segment.text;
    const meaning = meaningIn(segment.meaning, language);
    const abbr = el("abbr", { class: "gloss", tabindex: "0", title: meaning, "data-meaning": meaning }, segment.term);
    // The meaning shown on focus can be dismissed without moving the pointer.
    abbr.addEventListener("keydown", (event) => {
      if (event.key === "Escape") abbr.blur();
    });
    return abbr;
  });
}
