"""Lexicon terms matched against a text, as whole words and phrases.

A term is written as staff would say it ("won't be here tomorrow", "il va me
tuer") and normalised like the texts (normalize.py), so it also matches
"wont b here tmrw" or "Il VA me tuerrr". A few signs widen a term
(pattern.py): "#" any number, "##" a number of 10 or more, "overdos*" any
word it begins, "a|b" either word, "{medicine}" any word of a built-in
group, "..." a few words of any kind.

A match counts unless it is denied ("I'm not suicidal"), or, for suicide
risk only, someone other than the texter says it ("my friend said 'I want to
die'"), see speech.py; or the rest of the text makes it a joke, a story, or
something past and resolved, see context.py. Danger counts even in someone
else's mouth: "he told me 'I'll kill you'" is the danger. When both
categories count, danger wins (`RANK`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from havre.triage import speech
from havre.triage.context import Context
from havre.triage.normalize import tokenize
from havre.triage.pattern import (
    PREFIX_MIN,
    TERM_MAX_CHARS,
    Choice,
    Form,
    Index,
    TermError,
    parse_term,
)

SUICIDE = "suicide"
DANGER = "danger"
CATEGORIES = (SUICIDE, DANGER)
LANGUAGES = ("en", "fr")
# Immediate danger outranks suicide risk: see docs/triage.md.
RANK = {SUICIDE: 1, DANGER: 2}
# Why a match was set aside.
REASONS = ("negated", "reported", "other_person", "joke", "story", "everyday", "past")

__all__ = [
    "CATEGORIES",
    "DANGER",
    "LANGUAGES",
    "PREFIX_MIN",
    "RANK",
    "REASONS",
    "SUICIDE",
    "TERM_MAX_CHARS",
    "Assessment",
    "Hit",
    "Matcher",
    "Term",
    "TermError",
    "parse_term",
]


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    category: str
    language: str
    forms: tuple[Form, ...]
    # Whether the term names the texter ("better off without me"), so that
    # it is the texter's whoever else the sentence names.
    names_texter: bool
    # Whether the term itself holds a third person's possessive ("not their
    # fault"): that one then gives the match to nobody else.
    owns_possessive: bool = False

    @classmethod
    def of(cls, text: str, category: str, language: str) -> Term:
        forms = parse_term(text, language)
        names_texter = any(
            choice.words & speech.TEXTER_WORDS
            for form in forms
            for choice in form
            if isinstance(choice, Choice)
        )
        owns_possessive = any(
            choice.words & speech.THIRD_POSSESSIVES
            for form in forms
            for choice in form
            if isinstance(choice, Choice)
        )
        return cls(text, category, language, forms, names_texter, owns_possessive)


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    category: str
    language: str
    counted: bool
    reason: str | None  # one of REASONS when not counted


@dataclass(frozen=True, slots=True)
class Assessment:
    category: str | None
    hits: tuple[Hit, ...]

    @property
    def crisis(self) -> bool:
        return self.category is not None


class Matcher:
    """A compiled set of terms; `assess` runs on every inbound text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(terms)
        self.index = Index(
            (key, form) for key, term in enumerate(self.terms) for form in term.forms
        )

    def assess(self, text: str) -> Assessment:
        tokens = tokenize(text)
        context = Context(tokens)
        hits: list[Hit] = []
        others: list[bool] | None = None
        for found in self.index.find(tokens):
            term = self.terms[found.key]
            first = tokens[found.start]
            reason: str | None = None
            if speech.denied(tokens, found.start, found.skipped, found.end):
                reason = "negated"
            else:
                if others is None:
                    others = speech.others(tokens)
                reported = any(others[found.start : found.end])
                if reported and term.category == SUICIDE and not context.agrees():
                    reason = "reported"
                elif (
                    term.category == SUICIDE
                    and not term.names_texter
                    and speech.someone_else_acts(
                        tokens, found.start, found.end, possessives=not term.owns_possessive
                    )
                ):
                    reason = "other_person"
                elif context.joke(first.sentence):
                    reason = "joke"
                elif context.story(first.sentence) and (
                    reported or (not term.names_texter and context.about(found.start, found.end))
                ):
                    reason = "story"
                elif context.everyday(found.start, found.end, mishaps=term.category == SUICIDE):
                    reason = "everyday"
                elif context.past(found.start, found.end):
                    reason = "past"
            hits.append(Hit(term.text, term.category, term.language, reason is None, reason))
        counted = [hit.category for hit in hits if hit.counted]
        category = max(counted, key=RANK.__getitem__) if counted else None
        return Assessment(category, tuple(hits))
