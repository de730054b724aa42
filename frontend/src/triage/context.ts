// What the rest of a text says about a match: a joke, a story, an everyday
// phrase, or danger long past. A port of havre/triage/context.py; the marker
// lists are the Python ones, read from tables.json and matched as terms.

import type { Token } from "./normalize";
import { Index, parseTerm } from "./pattern";
import { denied, future, texterSubject } from "./speech";
import { CONTEXT, MARKERS, SPEECH } from "./tables";

type Markers = keyof typeof MARKERS;
const indexes = new Map<Markers, Index>();

function indexOf(markers: Markers): Index {
  let index = indexes.get(markers);
  if (index === undefined) {
    index = new Index(MARKERS[markers].flatMap((line, i) => parseTerm(line).map((form) => [i, form] as const)));
    indexes.set(markers, index);
  }
  return index;
}

/** The starts of the markers found in the text, denied ones left out. */
function found(markers: Markers, tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  for (const match of indexOf(markers).find(tokens)) {
    if (!denied(tokens, match.start, match.skipped)) starts.push(match.start);
  }
  return starts;
}

/** The text-wide readings, computed once per text and only when a match needs them. */
export class Context {
  private laughter: Set<number> | null = null;
  private stories: Set<number> | null = null;
  private everydays: Set<number> | null = null;
  private mishaps: Set<number> | null = null;
  // Sentence -> where the first "reportage sur", "a film about" in it ends.
  private abouts: Map<number, number> | null = null;
  // The sentences with an ongoing marker, and whether one of them tells
  // something other than the visitor's own present.
  private ongoing: Set<number> | null = null;
  private ongoingDanger = false;
  private resolved = false;
  private earlier: Set<number> = new Set();
  private agreement: boolean | null = null;

  constructor(private readonly tokens: readonly Token[]) {}

  /** Whether the visitor says that someone else's words about her are right. */
  agrees(): boolean {
    this.agreement ??= found("agreement", this.tokens).length > 0;
    return this.agreement;
  }

  joke(sentence: number): boolean {
    this.laughter ??= new Set(found("laughter", this.tokens).map((start) => this.tokens[start]!.sentence));
    return this.laughter.has(sentence);
  }

  story(sentence: number): boolean {
    this.stories ??= new Set(found("story", this.tokens).map((start) => this.tokens[start]!.sentence));
    return this.stories.has(sentence);
  }

  /** Whether the match at tokens[start:end] is what a film, a report or a book
   * named before it in its sentence is about, with no word of the visitor's in it. */
  about(start: number, end: number): boolean {
    const tokens = this.tokens;
    if (this.abouts === null) {
      this.abouts = new Map();
      for (const match of indexOf("story").find(tokens)) {
        const sentence = tokens[match.start]!.sentence;
        if (
          match.end < tokens.length &&
          SPEECH.about.has(tokens[match.end]!.text) &&
          tokens[match.end]!.sentence === sentence &&
          !denied(tokens, match.start, match.skipped)
        ) {
          this.abouts.set(sentence, Math.min(this.abouts.get(sentence) ?? match.end, match.end));
        }
      }
    }
    if (tokens.slice(start, end).some((token) => SPEECH.texterWords.has(token.text))) return false;
    const after = this.abouts.get(tokens[start]!.sentence);
    return after !== undefined && after <= start;
  }

  /** Whether tokens[start:end] overlap an everyday phrase, or (with
   * `mishaps`) stand in a clause that tells a mishap. */
  everyday(start: number, end: number, mishaps = true): boolean {
    if (this.everydays === null) {
      this.everydays = new Set();
      for (const match of indexOf("everyday").find(this.tokens)) {
        for (let i = match.start; i < match.end; i++) this.everydays.add(i);
      }
    }
    for (let i = start; i < end; i++) if (this.everydays.has(i)) return true;
    if (!mishaps) return false;
    this.mishaps ??= new Set(found("mishap", this.tokens).map((i) => this.tokens[i]!.clause));
    return this.mishaps.has(this.tokens[start]!.clause);
  }

  /** Whether the match at tokens[start:end] is told as past and resolved: a
   * threat or an intent told in the future is not resolved by a marker of the
   * text, only by its own clause's "years ago". */
  past(start: number, end: number): boolean {
    const clause = this.tokens[start]!.clause;
    const sentence = this.tokens[start]!.sentence;
    if (this.ongoing === null) {
      // An ongoing marker beside how the past still weighs on her ("ça m'affecte
      // encore") tells her own present.
      const feeling = new Set(found("feeling", this.tokens));
      const felt = (i: number): boolean => {
        for (let j = Math.max(0, i - CONTEXT.feeling_reach); j <= i + CONTEXT.feeling_reach; j++) {
          if (feeling.has(j) && this.tokens[j]!.clause === this.tokens[i]!.clause) return true;
        }
        return false;
      };
      const ongoing = found("ongoing", this.tokens).filter((i) => !felt(i));
      this.ongoing = new Set(ongoing.map((i) => this.tokens[i]!.sentence));
      this.ongoingDanger = ongoing.some((i) => !texterSubject(this.tokens, i));
      this.resolved = found("resolved", this.tokens).length > 0;
      this.earlier = new Set(found("earlier", this.tokens).map((i) => this.tokens[i]!.clause));
    }
    // "Encore" says the danger goes on, unless it tells the visitor's own
    // present in another sentence ("je pense encore à lui").
    if (this.ongoingDanger || this.ongoing.has(sentence)) return false;
    if (this.earlier.has(clause)) return true;
    return this.resolved && !future(this.tokens, start, end);
  }
}
