"""Crisis flags on conversations and the alerts they raise.

A flag stores the category and when it was first raised, never the words
that matched. A conversation is flagged once: a later match of the same or
a lower category changes nothing; a higher one (suicide risk, then
immediate danger) raises the category, keeps the first time, and alerts
again, so that nothing changes silently.

Each flag or raise leaves one pending alert per conversation, which stays
until a supervisor acknowledges it, so that a console closed or locked when
it fired still shows it when it opens. A supervisor who judges a flag false
clears it with a reason code (never text): the conversation goes back among
the others by its wait time, its pending alert ends, and the audit log keeps
who, when and why. Logs name the conversation, the category and the reason
code only.
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import Role, User
from havre.audit.actions import record
from havre.conversations.actions.common import bump
from havre.conversations.models import Conversation
from havre.events import send_event_on_commit
from havre.triage.matcher import RANK
from havre.triage.models import CrisisAlert

logger = logging.getLogger(__name__)

# Why a supervisor clears a flag: the words were a joke or an idiom, about
# someone else, danger long past, an ordinary use of them (medicine taken
# for a headache, cooking), or a test by staff.
CLEAR_REASONS = ("joke", "someone_else", "past", "everyday", "test", "other")


class FlagError(Exception):
    """A flag change refused; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


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
        alert = _pending_alert(conversation, category, previous)
    event: dict[str, object] = {
        "type": "crisis",
        "id": alert.pk,
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


def _pending_alert(conversation: Conversation, category: str, previous: str | None) -> CrisisAlert:
    pending = (
        CrisisAlert.objects.select_for_update()
        .filter(conversation=conversation, acknowledged_at__isnull=True)
        .first()
    )
    if pending is None:
        return CrisisAlert.objects.create(
            program_id=conversation.program_id,
            conversation=conversation,
            category=category,
            previous=previous,
        )
    # Raised before anyone acknowledged the first alert: one alert, now urgent.
    pending.previous = pending.previous or previous
    pending.category = category
    pending.save(update_fields=["category", "previous"])
    return pending


def _check_supervisor(conversation: Conversation, by: User) -> None:
    if by.program_id != conversation.program_id or not by.is_supervisor or not by.is_active:
        raise FlagError("forbidden")


def acknowledge_alert(alert: CrisisAlert, *, by: User) -> bool:
    """End a pending alert for every console. False when it was already acknowledged."""
    if by.program_id != alert.program_id or not by.is_supervisor or not by.is_active:
        raise FlagError("forbidden")
    with transaction.atomic():
        done = CrisisAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=timezone.now(), acknowledged_by=by
        )
        if not done:
            return False
        record(alert.program_id, by, "triage.alert.acknowledge", alert.conversation_id)
    send_event_on_commit(
        alert.program_id,
        {
            "type": "crisis_acknowledged",
            "id": alert.pk,
            "conversation": str(alert.conversation_id),
            "by": str(by.pk),
        },
    )
    return True


def clear_flag(conversation: Conversation, *, by: User, reason: str) -> None:
    """A supervisor judges the flag false: unflag, end its alert, audit the reason code.

    The queue serves unflagged conversations by their wait time (since
    `queued_at`), which clearing leaves as it was: the conversation takes
    the place its wait gives it. A later text that matches flags it again.
    """
    _check_supervisor(conversation, by)
    if reason not in CLEAR_REASONS:
        raise FlagError("unknown_reason")
    now = timezone.now()
    with transaction.atomic():
        cleared = Conversation.objects.filter(
            pk=conversation.pk, crisis_category__isnull=False
        ).update(crisis_category=None, crisis_at=None)
        if not cleared:
            raise FlagError("not_flagged")
        CrisisAlert.objects.filter(conversation=conversation, acknowledged_at__isnull=True).update(
            acknowledged_at=now, acknowledged_by=by
        )
        conversation.crisis_category = None
        conversation.crisis_at = None
        bump(conversation, activity=False)
        record(conversation.program_id, by, f"triage.flag.clear.{reason}", conversation.pk)
    send_event_on_commit(
        conversation.program_id,
        {"type": "crisis_cleared", "conversation": str(conversation.pk), "by": str(by.pk)},
    )
    logger.info("crisis cleared: conversation=%s reason=%s", conversation.pk, reason)


def pending_alerts(member: User) -> list[CrisisAlert]:
    """The alerts still pending that this member's console shows: none for an advocate.

    Those the member would be alerted of now (alert_recipients), oldest
    first, so that a console opened late shows what fired while it was shut.
    """
    if not member.is_supervisor or str(member.pk) not in alert_recipients(member.program_id):
        return []
    return list(
        CrisisAlert.objects.filter(program_id=member.program_id, acknowledged_at__isnull=True)
        .select_related("conversation")
        .order_by("raised_at", "pk")
    )
