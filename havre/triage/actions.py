"""Every change triage makes: crisis flags on conversations, and programs' lexicons.

A flag stores the category and when it was first raised, never the words
that matched. A conversation is flagged once: a later match of the same or
a lower category changes nothing; a higher one (suicide risk, then
immediate danger) raises the category, keeps the first time, and alerts
again, so that nothing changes silently. Logs name the conversation and the
category only.
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from havre.accounts.models import Program, Role, User
from havre.audit.actions import record
from havre.conversations.models import Conversation
from havre.events import send_event_on_commit
from havre.triage.lexicons import LIST_KEYS
from havre.triage.matcher import RANK, TermError, parse_term
from havre.triage.models import Lexicon

logger = logging.getLogger(__name__)

MAX_TERMS = 1000


class LexiconError(Exception):
    """A lexicon edit refused; `code` says why, `line` which term (0-based) when one is at fault."""

    def __init__(self, code: str, line: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.line = line


def alert_recipients(program_id: uuid.UUID) -> list[str]:
    """Who is alerted: the supervisors and admins on duty, or all of them when none is."""
    supervisors = User.objects.filter(
        program_id=program_id, is_active=True, role__in=[Role.SUPERVISOR, Role.ADMIN]
    )
    on_duty = supervisors.filter(on_duty=True)
    chosen = on_duty if on_duty.exists() else supervisors
    return sorted(str(pk) for pk in chosen.values_list("pk", flat=True))


def flag_conversation(conversation: Conversation, category: str) -> None:
    """Flag the conversation (inside the caller's transaction) and alert on commit.

    The console learns of the new category from the conversation's own
    sequence bump made by the arrival that carried the text, and of the
    alert from the "crisis" event sent here.
    """
    if category not in RANK:
        raise ValueError(f"unknown crisis category {category!r}")
    now = timezone.now()
    rows = Conversation.objects.filter(pk=conversation.pk)
    previous: str | None = None
    with transaction.atomic():
        if rows.filter(crisis_category__isnull=True).update(
            crisis_category=category, crisis_at=now
        ):
            conversation.crisis_at = now
        else:
            lower = sorted((c for c in RANK if RANK[c] < RANK[category]), key=RANK.__getitem__)
            for candidate in reversed(lower):
                if rows.filter(crisis_category=candidate).update(crisis_category=category):
                    previous = candidate
                    break
            else:
                return  # already flagged as this, or as something more urgent
        conversation.crisis_category = category
    event: dict[str, object] = {
        "type": "crisis",
        "conversation": str(conversation.pk),
        "category": category,
        "previous": previous,
        "alert": alert_recipients(conversation.program_id),
    }
    send_event_on_commit(conversation.program_id, event)
    if previous is None:
        logger.info("crisis flagged: conversation=%s category=%s", conversation.pk, category)
    else:
        logger.info(
            "crisis raised: conversation=%s category=%s from=%s",
            conversation.pk,
            category,
            previous,
        )


def _check_editor(program: Program, by: User, category: str, language: str) -> None:
    if by.program_id != program.pk or not by.is_supervisor:
        raise LexiconError("forbidden")
    if (category, language) not in LIST_KEYS:
        raise LexiconError("unknown_list")


def clean_terms(terms: list[str]) -> list[str]:
    """The terms as they will be stored: trimmed, without blanks or repeats, each one valid."""
    cleaned: list[str] = []
    seen: set[tuple[object, ...]] = set()
    for index, raw in enumerate(terms):
        text = " ".join(raw.split())
        if not text:
            continue
        try:
            pieces = parse_term(text)
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
    cleaned = clean_terms(terms)
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
