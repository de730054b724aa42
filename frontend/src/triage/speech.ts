// Who says it, and whether it is denied: a port of havre/triage/speech.py,
// whose docstring gives the rules. The word lists come from tables.json.

import type { Token } from "./normalize";
import { SPEECH as S } from "./tables";

const EMPTY: ReadonlySet<string> = new Set();

/** Whether the match beginning at `tokens[start]` is denied by the words before it. */
export function negated(tokens: readonly Token[], start: number): boolean {
  const first = tokens[start]!;
  for (let i = start - 1; i > Math.max(-1, start - 1 - S.negationReach); i--) {
    const token = tokens[i]!;
    if (token.clause !== first.clause || token.quote !== first.quote) return false;
    const word = token.text;
    if (S.negationStops.has(word)) return false;
    if (S.pronouns.has(word) && (i === 0 || !S.carryOver.has(tokens[i - 1]!.text))) return false;
    if (S.negations.has(word) && denies(tokens, i)) return true;
  }
  return false;
}

/** Whether a match is denied, by the words before it, by a negation in one of
 * its gaps, or (given its `end`) by a French negation just after it. A
 * negation in a gap denies only in a sentence that holds a word of the match
 * (a "~~" gap passes over whole sentences). */
export function denied(
  tokens: readonly Token[],
  start: number,
  skipped: readonly number[] = [],
  end: number | null = null,
): boolean {
  if (negated(tokens, start)) return true;
  const held = heldSentences(tokens, start, skipped, end);
  if (skipped.some((i) => S.negations.has(tokens[i]!.text) && held.has(tokens[i]!.sentence) && denies(tokens, i)))
    return true;
  return end !== null && negatedAfter(tokens, start, end);
}

/** The sentences of the words a match holds, those of its gaps left out. */
function heldSentences(
  tokens: readonly Token[],
  start: number,
  skipped: readonly number[],
  end: number | null,
): Set<number> {
  if (end === null) return new Set([start, ...skipped].map((i) => tokens[i]!.sentence));
  const passed = new Set(skipped);
  const held = new Set<number>();
  for (let i = start; i < end; i++) if (!passed.has(i)) held.add(tokens[i]!.sentence);
  return held;
}

/** Whether the match at tokens[start:end] is followed, in its clause and
 * quotation, by a French negation that denies it ("je me coupe pas"). */
export function negatedAfter(tokens: readonly Token[], start: number, end: number): boolean {
  if (end >= tokens.length || end <= start) return false;
  const last = tokens[end - 1]!;
  const after = tokens[end]!;
  if (after.clause !== last.clause || after.quote !== last.quote) return false;
  if (!S.afterNegations.has(after.text)) return false;
  const following = end + 1 < tokens.length ? tokens[end + 1]!.text : "";
  if (S.afterNegationUnless.has(following)) return false;
  return denies(tokens, end);
}

function denies(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i]!.text;
  const before = i > 0 ? tokens[i - 1]!.text : "";
  const after = i + 1 < tokens.length ? tokens[i + 1]!.text : "";
  if (S.answers.has(word) && S.pronouns.has(after)) return false;
  if ((S.notDeniedAfter.get(word) ?? EMPTY).has(before)) return false;
  if ((S.notDeniedBefore.get(word) ?? EMPTY).has(after)) return false;
  if (inCondition(tokens, i) || nextToSeeing(tokens, i)) return false;
  // "never ... so much", "jamais eu autant envie de mourir": a measure, not a denial.
  if (S.measured.has(word)) {
    const clause = tokens[i]!.clause;
    return !tokens.slice(i + 1).some((t) => t.clause === clause && S.intensifiers.has(t.text));
  }
  return true;
}

const seeing = (word: string): boolean => S.seeing.has(word) || S.seeingStems.some((stem) => word.startsWith(stem));

/** Whether the negation at `i` goes with a verb of seeing or finding, just after
 * it ("never see") or, in French, just before it ("retrouverait jamais"): what
 * a threat says, not a denial of it. */
function nextToSeeing(tokens: readonly Token[], i: number): boolean {
  const clause = tokens[i]!.clause;
  for (let j = i + 1; j < Math.min(tokens.length, i + 1 + S.seeingReach); j++) {
    if (tokens[j]!.clause !== clause) break;
    if (seeing(tokens[j]!.text)) return true;
    if (!S.seeingBetween.has(tokens[j]!.text)) break;
  }
  for (let j = i - 1; j > Math.max(-1, i - 1 - S.seeingReach); j--) {
    if (tokens[j]!.clause !== clause) break;
    if (seeing(tokens[j]!.text)) return true;
    if (!S.seeingBetween.has(tokens[j]!.text)) break;
  }
  return false;
}

function inCondition(tokens: readonly Token[], i: number): boolean {
  const clause = tokens[i]!.clause;
  for (let j = i - 1; j > Math.max(-1, i - 1 - S.conditionReach); j--) {
    if (tokens[j]!.clause !== clause) return false;
    if (S.conditions.has(tokens[j]!.text)) return true;
  }
  return false;
}

/** Whether the match at tokens[start:end] is told in the future ("il va me tuer"). */
export function future(tokens: readonly Token[], start: number, end: number): boolean {
  if (tokens.slice(start, end).some((token) => S.future.has(token.text))) return true;
  const first = tokens[start]!;
  for (let i = start - 1; i > Math.max(-1, start - 1 - S.futureReach); i--) {
    const token = tokens[i]!;
    if (token.clause !== first.clause || token.quote !== first.quote || S.links.has(token.text)) return false;
    if (S.future.has(token.text)) return true;
  }
  return false;
}

/** Whether the nearest subject before tokens[i], in its clause and up to a
 * linking word, is the visitor ("je pense encore à lui", "I still miss him"). */
export function texterSubject(tokens: readonly Token[], i: number): boolean {
  const clause = tokens[i]!.clause;
  for (let j = i - 1; j > Math.max(-1, i - 1 - S.subjectReach); j--) {
    const token = tokens[j]!;
    if (token.clause !== clause || S.links.has(token.text)) return false;
    if (S.pronouns.has(token.text)) return S.firstPerson.has(token.text);
  }
  return false;
}

/** For each token, whether it is someone else's words rather than the visitor's. */
export function others(tokens: readonly Token[]): boolean[] {
  const result: boolean[] = tokens.map(() => false);
  tokens.forEach((token, i) => {
    // A reporting verb inside a condition ("if anyone asks, tell them...") reports nothing.
    if (token.quote === 0 && S.reporting.has(token.text) && !texterSpeaks(tokens, i) && !inCondition(tokens, i)) {
      markReported(tokens, i, result);
    }
  });
  for (const [first, last] of quotes(tokens)) {
    const reported = quoteReported(tokens, first, last);
    for (let i = first; i <= last; i++) result[i] = reported;
  }
  return result;
}

/** Whether the match at tokens[start:end] tells what a third person does. */
/** With `possessives` false (the term holds one itself: "not their fault"), a
 * possessive inside the match says nothing. */
export function someoneElseActs(tokens: readonly Token[], start: number, end: number, possessives = true): boolean {
  const first = tokens[start]!;
  const inside = tokens.slice(start, end);
  const gives = (word: string): boolean => (possessives && S.thirdPossessives.has(word)) || S.thirdReflexivesInside.has(word);
  if (inside.some((token) => gives(token.text))) {
    return true;
  }
  // "ma fille se scarifie": a third person's reflexive just before the match.
  const before = start > 0 ? tokens[start - 1]! : undefined;
  if (before !== undefined && S.thirdReflexives.has(before.text) && before.clause === first.clause) return true;
  for (let i = start - 1; i > Math.max(-1, start - 1 - S.actorReach); i--) {
    const token = tokens[i]!;
    if (token.clause !== first.clause || token.quote !== first.quote || S.links.has(token.text)) return false;
    if (S.thirdPerson.has(token.text)) {
      const after = i + 1 < tokens.length ? tokens[i + 1]!.text : "";
      return !(token.text === "il" && S.impersonal.has(after));
    }
    if (S.pronouns.has(token.text)) return false;
  }
  return false;
}

function texterSpeaks(tokens: readonly Token[], verb: number): boolean {
  const clause = tokens[verb]!.clause;
  let named = false;
  for (let i = verb - 1; i > Math.max(-1, verb - 1 - S.subjectReach); i--) {
    const token = tokens[i]!;
    if (token.clause !== clause || token.quote !== 0 || S.links.has(token.text)) break;
    if (S.betweenSubjectAndVerb.has(token.text)) continue;
    if (S.pronouns.has(token.text)) return S.firstPerson.has(token.text);
    named = true;
  }
  return !named;
}

function markReported(tokens: readonly Token[], verb: number, result: boolean[]): void {
  let clause = tokens[verb]!.clause;
  if (verb + 1 < tokens.length && tokens[verb + 1]!.clause !== clause) clause = tokens[verb + 1]!.clause;
  for (let i = verb + 1; i < Math.min(tokens.length, verb + 1 + S.reportReach); i++) {
    const token = tokens[i]!;
    if (token.clause !== clause || S.contrasts.has(token.text)) return;
    const following = tokens.slice(i + 1, i + 3).map((t) => t.text);
    if (S.links.has(token.text) && !S.questionLinks.has(token.text) && following.some((w) => S.firstPerson.has(w))) {
      return; // "... and I want to die": the visitor speaks again
    }
    result[i] = true;
  }
}

function quotes(tokens: readonly Token[]): [number, number][] {
  const spans = new Map<number, [number, number]>();
  tokens.forEach((token, i) => {
    if (token.quote) {
      const first = spans.get(token.quote)?.[0] ?? i;
      spans.set(token.quote, [first, i]);
    }
  });
  return [...spans.values()];
}

function quoteReported(tokens: readonly Token[], first: number, last: number): boolean {
  const sentence = tokens[first]!.sentence;
  for (let i = first - 1; i > Math.max(-1, first - 1 - S.quoteReach); i--) {
    const token = tokens[i]!;
    if (token.sentence !== sentence) break;
    if (token.quote === 0 && S.quoting.has(token.text)) return !texterSpeaks(tokens, i);
  }
  for (let i = last + 1; i < Math.min(tokens.length, last + 1 + S.quoteReach); i++) {
    const token = tokens[i]!;
    if (token.sentence !== sentence || token.quote !== 0) break;
    if (S.quoting.has(token.text)) {
      // "'...' she said" or "'...' said my friend"
      let subject = i - 1 > last ? tokens[i - 1] : undefined;
      if (subject === undefined && i + 1 < tokens.length) subject = tokens[i + 1];
      return subject !== undefined && !S.firstPerson.has(subject.text);
    }
  }
  return false;
}
