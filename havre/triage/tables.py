"""The matcher's built-in tables as data, for its port to the visitor's browser.

The web chat's page triages the visitor's texts itself (the server never
reads them), with a TypeScript port of this package (frontend/src/triage/).
The port types none of the word lists again: it reads this module's JSON,
written to `frontend/src/triage/tables.json` by `scripts/triage-tables`,
and `make check` fails when the committed file is not what the Python
tables give today, as it does for a stale bundle. A program's lexicons are
not in it: the chat page fetches them by slug (havre/chat/views.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from havre.triage import context, groups, letters, matcher, normalize, pattern, sms, speech

PATH = Path(__file__).resolve().parents[2] / "frontend" / "src" / "triage" / "tables.json"


def _words(found: Iterable[str]) -> list[str]:
    return sorted(found)


def _by_word(table: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    return {key: _words(value) for key, value in sorted(table.items())}


def _phrases(table: Mapping[str, tuple[str, ...]]) -> dict[str, list[str]]:
    return {key: list(value) for key, value in sorted(table.items())}


def tables() -> dict[str, Any]:
    """Every module-level table and constant that the matcher's rules read."""
    return {
        "letters": {
            "ligatures": {chr(k): v for k, v in sorted(letters.LIGATURES.items())},
        },
        "normalize": {
            "auxiliary_typed": _phrases(normalize.AUXILIARY_TYPED),
            "subjects_before_me": _words(normalize.SUBJECTS_BEFORE_ME),
            "sentence_ends": _words(normalize.SENTENCE_ENDS),
            "clause_ends": _words(normalize.CLAUSE_ENDS),
            "openers": dict(sorted(normalize.OPENERS.items())),
            "single_quotes": _words(normalize.SINGLE_QUOTES),
            "apostrophes": _words(normalize.APOSTROPHES),
            "j_contracted": normalize.J_CONTRACTED.pattern,
            "spaced_elisions": _words(normalize.SPACED_ELISIONS),
            "elides_before": _words(normalize.ELIDES_BEFORE),
        },
        "sms": {
            "elisions": _phrases(sms.ELISIONS),
            "suffixes": _phrases(sms.SUFFIXES),
            "n_t_stems": dict(sorted(sms.N_T_STEMS.items())),
            "sms": _phrases(sms.SMS),
            "sms_held": _phrases(sms.SMS_HELD),
        },
        "pattern": {
            "prefix_min": pattern.PREFIX_MIN,
            "term_max_chars": pattern.TERM_MAX_CHARS,
            "gap_words": pattern.GAP_WORDS,
            "gap_signs": _words(pattern.GAP_SIGNS),
            "wide_gap_words": pattern.WIDE_GAP_WORDS,
            "wide_gap_signs": _words(pattern.WIDE_GAP_SIGNS),
            "across_gap_signs": _words(pattern.ACROSS_GAP_SIGNS),
            "forms_max": pattern.FORMS_MAX,
            "many": pattern.MANY,
            "screen_from": pattern.SCREEN_FROM,
            "units": _words(pattern.UNITS),
        },
        "groups": {
            name: {language: list(entries) for language, entries in sorted(by_language.items())}
            for name, by_language in sorted(groups.GROUPS.items())
        },
        "speech": {
            "negation_reach": speech.NEGATION_REACH,
            "condition_reach": speech.CONDITION_REACH,
            "actor_reach": speech.ACTOR_REACH,
            "quote_reach": speech.QUOTE_REACH,
            "report_reach": speech.REPORT_REACH,
            "subject_reach": speech.SUBJECT_REACH,
            "negations": _words(speech.NEGATIONS),
            "answers": _words(speech.ANSWERS),
            "future": _words(speech.FUTURE),
            "about": _words(speech.ABOUT),
            "future_reach": speech.FUTURE_REACH,
            "after_negations": _words(speech.AFTER_NEGATIONS),
            "after_negation_unless": _words(speech.AFTER_NEGATION_UNLESS),
            "not_denied_after": _by_word(speech.NOT_DENIED_AFTER),
            "not_denied_before": _by_word(speech.NOT_DENIED_BEFORE),
            "seeing": _words(speech.SEEING),
            "seeing_stems": list(speech.SEEING_STEMS),
            "seeing_between": _words(speech.SEEING_BETWEEN),
            "seeing_reach": speech.SEEING_REACH,
            "conditions": _words(speech.CONDITIONS),
            "measured": _words(speech.MEASURED),
            "intensifiers": _words(speech.INTENSIFIERS),
            "links": _words(speech.LINKS),
            "negation_stops": _words(speech.NEGATION_STOPS),
            "carry_over": _words(speech.CARRY_OVER),
            "contrasts": _words(speech.CONTRASTS),
            "question_links": _words(speech.QUESTION_LINKS),
            "first_person": _words(speech.FIRST_PERSON),
            "pronouns": _words(speech.PRONOUNS),
            "reporting": _words(speech.REPORTING),
            "quoting": _words(speech.QUOTING),
            "between_subject_and_verb": _words(speech.BETWEEN_SUBJECT_AND_VERB),
            "third_person": _words(speech.THIRD_PERSON),
            "impersonal": _words(speech.IMPERSONAL),
            "third_possessives": _words(speech.THIRD_POSSESSIVES),
            "third_reflexives": _words(speech.THIRD_REFLEXIVES),
            "third_reflexives_inside": _words(speech.THIRD_REFLEXIVES_INSIDE),
            "texter_words": _words(speech.TEXTER_WORDS),
        },
        "markers": context.marker_lists(),
        "context": {"feeling_reach": context.FEELING_REACH},
        "matcher": {"categories": list(matcher.CATEGORIES), "rank": matcher.RANK},
    }


def render() -> str:
    return json.dumps(tables(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def stale() -> bool:
    """Whether the committed JSON differs from what the tables give today."""
    return not PATH.exists() or PATH.read_text(encoding="utf-8") != render()


def write() -> None:
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(render(), encoding="utf-8")
