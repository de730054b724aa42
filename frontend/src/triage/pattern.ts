// Lexicon terms as patterns of words, and finding them in a text's tokens:
// a port of havre/triage/pattern.py, whose docstring describes the signs a
// term may use (#, ##, prefix*, a|b, (a b|c d), {group}, ..., ~, ~~).

import { chars, squeeze } from "./letters";
import { type Token, tokenize } from "./normalize";
import { ACROSS_GAP_SIGNS, GAP_SIGNS, GROUPS, PATTERN, UNITS, WIDE_GAP_SIGNS } from "./tables";

const { prefix_min: PREFIX_MIN, term_max_chars: TERM_MAX_CHARS, gap_words: GAP_WORDS } = PATTERN;
const { forms_max: FORMS_MAX, many: MANY, screen_from: SCREEN_FROM, wide_gap_words: WIDE_GAP_WORDS } = PATTERN;

/** What one word of a form may be. */
export class Choice {
  constructor(
    readonly words: ReadonlySet<string>,
    readonly squeezed: ReadonlySet<string>,
    readonly prefixes: readonly string[],
    readonly squeezedPrefixes: readonly string[],
    readonly number: "any" | "many" | null,
  ) {}

  matches(token: Token): boolean {
    const words = token.held ? this.squeezed : this.words;
    const prefixes = token.held ? this.squeezedPrefixes : this.prefixes;
    if (words.has(token.text)) return true;
    if (token.kind === "number") {
      if (this.number === "any") return true;
      return this.number === "many" && value(token.text) >= MANY;
    }
    return token.kind === "word" && prefixes.some((p) => token.text.startsWith(p));
  }

  /** A stable spelling of the choice, to drop forms spelt out twice. */
  key(): string {
    return JSON.stringify([[...this.words].sort(), this.prefixes, this.number]);
  }
}

/** Up to `reach` words of any kind, all in the sentence and quotation of the
 * word before them; `across` lets them run over sentence ends, never out of
 * the quotation. */
export class Gap {
  constructor(
    readonly reach: number,
    readonly across: boolean = false,
  ) {}
}

const NARROW = new Gap(GAP_WORDS);
const WIDE = new Gap(WIDE_GAP_WORDS);
const ACROSS = new Gap(WIDE_GAP_WORDS, true);

/** A form is a sequence of choices and gaps. */
export type Form = readonly (Choice | Gap)[];

export class TermError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const GROUP = /^\{([a-z_]+)\}$/;
const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const head = (text: string): string => chars(text).slice(0, PREFIX_MIN).join("");

function choiceOf(tokens: readonly Token[]): Choice {
  const words = tokens.filter((t) => t.kind === "word" || t.kind === "number" || t.kind === "emoji").map((t) => t.text);
  const prefixes = tokens.filter((t) => t.kind === "prefix").map((t) => t.text);
  if (prefixes.some((p) => chars(p).length < PREFIX_MIN)) throw new TermError("term_prefix_too_short");
  const kinds = new Set(tokens.map((t) => t.kind));
  const number = kinds.has("any_number") ? "any" : kinds.has("many_number") ? "many" : null;
  return new Choice(
    new Set(words),
    new Set(words.map(squeeze)),
    unique(prefixes),
    unique(prefixes.map(squeeze)),
    number,
  );
}

function groupWords(name: string, language: string | null): readonly string[] | null {
  const group = GROUPS.get(name);
  if (group === undefined) return null;
  if (language !== null) return group.get(language) ?? [];
  return unique([...group.values()].flat());
}

/** What one space-separated part of a term may match: sequences of choices, or a gap. */
function slot(chunk: string, language: string | null): Choice[][] | Gap {
  if (GAP_SIGNS.has(chunk)) return NARROW;
  if (WIDE_GAP_SIGNS.has(chunk)) return WIDE;
  if (ACROSS_GAP_SIGNS.has(chunk)) return ACROSS;
  const options: string[] = [];
  for (const option of chunk.split("|")) {
    const group = GROUP.exec(option);
    if (group === null) {
      options.push(option);
      continue;
    }
    const words = groupWords(group[1]!, language);
    if (words === null) throw new TermError("term_unknown_group");
    options.push(...words);
  }
  const singles: Token[] = [];
  const sequences: Choice[][] = [];
  for (const option of options) {
    const tokens = tokenize(option, true);
    if (tokens.length === 1) singles.push(tokens[0]!);
    else if (tokens.length > 0) sequences.push(tokens.map((t) => choiceOf([t])));
  }
  if (singles.length > 0) sequences.unshift([choiceOf(singles)]);
  return sequences;
}

/** The space-separated parts of a term; "(go on|keep going)" is one part. */
function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest !== "") {
    rest = rest.trimStart();
    if (rest === "") break;
    const end = rest.startsWith("(") ? rest.indexOf(")") : -1;
    if (end > 0 && !rest.slice(1, end).includes("(")) {
      const inner = rest.slice(1, end);
      chunks.push(
        inner
          .split("|")
          .map((option) => option.split(/\s+/u).filter((word) => word !== "").join(" "))
          .join("|"),
      );
      rest = rest.slice(end + 1);
    } else {
      const space = rest.search(/\s/u);
      chunks.push(space < 0 ? rest : rest.slice(0, space));
      rest = space < 0 ? "" : rest.slice(space);
    }
  }
  return chunks;
}

/** Every form the term stands for, or TermError. Groups take the words of
 * `language`, or of both languages when it is null. */
export function parseTerm(text: string, language: string | null = null): Form[] {
  if (chars(text).length > TERM_MAX_CHARS) throw new TermError("term_too_long");
  const slots: (Choice[][] | Gap)[] = [];
  for (const chunk of chunksOf(text)) {
    const found = slot(chunk, language);
    if (found instanceof Gap) {
      const last = slots[slots.length - 1];
      if (last === undefined) throw new TermError("term_gap_at_edge");
      if (!(last instanceof Gap)) slots.push(found);
      // gaps side by side are the widest of them
      else if (found.reach > last.reach || (found.reach === last.reach && found.across && !last.across))
        slots[slots.length - 1] = found;
    } else if (found.length > 0) {
      slots.push(found);
    }
  }
  if (slots.length === 0) throw new TermError("term_empty");
  if (slots[slots.length - 1] instanceof Gap) throw new TermError("term_gap_at_edge");
  let count = 1;
  for (const s of slots) {
    count *= s instanceof Gap ? 1 : s.length;
    if (count > FORMS_MAX) throw new TermError("term_too_many_forms");
  }
  let forms: (Choice | Gap)[][] = [[]];
  for (const s of slots) {
    const next: (Choice | Gap)[][] = [];
    for (const form of forms) {
      if (s instanceof Gap) next.push([...form, s]);
      else for (const part of s) next.push([...form, ...part]);
    }
    forms = next;
  }
  if (forms.every(onlyNumbers)) throw new TermError("term_only_numbers");
  const distinct = new Map<string, Form>();
  for (const form of forms) {
    const key = form.map((part) => (part instanceof Gap ? `…${part.reach}${part.across ? "~" : ""}` : part.key())).join("\u0000");
    if (!distinct.has(key)) distinct.set(key, form);
  }
  return [...distinct.values()];
}

function onlyNumbers(form: Form): boolean {
  return form.every((c) => c instanceof Gap || (c.number !== null && c.words.size === 0 && c.prefixes.length === 0));
}

function value(number: string): number {
  if (/^\p{Nd}{1,3}([.,]\p{Nd}{3})+$/u.test(number)) return Number(number.replace(/[.,]/g, ""));
  const plain = Number(number.replace(",", "."));
  if (!Number.isNaN(plain)) return plain;
  return Number(/^\p{Nd}+/u.exec(number)?.[0] ?? "0");
}

/** Where a form matched: tokens[start:end], of which `skipped` fell in its gaps. */
export interface Found {
  readonly key: number;
  readonly start: number;
  readonly end: number;
  readonly skipped: readonly number[];
}

type Entry = readonly [number, Form];

function push(table: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = table.get(key);
  if (list === undefined) table.set(key, [entry]);
  else list.push(entry);
}

/** Forms looked up by their first atom; `find` reports every match in a text. */
export class Index {
  private readonly byWord: readonly [Map<string, Entry[]>, Map<string, Entry[]>] = [new Map(), new Map()];
  private readonly byPrefix: readonly [Map<string, Entry[]>, Map<string, Entry[]>] = [new Map(), new Map()];
  private readonly byNumber: Entry[] = [];

  constructor(entries: Iterable<Entry>) {
    for (const entry of entries) {
      const first = entry[1][0];
      if (!(first instanceof Choice)) throw new TermError("term_gap_at_edge");
      if (first.number !== null) this.byNumber.push(entry);
      for (const word of first.words) push(this.byWord[0], word, entry);
      for (const word of first.squeezed) push(this.byWord[1], word, entry);
      for (const prefix of unique(first.prefixes.map(head))) push(this.byPrefix[0], prefix, entry);
      for (const prefix of unique(first.squeezedPrefixes.map(head))) push(this.byPrefix[1], prefix, entry);
    }
  }

  private *candidates(token: Token): Generator<Entry> {
    const side = token.held ? 1 : 0;
    yield* this.byWord[side].get(token.text) ?? [];
    if (token.kind === "number") yield* this.byNumber;
    else if (token.kind === "word") yield* this.byPrefix[side].get(head(token.text)) ?? [];
  }

  /** Each (key, start) once, with the shortest match of its first form found there. */
  *find(tokens: readonly Token[]): Generator<Found> {
    const screen = tokens.length > SCREEN_FROM;
    const distinct = new Map<string, Token>();
    if (screen) {
      for (const token of tokens) {
        const key = JSON.stringify([token.text, token.kind, token.held]);
        if (!distinct.has(key)) distinct.set(key, token);
      }
    }
    const present = [...distinct.values()];
    const viable = new Map<Form, boolean>();
    for (let start = 0; start < tokens.length; start++) {
      const seen = new Set<number>();
      for (const [key, form] of this.candidates(tokens[start]!)) {
        if (seen.has(key) || (screen && !isViable(form, present, viable))) continue;
        const found = match(form, tokens, start);
        if (found !== null) {
          seen.add(key);
          yield { key, start, end: found[0], skipped: found[1] };
        }
      }
    }
  }
}

function isViable(form: Form, present: readonly Token[], known: Map<Form, boolean>): boolean {
  let viable = known.get(form);
  if (viable === undefined) {
    viable = form.slice(1).every((part) => part instanceof Gap || present.some((token) => part.matches(token)));
    known.set(form, viable);
  }
  return viable;
}

function match(form: Form, tokens: readonly Token[], start: number): [number, number[]] | null {
  const first = tokens[start]!;
  const head = form[0] as Choice;
  if (!head.matches(first)) return null;
  // The token at i stands where the match's token at `before` stands: in its
  // quotation, and in its sentence unless a gap runs across.
  const samePlace = (i: number, before: number, across = false): boolean =>
    tokens[i]!.quote === first.quote && (across || tokens[i]!.sentence === tokens[before]!.sentence);

  // Where the rest of the form was found not to match: with wide gaps, the
  // same place is reached many ways, and is tried once.
  const failed = new Set<number>();

  const rest = (k: number, i: number, skipped: number[]): [number, number[]] | null => {
    if (k === form.length) return [i, skipped];
    const place = k * (tokens.length + 1) + i;
    if (failed.has(place)) return null;
    const found = restOf(k, i, skipped);
    if (found === null) failed.add(place);
    return found;
  };

  const restOf = (k: number, i: number, skipped: number[]): [number, number[]] | null => {
    const choice = form[k]!;
    if (choice instanceof Gap) {
      for (let extra = 0; extra <= choice.reach; extra++) {
        const j = i + extra;
        if (j >= tokens.length || !samePlace(j, i - 1, choice.across)) return null;
        const gap: number[] = [];
        for (let g = i; g < j; g++) gap.push(g);
        const found = rest(k + 1, j, [...skipped, ...gap]);
        if (found !== null) return found;
      }
      return null;
    }
    // After a gap, the gap has placed this token; otherwise it follows the one before.
    const afterGap = form[k - 1] instanceof Gap;
    if (i >= tokens.length || !(afterGap || samePlace(i, i - 1)) || !choice.matches(tokens[i]!)) return null;
    if (choice.number === "many" && aDose(tokens, i)) return null;
    return rest(k + 1, i + 1, skipped);
  };

  if (head.number === "many" && aDose(tokens, start)) return null;
  return rest(1, start + 1, []);
}

function aDose(tokens: readonly Token[], i: number): boolean {
  return i + 1 < tokens.length && UNITS.has(tokens[i + 1]!.text);
}
