"""Lexicon terms as patterns of words, and finding them in a text's tokens.

A term is written as staff would say it and normalised like the texts
(normalize.py). Besides plain words, a term may use a few signs, each
separated from its neighbours by spaces:

- `#` any number, `##` a number of 10 or more ("took ## pills");
- a word ending in `*` any word it begins ("overdos*"), with at least
  `PREFIX_MIN` letters before the star;
- `a|b|c` any one of these words ("choke*|strangl* me"), and `(go on|keep
  going)` any one of these phrases;
- `{name}` any word of a built-in group (groups.py: "all my {medicine}");
- `...` up to `GAP_WORDS` words of any kind ("he ... kill me");
- `~` up to `WIDE_GAP_WORDS` words of any kind, for a reading of a whole
  sentence rather than a phrase: who does it, what, and to whom ("he ~
  squeez*|press*|grabb* ~ my neck|throat");
- `~~` up to `WIDE_GAP_WORDS` words of any kind that may run over the end
  of a sentence, for a reading across the short sentences a plan is told
  in ("pills ~~ tonight" in "I have the pills. Tonight."). It never runs
  out of a quotation, and the words after it stay in the sentence it
  lands in.

A term is compiled into its forms: each choice spelt out, so that a form is
a plain sequence of atoms and gaps, looked up by its first atom. The forms
are data (lists of words, numbers and gaps): a port to another language
matches them the same way.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from havre.triage import groups
from havre.triage.letters import squeeze
from havre.triage.normalize import Token, tokenize

PREFIX_MIN = 3
TERM_MAX_CHARS = 200
GAP_WORDS = 4
GAP_SIGNS = frozenset({"...", "…"})
WIDE_GAP_WORDS = 12
WIDE_GAP_SIGNS = frozenset({"~"})
ACROSS_GAP_SIGNS = frozenset({"~~"})
# Spelt out, a term may not stand for more forms than this.
FORMS_MAX = 400
MANY = 10
# From this many tokens, forms are screened before they are tried (Index.find).
SCREEN_FROM = 64
# "##" counts things, not doses: "took 20 pills", not "took 20 mg of prozac".
UNITS = frozenset({"mg", "ml", "mcg", "g", "µg", "cl"})

# Spelt out, a term may not stand for more forms than this.
FORMS_MAX = 200


@dataclass(frozen=True, slots=True)
class Choice:
    """What one word of a form may be: any of these words (or numbers, or emoji),
    a word beginning with any of these prefixes, or a number of a kind."""

    words: frozenset[str]
    squeezed: frozenset[str]  # the same, with held letters squeezed
    prefixes: tuple[str, ...] = ()
    squeezed_prefixes: tuple[str, ...] = ()
    number: Literal["any", "many"] | None = None

    def matches(self, token: Token) -> bool:
        if token.held:
            words, prefixes = self.squeezed, self.squeezed_prefixes
        else:
            words, prefixes = self.words, self.prefixes
        if token.text in words:
            return True
        if token.kind == "number":
            if self.number == "any":
                return True
            return self.number == "many" and _value(token.text) >= MANY
        return token.kind == "word" and any(token.text.startswith(p) for p in prefixes)


@dataclass(frozen=True, slots=True)
class Gap:
    """Up to `reach` words of any kind, all in the sentence and quotation of the
    word before them; `across` lets them run over sentence ends, never out
    of the quotation."""

    reach: int
    across: bool = False


NARROW = Gap(GAP_WORDS)
WIDE = Gap(WIDE_GAP_WORDS)
ACROSS = Gap(WIDE_GAP_WORDS, across=True)

# A form is a sequence of choices and gaps.
Form = tuple[Choice | Gap, ...]

_GROUP = re.compile(r"\{([a-z_]+)\}")


class TermError(ValueError):
    """A term that cannot match anything as written; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _choice(tokens: Sequence[Token]) -> Choice:
    """One choice for tokens that each stand alone as a choice for the same word."""
    words = [t.text for t in tokens if t.kind in ("word", "number", "emoji")]
    prefixes = [t.text for t in tokens if t.kind == "prefix"]
    if any(len(p) < PREFIX_MIN for p in prefixes):
        raise TermError("term_prefix_too_short")
    kinds = {t.kind for t in tokens}
    number: Literal["any", "many"] | None = None
    if "any_number" in kinds:
        number = "any"
    elif "many_number" in kinds:
        number = "many"
    return Choice(
        frozenset(words),
        frozenset(squeeze(w) for w in words),
        tuple(dict.fromkeys(prefixes)),
        tuple(dict.fromkeys(squeeze(p) for p in prefixes)),
        number,
    )


def _slot(chunk: str, language: str | None) -> list[tuple[Choice, ...]] | Gap:
    """What one space-separated part of a term may match: sequences of choices, or a gap."""
    if chunk in GAP_SIGNS:
        return NARROW
    if chunk in WIDE_GAP_SIGNS:
        return WIDE
    if chunk in ACROSS_GAP_SIGNS:
        return ACROSS
    options: list[str] = []
    for option in chunk.split("|"):
        group = _GROUP.fullmatch(option)
        if group is None:
            options.append(option)
            continue
        words = groups.words(group.group(1), language)
        if words is None:
            raise TermError("term_unknown_group")
        options.extend(words)
    singles: list[Token] = []
    sequences: list[tuple[Choice, ...]] = []
    for option in options:
        tokens = tokenize(option, pattern=True)
        if len(tokens) == 1:
            singles.append(tokens[0])
        elif tokens:
            sequences.append(tuple(_choice([t]) for t in tokens))
    if singles:
        sequences.insert(0, (_choice(singles),))
    return sequences


def _chunks(text: str) -> list[str]:
    """The space-separated parts of a term; "(go on|keep going)" is one part.

    A bracket left open is an ordinary sign (an emoticon, "kill myself :(").
    """
    chunks: list[str] = []
    rest = text
    while rest:
        rest = rest.lstrip()
        if not rest:
            break
        end = rest.find(")") if rest.startswith("(") else -1
        if end > 0 and "(" not in rest[1:end]:
            inner = rest[1:end]
            chunks.append("|".join(" ".join(option.split()) for option in inner.split("|")))
            rest = rest[end + 1 :]
        else:
            part = rest.split(maxsplit=1)
            chunks.append(part[0])
            rest = part[1] if len(part) > 1 else ""
    return chunks


def parse_term(text: str, language: str | None = None) -> tuple[Form, ...]:
    """Every form the term stands for, or TermError. Groups take the words of
    `language`, or of both languages when it is None."""
    if len(text) > TERM_MAX_CHARS:
        raise TermError("term_too_long")
    slots: list[list[tuple[Choice, ...]] | Gap] = []
    for chunk in _chunks(text):
        slot = _slot(chunk, language)
        if isinstance(slot, Gap):
            if not slots:
                raise TermError("term_gap_at_edge")
            last = slots[-1]
            if not isinstance(last, Gap):
                slots.append(slot)
            elif (slot.reach, slot.across) > (last.reach, last.across):
                slots[-1] = slot  # gaps side by side are the widest of them
        elif slot:
            slots.append(slot)
    if not slots:
        raise TermError("term_empty")
    if isinstance(slots[-1], Gap):
        raise TermError("term_gap_at_edge")
    count = 1
    for slot in slots:
        count *= len(slot) if not isinstance(slot, Gap) else 1
        if count > FORMS_MAX:
            raise TermError("term_too_many_forms")
    forms: list[Form] = []
    spelt: list[list[tuple[Choice | Gap, ...]]] = [
        [(s,)] if isinstance(s, Gap) else list(s) for s in slots
    ]
    for combination in itertools.product(*spelt):
        forms.append(tuple(part for sequence in combination for part in sequence))
    if all(_only_numbers(form) for form in forms):
        raise TermError("term_only_numbers")
    return tuple(dict.fromkeys(forms))


def _only_numbers(form: Form) -> bool:
    return all(
        choice.number is not None and not choice.words and not choice.prefixes
        for choice in form
        if isinstance(choice, Choice)
    )


def _value(number: str) -> float:
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", number):
        return float(re.sub(r"[.,]", "", number))
    try:
        return float(number.replace(",", "."))
    except ValueError:
        return float(re.match(r"\d+", number).group())  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class Found:
    """Where a form matched: tokens[start:end], of which `skipped` fell in its gaps."""

    key: int
    start: int
    end: int
    skipped: tuple[int, ...]


class Index:
    """Forms looked up by their first atom; `find` reports every match in a text."""

    def __init__(self, entries: Iterable[tuple[int, Form]]) -> None:
        # By first word, as typed and squeezed (for held letters), and by prefix.
        self.by_word: tuple[dict[str, list[tuple[int, Form]]], ...] = (
            defaultdict(list),
            defaultdict(list),
        )
        self.by_prefix: tuple[dict[str, list[tuple[int, Form]]], ...] = (
            defaultdict(list),
            defaultdict(list),
        )
        self.by_number: list[tuple[int, Form]] = []
        # The forms with a wide gap: screened in every text, however short.
        self.wide: set[int] = set()
        for key, form in entries:
            first = form[0]
            if not isinstance(first, Choice):
                raise TermError("term_gap_at_edge")
            if _wide(form):
                self.wide.add(id(form))
            entry = (key, form)
            if first.number is not None:
                self.by_number.append(entry)
            for word in first.words:
                self.by_word[0][word].append(entry)
            for word in first.squeezed:
                self.by_word[1][word].append(entry)
            for prefix in dict.fromkeys(p[:PREFIX_MIN] for p in first.prefixes):
                self.by_prefix[0][prefix].append(entry)
            for prefix in dict.fromkeys(p[:PREFIX_MIN] for p in first.squeezed_prefixes):
                self.by_prefix[1][prefix].append(entry)

    def _candidates(self, token: Token) -> Iterator[tuple[int, Form]]:
        yield from self.by_word[token.held].get(token.text, ())
        if token.kind == "number":
            yield from self.by_number
        elif token.kind == "word":
            yield from self.by_prefix[token.held].get(token.text[:PREFIX_MIN], ())

    def find(self, tokens: Sequence[Token]) -> Iterator[Found]:
        """Each (key, start) once, with the shortest match of its first form found there.

        In a long text, a form is tried only when each of its words can be
        found somewhere in it, which is checked once per form: texts built of
        a few words repeated thousands of times cost little more than others.
        """
        screen = len(tokens) > SCREEN_FROM
        distinct: dict[tuple[str, str, bool], Token] = {}
        for token in tokens:
            distinct.setdefault((token.text, token.kind, token.held), token)
        present = tuple(distinct.values())
        words = None if any(t.held for t in present) else frozenset(t.text for t in present)
        viable: dict[int, bool] = {}
        wide = self.wide
        # The forms worth trying from each distinct token, worked out once.
        tried: dict[tuple[str, str, bool], list[tuple[int, Form, bool]]] = {}
        for start, token in enumerate(tokens):
            seen: set[int] = set()
            place = (token.text, token.kind, token.held)
            candidates = tried.get(place)
            if candidates is None:
                candidates = []
                for key, form in self._candidates(token):
                    is_wide = id(form) in wide
                    if (screen or is_wide) and not _viable(form, present, viable, words):
                        continue
                    candidates.append((key, form, is_wide))
                tried[place] = candidates
            for key, form, is_wide in candidates:
                if key in seen:
                    continue
                found = _match(form, tokens, start, is_wide)
                if found is not None:
                    seen.add(key)
                    yield Found(key, start, found[0], found[1])


def _viable(
    form: Form, present: Sequence[Token], known: dict[int, bool], words: frozenset[str] | None
) -> bool:
    """Whether every word of the form stands somewhere among the text's distinct tokens.

    `words` holds the texts of those tokens when none was typed with a letter
    held down: a choice of plain words is then looked up in it."""
    viable = known.get(id(form))
    if viable is None:
        viable = all(_present(choice, present, words) for choice in form[1:])
        known[id(form)] = viable
    return viable


def _present(choice: Choice | Gap, present: Sequence[Token], words: frozenset[str] | None) -> bool:
    if isinstance(choice, Gap):
        return True
    if words is not None and not choice.prefixes and choice.number is None:
        return not choice.words.isdisjoint(words)
    return any(choice.matches(token) for token in present)


def _wide(form: Form) -> bool:
    return any(isinstance(part, Gap) and part.reach > GAP_WORDS for part in form)


def _match(
    form: Form, tokens: Sequence[Token], start: int, wide: bool = False
) -> tuple[int, tuple[int, ...]] | None:
    first = tokens[start]
    if not form[0].matches(first):  # type: ignore[union-attr]
        return None
    if len(form) > 1 and isinstance(form[1], Choice):
        # Most forms fail on their second word: see it before anything else.
        following = tokens[start + 1] if start + 1 < len(tokens) else None
        if following is None or not form[1].matches(following):
            return None

    def same_place(i: int, before: int, across: bool = False) -> bool:
        # The token at i stands where the match's token at `before` stands:
        # in its quotation, and in its sentence unless a gap runs across.
        return tokens[i].quote == first.quote and (
            across or tokens[i].sentence == tokens[before].sentence
        )

    # Where the rest of the form was found not to match: with wide gaps, the
    # same place is reached many ways, and is tried once.
    failed: set[tuple[int, int]] | None = set() if wide else None

    def rest(k: int, i: int, skipped: tuple[int, ...]) -> tuple[int, tuple[int, ...]] | None:
        # form[k:] against tokens[i:]
        if k == len(form):
            return i, skipped
        if failed is None:
            return _rest(k, i, skipped)
        if (k, i) in failed:
            return None
        found = _rest(k, i, skipped)
        if found is None:
            failed.add((k, i))
        return found

    def _rest(k: int, i: int, skipped: tuple[int, ...]) -> tuple[int, tuple[int, ...]] | None:
        choice = form[k]
        if isinstance(choice, Gap):
            for extra in range(choice.reach + 1):
                j = i + extra
                if j >= len(tokens) or not same_place(j, i - 1, choice.across):
                    return None
                found = rest(k + 1, j, skipped + tuple(range(i, j)))
                if found is not None:
                    return found
            return None
        # After a gap, the gap has placed this token; otherwise it follows the one before.
        after_gap = isinstance(form[k - 1], Gap)
        if i >= len(tokens) or not (after_gap or same_place(i, i - 1)):
            return None
        if not choice.matches(tokens[i]):
            return None
        if choice.number == "many" and _a_dose(tokens, i):
            return None
        return rest(k + 1, i + 1, skipped)

    if form[0].number == "many" and _a_dose(tokens, start):  # type: ignore[union-attr]
        return None
    return rest(1, start + 1, ())


def _a_dose(tokens: Sequence[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].text in UNITS
