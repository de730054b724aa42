"""Lexicon terms matched against a text, as whole words and phrases.

A term is written as staff would say it ("won't be here tomorrow", "il va me
tuer") and normalised like the texts (normalize.py), so it also matches
"wont b here tmrw" or "Il VA me tuerrr". Two signs widen a term: "#" stands
for any number ("# mg" matches "800mg" and "200 mg"), and a word ending in
"*" for any word it begins ("overdos*" matches "overdose", "overdosed").

A match counts unless it is denied ("I'm not suicidal") or, for suicide
risk only, someone other than the texter says it ("my friend said 'I want to
die'"); see speech.py. Danger counts even in someone else's mouth: "he told
me 'I'll kill you'" is the danger. When both categories count, danger wins
(`RANK`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from havre.triage import speech
from havre.triage.letters import squeeze
from havre.triage.normalize import Kind, Token, tokenize

SUICIDE = "suicide"
DANGER = "danger"
CATEGORIES = (SUICIDE, DANGER)
LANGUAGES = ("en", "fr")
# Immediate danger outranks suicide risk: see docs/triage.md.
RANK = {SUICIDE: 1, DANGER: 2}
PREFIX_MIN = 3
TERM_MAX_CHARS = 120

# What a term matches, word by word: (kind, word, word with held letters squeezed).
Piece = tuple[Kind, str, str]


class TermError(ValueError):
    """A term that cannot match anything as written; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_term(text: str) -> tuple[Piece, ...]:
    """The pieces a term matches, or TermError."""
    if len(text) > TERM_MAX_CHARS:
        raise TermError("term_too_long")
    pieces = tuple(
        (token.kind, token.text, squeeze(token.text)) for token in tokenize(text, pattern=True)
    )
    if not pieces:
        raise TermError("term_empty")
    if all(kind == "any_number" for kind, _, _ in pieces):
        raise TermError("term_only_numbers")
    if any(kind == "prefix" and len(word) < PREFIX_MIN for kind, word, _ in pieces):
        raise TermError("term_prefix_too_short")
    return pieces


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    category: str
    language: str
    pieces: tuple[Piece, ...]

    @classmethod
    def of(cls, text: str, category: str, language: str) -> Term:
        return cls(text, category, language, parse_term(text))


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    category: str
    language: str
    counted: bool
    reason: str | None  # "negated" or "reported" when not counted


@dataclass(frozen=True, slots=True)
class Assessment:
    category: str | None
    hits: tuple[Hit, ...]

    @property
    def crisis(self) -> bool:
        return self.category is not None


def _matches(piece: Piece, token: Token) -> bool:
    kind, word, squeezed = piece
    if kind == "any_number":
        return token.kind == "number"
    target = squeezed if token.held else word
    if kind == "prefix":
        return token.kind == "word" and token.text.startswith(target)
    return token.text == target


class Matcher:
    """A compiled set of terms; `assess` runs on every inbound text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        # Terms by their first word, as typed and squeezed (for held letters).
        self.by_word: tuple[dict[str, list[Term]], dict[str, list[Term]]] = (
            defaultdict(list),
            defaultdict(list),
        )
        self.by_prefix: tuple[dict[str, list[Term]], dict[str, list[Term]]] = (
            defaultdict(list),
            defaultdict(list),
        )
        self.by_number: list[Term] = []
        for term in terms:
            kind, word, squeezed = term.pieces[0]
            if kind == "any_number":
                self.by_number.append(term)
            elif kind == "prefix":
                self.by_prefix[0][word[:PREFIX_MIN]].append(term)
                self.by_prefix[1][squeezed[:PREFIX_MIN]].append(term)
            else:
                self.by_word[0][word].append(term)
                self.by_word[1][squeezed].append(term)

    def _candidates(self, token: Token) -> list[Term]:
        found = list(self.by_word[token.held].get(token.text, ()))
        if token.kind == "number":
            found.extend(self.by_number)
        elif token.kind == "word":
            found.extend(self.by_prefix[token.held].get(token.text[:PREFIX_MIN], ()))
        return found

    def _found_at(self, tokens: Sequence[Token], start: int, term: Term) -> bool:
        first = tokens[start]
        end = start + len(term.pieces)
        if end > len(tokens):
            return False
        for piece, token in zip(term.pieces, tokens[start:end], strict=True):
            if token.sentence != first.sentence or token.quote != first.quote:
                return False
            if not _matches(piece, token):
                return False
        return True

    def assess(self, text: str) -> Assessment:
        tokens = tokenize(text)
        hits: list[Hit] = []
        others: list[bool] | None = None
        for start, token in enumerate(tokens):
            for term in self._candidates(token):
                if not self._found_at(tokens, start, term):
                    continue
                reason: str | None = None
                if speech.negated(tokens, start):
                    reason = "negated"
                elif term.category == SUICIDE:
                    if others is None:
                        others = speech.others(tokens)
                    if any(others[start : start + len(term.pieces)]):
                        reason = "reported"
                hits.append(Hit(term.text, term.category, term.language, reason is None, reason))
        counted = [hit.category for hit in hits if hit.counted]
        category = max(counted, key=RANK.__getitem__) if counted else None
        return Assessment(category, tuple(hits))
