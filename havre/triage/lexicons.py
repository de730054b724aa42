"""The lexicons in force for a program: its edited lists, the built-in ones elsewhere.

Triage runs on every inbound text, so each process keeps the compiled
matcher of each program and asks the database only for the lists'
revisions (one small query); it compiles again when a list was saved or
reset, by this process or another one.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from havre.triage import defaults
from havre.triage.matcher import CATEGORIES, LANGUAGES, Matcher, Term, TermError
from havre.triage.models import Lexicon

ListKey = tuple[str, str]  # (category, language)
LIST_KEYS: tuple[ListKey, ...] = tuple((c, lang) for c in CATEGORIES for lang in LANGUAGES)


def compile_lists(lists: Mapping[ListKey, Sequence[str]]) -> Matcher:
    """A matcher for these lists. Terms that cannot match are left out (saving refuses them)."""
    return Matcher(_terms(lists))


def _terms(lists: Mapping[ListKey, Sequence[str]]) -> Iterable[Term]:
    for (category, language), texts in lists.items():
        for text in texts:
            try:
                yield Term.of(text, category, language)
            except TermError:
                continue


def builtin_lists() -> dict[ListKey, list[str]]:
    return {key: defaults.terms(*key) for key in LIST_KEYS}


@cache
def builtin_matcher() -> Matcher:
    return compile_lists(builtin_lists())


def lists_for(program_id: uuid.UUID) -> dict[ListKey, list[str]]:
    """Every list in force for the program: edited where it edited, built-in elsewhere."""
    lists = builtin_lists()
    for row in Lexicon.objects.filter(program_id=program_id):
        lists[(row.category, row.language)] = row.term_list
    return lists


_lock = threading.Lock()
_compiled: dict[uuid.UUID, tuple[tuple[object, ...], Matcher]] = {}


def matcher_for(program_id: uuid.UUID) -> Matcher:
    stamp = tuple(
        Lexicon.objects.filter(program_id=program_id)
        .order_by("category", "language")
        .values_list("category", "language", "pk", "revision")
    )
    if not stamp:
        return builtin_matcher()
    with _lock:
        cached = _compiled.get(program_id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    matcher = compile_lists(lists_for(program_id))
    with _lock:
        _compiled[program_id] = (stamp, matcher)
    return matcher
