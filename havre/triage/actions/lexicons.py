"""Programs' own lexicons: saving one list, or going back to the built-in one.

Each save and reset is audited (who and when, not the terms)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.triage.lexicons import LIST_KEYS
from havre.triage.matcher import TermError, parse_term
from havre.triage.models import Lexicon

MAX_TERMS = 1000


class LexiconError(Exception):
    """A lexicon edit refused; `code` says why, `line` which term (0-based) when one is at fault."""

    def __init__(self, code: str, line: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.line = line


def _check_editor(program: Program, by: User, category: str, language: str) -> None:
    if by.program_id != program.pk or not by.is_supervisor:
        raise LexiconError("forbidden")
    if (category, language) not in LIST_KEYS:
        raise LexiconError("unknown_list")


def clean_terms(terms: list[str], language: str | None = None) -> list[str]:
    """The terms as they will be stored: trimmed, without blanks or repeats, each one valid.

    `language` is the list's: a term's groups take that language's words."""
    cleaned: list[str] = []
    seen: set[tuple[object, ...]] = set()
    for index, raw in enumerate(terms):
        text = " ".join(raw.split())
        if not text:
            continue
        try:
            pieces = parse_term(text, language)
        except TermError as exc:
            raise LexiconError(exc.code, index) from None
        if pieces in seen:
            continue
        seen.add(pieces)
        cleaned.append(text)
    if len(cleaned) > MAX_TERMS:
        raise LexiconError("too_many_terms")
    return cleaned


def save_lexicon(
    program: Program, *, by: User, category: str, language: str, terms: list[str]
) -> Lexicon:
    """Replace one list of the program's lexicons (the built-in list no longer applies to it)."""
    _check_editor(program, by, category, language)
    cleaned = clean_terms(terms, language)
    with transaction.atomic():
        lexicon, created = Lexicon.objects.select_for_update().get_or_create(
            program=program,
            category=category,
            language=language,
            defaults={"terms": "\n".join(cleaned), "updated_by": by},
        )
        if not created:
            Lexicon.objects.filter(pk=lexicon.pk).update(
                terms="\n".join(cleaned),
                updated_by=by,
                updated_at=timezone.now(),
                revision=F("revision") + 1,
            )
            lexicon.refresh_from_db()
        record(program, by, "triage.lexicon.save", f"{category}/{language}")
    return lexicon


def reset_lexicon(program: Program, *, by: User, category: str, language: str) -> None:
    """Go back to the built-in list."""
    _check_editor(program, by, category, language)
    with transaction.atomic():
        Lexicon.objects.filter(program=program, category=category, language=language).delete()
        record(program, by, "triage.lexicon.reset", f"{category}/{language}")
