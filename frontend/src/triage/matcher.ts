// Lexicon terms matched against a text, in the visitor's browser: a port of
// havre/triage/matcher.py and lexicons.py. The program's lists come from the
// chat's API (GET /chat/<slug>/api/lexicons), the rules' word lists from
// tables.json; the result is a category or null, and only that leaves the
// page. tests/triage/test_cross_language.py holds it to the Python matcher.

import { Context } from "./context";
import { tokenize } from "./normalize";
import { Choice, type Form, Index, parseTerm, TermError } from "./pattern";
import { denied, others, someoneElseActs } from "./speech";
import { CATEGORIES, RANK, SPEECH } from "./tables";

const SUICIDE = "suicide";

export interface LexiconList {
  readonly category: string;
  readonly language: string;
  readonly terms: readonly string[];
}

export interface Term {
  readonly text: string;
  readonly category: string;
  readonly language: string;
  readonly forms: readonly Form[];
  // Whether the term names the texter ("better off without me").
  readonly namesTexter: boolean;
  // Whether the term holds a third person's possessive itself ("not their fault").
  readonly ownsPossessive: boolean;
}

export interface Hit {
  readonly term: string;
  readonly category: string;
  readonly language: string;
  readonly counted: boolean;
  readonly reason: string | null;
}

export interface Assessment {
  readonly category: string | null;
  readonly hits: readonly Hit[];
}

export function termOf(text: string, category: string, language: string): Term {
  const forms = parseTerm(text, language);
  const holds = (words: ReadonlySet<string>): boolean =>
    forms.some((form) => form.some((part) => part instanceof Choice && [...part.words].some((word) => words.has(word))));
  return {
    text,
    category,
    language,
    forms,
    namesTexter: holds(SPEECH.texterWords),
    ownsPossessive: holds(SPEECH.thirdPossessives),
  };
}

export class Matcher {
  private readonly index: Index;

  constructor(readonly terms: readonly Term[]) {
    this.index = new Index(terms.flatMap((term, key) => term.forms.map((form) => [key, form] as const)));
  }

  assess(text: string): Assessment {
    const tokens = tokenize(text);
    const context = new Context(tokens);
    const hits: Hit[] = [];
    let otherWords: boolean[] | null = null;
    for (const found of this.index.find(tokens)) {
      const term = this.terms[found.key]!;
      const first = tokens[found.start]!;
      let reason: string | null = null;
      if (denied(tokens, found.start, found.skipped, found.end)) {
        reason = "negated";
      } else {
        otherWords ??= others(tokens);
        const reported = otherWords.slice(found.start, found.end).some(Boolean);
        if (reported && term.category === SUICIDE && !context.agrees()) reason = "reported";
        else if (
          term.category === SUICIDE &&
          !term.namesTexter &&
          someoneElseActs(tokens, found.start, found.end, !term.ownsPossessive)
        ) {
          reason = "other_person";
        } else if (context.joke(first.sentence)) reason = "joke";
        else if (
          context.story(first.sentence) &&
          (reported || (!term.namesTexter && context.about(found.start, found.end)))
        ) {
          reason = "story";
        }
        // A mishap ("in the kitchen") sets aside suicide risk only: what he does to her there is danger.
        else if (context.everyday(found.start, found.end, term.category === SUICIDE)) reason = "everyday";
        else if (context.past(found.start, found.end)) reason = "past";
      }
      hits.push({ term: term.text, category: term.category, language: term.language, counted: reason === null, reason });
    }
    let category: string | null = null;
    for (const hit of hits) {
      if (hit.counted && (category === null || (RANK[hit.category] ?? 0) > (RANK[category] ?? 0))) category = hit.category;
    }
    return { category, hits };
  }
}

/** A matcher for these lists. Terms that cannot match are left out (saving refuses them). */
export function compileLists(lists: readonly LexiconList[]): Matcher {
  const terms: Term[] = [];
  for (const list of lists) {
    if (!CATEGORIES.includes(list.category)) continue;
    for (const text of list.terms) {
      try {
        terms.push(termOf(text, list.category, list.language));
      } catch (error) {
        if (!(error instanceof TermError)) throw error;
      }
    }
  }
  return new Matcher(terms);
}
