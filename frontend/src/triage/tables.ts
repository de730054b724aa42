// The Python matcher's tables, read as data (written by scripts/triage-tables
// from havre/triage; `make check` fails when this JSON is stale). Nothing
// here is typed again by hand.

import data from "./tables.json";

const set = (words: readonly string[]): ReadonlySet<string> => new Set(words);
const map = (table: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, readonly string[]> =>
  new Map(Object.entries(table));
const setMap = (table: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, ReadonlySet<string>> =>
  new Map(Object.entries(table).map(([key, words]) => [key, set(words)]));

export const LIGATURES: ReadonlyMap<string, string> = new Map(Object.entries(data.letters.ligatures));

const n = data.normalize;
export const AUXILIARY_TYPED = map(n.auxiliary_typed);
export const SUBJECTS_BEFORE_ME = set(n.subjects_before_me);
export const SENTENCE_ENDS = set(n.sentence_ends);
export const CLAUSE_ENDS = set(n.clause_ends);
export const OPENERS: ReadonlyMap<string, string> = new Map(Object.entries(n.openers));
export const SINGLE_QUOTES = set(n.single_quotes);
export const APOSTROPHES = set(n.apostrophes);
export const J_CONTRACTED = new RegExp(`^(?:${n.j_contracted})$`, "u");
export const SPACED_ELISIONS = set(n.spaced_elisions);
export const ELIDES_BEFORE = set(n.elides_before);

export const ELISIONS = map(data.sms.elisions);
export const SUFFIXES = map(data.sms.suffixes);
export const N_T_STEMS: ReadonlyMap<string, string> = new Map(Object.entries(data.sms.n_t_stems));
export const SMS = map(data.sms.sms);
export const SMS_HELD = map(data.sms.sms_held);

export const PATTERN = data.pattern;
export const CONTEXT = data.context;
export const GAP_SIGNS = set(data.pattern.gap_signs);
export const WIDE_GAP_SIGNS = set(data.pattern.wide_gap_signs);
export const ACROSS_GAP_SIGNS = set(data.pattern.across_gap_signs);
export const UNITS = set(data.pattern.units);

export const GROUPS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(
  Object.entries(data.groups).map(([name, byLanguage]) => [name, map(byLanguage)]),
);

const s = data.speech;
export const SPEECH = {
  negationReach: s.negation_reach,
  conditionReach: s.condition_reach,
  actorReach: s.actor_reach,
  quoteReach: s.quote_reach,
  reportReach: s.report_reach,
  subjectReach: s.subject_reach,
  negations: set(s.negations),
  answers: set(s.answers),
  future: set(s.future),
  about: set(s.about),
  futureReach: s.future_reach,
  afterNegations: set(s.after_negations),
  afterNegationUnless: set(s.after_negation_unless),
  notDeniedAfter: setMap(s.not_denied_after),
  notDeniedBefore: setMap(s.not_denied_before),
  seeing: set(s.seeing),
  seeingStems: s.seeing_stems as readonly string[],
  seeingBetween: set(s.seeing_between),
  seeingReach: s.seeing_reach,
  conditions: set(s.conditions),
  measured: set(s.measured),
  intensifiers: set(s.intensifiers),
  links: set(s.links),
  negationStops: set(s.negation_stops),
  carryOver: set(s.carry_over),
  contrasts: set(s.contrasts),
  questionLinks: set(s.question_links),
  firstPerson: set(s.first_person),
  pronouns: set(s.pronouns),
  reporting: set(s.reporting),
  quoting: set(s.quoting),
  betweenSubjectAndVerb: set(s.between_subject_and_verb),
  thirdPerson: set(s.third_person),
  impersonal: set(s.impersonal),
  thirdPossessives: set(s.third_possessives),
  thirdReflexives: set(s.third_reflexives),
  thirdReflexivesInside: set(s.third_reflexives_inside),
  texterWords: set(s.texter_words),
} as const;

export const MARKERS: Readonly<Record<keyof typeof data.markers, readonly string[]>> = data.markers;

export const CATEGORIES: readonly string[] = data.matcher.categories;
export const RANK: Readonly<Record<string, number>> = data.matcher.rank;
