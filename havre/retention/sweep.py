"""The retention sweep: close idle conversations, erase what is due, shred spent keys.

It runs every minute (settings.HAVRE_SWEEPS) and on demand (`havre purge`),
from due times kept in the database, so a lost queue entry or a crash skips
nothing: what one sweep did not finish, the next one does. Each erasure is
claimed by a conditional UPDATE inside the transaction that erases, so two
workers sweeping at once erase each conversation once.

What it writes down is counts and durations: never a text, a number or who
wrote.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from havre.accounts.grants import shred_epoch
from havre.accounts.models import Program
from havre.audit.actions import forget_before
from havre.conversations.actions.erasure import count_contents, erase_closed
from havre.conversations.actions.lifecycle import ERASED, IdleFate, close_idle, idle_fate
from havre.conversations.models import CLOSING_NOTICE_GRACE, Conversation, Message, Note, Status
from havre.retention import routes
from havre.retention.models import Erasure, Policy, PurgeReport
from havre.retention.policy import policy_for
from havre.retention.signals import conversation_erased
from havre.safety.models import Block
from havre.vault.models import Epoch, Grant

logger = logging.getLogger(__name__)

# progress(done, total): a terminal's progress bar, for `havre purge`.
Progress = Callable[[int, int], None]

COUNTS = (
    "closed_idle",
    "closing_notices_owed",
    "closing_notices_unsent",
    "conversations_erased",
    "messages_deleted",
    "notes_deleted",
    "numbers_erased",
    "code_words_erased",
    "audit_entries_deleted",
    "reports_deleted",
    "epochs_shredded",
    "grants_deleted",
)


@dataclass
class Outcome:
    """One program's purge: counts and how long it took."""

    program_id: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    duration_ms: int = 0

    def add(self, name: str, count: int) -> None:
        self.counts[name] += count

    @property
    def did_something(self) -> bool:
        return any(self.counts.values())


def sweep() -> int:
    """The periodic sweep (settings.HAVRE_SWEEPS): returns how many conversations it erased."""
    outcomes = purge(trigger="sweep")
    return sum(outcome.counts["conversations_erased"] for outcome in outcomes)


def purge(
    *,
    program: Program | None = None,
    dry_run: bool = False,
    trigger: str = "command",
    progress: Progress | None = None,
) -> list[Outcome]:
    """Run the sweep now, for one program or all; a dry run counts and changes nothing."""
    programs = [program] if program is not None else list(Program.objects.order_by("created_at"))
    outcomes = []
    for one in programs:
        started, clock = timezone.now(), time.monotonic()
        outcome = Outcome(str(one.pk))
        policy = policy_for(one)
        if dry_run:
            _count(one, policy, started, outcome)
        else:
            _sweep_program(one, policy, started, outcome, progress)
        outcome.duration_ms = int((time.monotonic() - clock) * 1000)
        if not dry_run and (outcome.did_something or trigger == "command"):
            PurgeReport.objects.create(
                program=one,
                started_at=started,
                duration_ms=outcome.duration_ms,
                trigger=trigger,
                counts=outcome.counts,
            )
            logger.info(
                "purge: program=%s erased=%d in %dms",
                one.pk,
                outcome.counts["conversations_erased"],
                outcome.duration_ms,
            )
        outcomes.append(outcome)
    if not dry_run:
        keys = routes.keep_keys_current()
        if any(keys.values()):
            logger.info("route keys: %s", keys)
    if not dry_run and any(outcome.did_something for outcome in outcomes):
        checkpoint()
    return outcomes


def _sweep_program(
    program: Program, policy: Policy, now: datetime, outcome: Outcome, progress: Progress | None
) -> None:
    idle_since = now - policy.close_idle_after
    owed_since = now - CLOSING_NOTICE_GRACE
    for conversation in _idle(program, idle_since):
        fate = close_idle(conversation, idle_since=idle_since, owed_since=owed_since)
        if fate is not None:
            _count_fate(outcome, fate)
    schedule(program, policy)
    # Read the clock again: what the idle closing just made due goes now too.
    due = list(
        Erasure.objects.filter(program=program, done_at__isnull=True, due_at__lte=timezone.now())
        .order_by("due_at")
        .values_list("pk", flat=True)
    )
    for done, conversation_id in enumerate(due, start=1):
        _erase_one(conversation_id, now, outcome)
        if progress is not None:
            progress(done, len(due))
    outcome.add("audit_entries_deleted", forget_before(program, now - policy.audit_keep))
    old_reports = PurgeReport.objects.filter(
        program=program, started_at__lt=now - policy.audit_keep
    )
    outcome.add("reports_deleted", old_reports.delete()[0])
    for epoch in _spent_epochs(program):
        grants = shred_epoch(epoch)
        outcome.add("epochs_shredded", int(grants > 0))
        outcome.add("grants_deleted", grants)


def _erase_one(conversation_id: uuid.UUID, now: datetime, outcome: Outcome) -> None:
    with transaction.atomic():
        claimed = Erasure.objects.filter(pk=conversation_id, done_at__isnull=True).update(
            done_at=now
        )
        if claimed != 1:
            return  # another worker erased it
        erased = erase_closed(conversation_id)
        if erased is not None:
            conversation_erased.send(sender=Erasure, conversation_id=conversation_id)
    if erased is None:
        return
    outcome.add("conversations_erased", 1)
    outcome.add("messages_deleted", erased.messages)
    outcome.add("notes_deleted", erased.notes)
    outcome.add("numbers_erased", erased.numbers)
    outcome.add("code_words_erased", erased.code_words)


def schedule(program: Program, policy: Policy) -> int:
    """Store the due time of every closed conversation that has none yet."""
    unscheduled = Conversation.objects.filter(
        program=program, status=Status.CLOSED, closed_at__isnull=False, erasure__isnull=True
    ).values_list("pk", "closed_at")
    rows = [
        Erasure(
            conversation_id=pk,
            program=program,
            closed_at=closed,
            due_at=closed + policy.delete_after,
        )
        for pk, closed in unscheduled
        if closed is not None
    ]
    Erasure.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _idle(program: Program, idle_since: datetime) -> list[Conversation]:
    return list(
        Conversation.objects.filter(
            program=program, status=Status.OPEN, last_activity_at__lte=idle_since
        ).only("pk", "last_activity_at", "closing_notice_owed_at")
    )


def _count_fate(outcome: Outcome, fate: IdleFate) -> None:
    if fate == IdleFate.OWED:
        outcome.add("closing_notices_owed", 1)
        return
    outcome.add("closed_idle", 1)
    if fate == IdleFate.UNSENT:
        outcome.add("closing_notices_unsent", 1)


def _spent_epochs(program: Program) -> list[Epoch]:
    """Retired epochs that still have grants but seal nothing any more."""

    def sealed_to(queryset_filter: Q, model: type[Message | Note | Conversation | Block]) -> Exists:
        return Exists(model._default_manager.filter(queryset_filter))

    epoch = OuterRef("pk")
    return list(
        Epoch.objects.filter(program=program, retired_at__isnull=False)
        .filter(Exists(Grant.objects.filter(epoch=epoch)))
        .exclude(sealed_to(Q(epoch=epoch), Message))
        .exclude(sealed_to(Q(epoch=epoch), Note))
        .exclude(sealed_to(Q(number_epoch=epoch) & ~Q(number_sealed=ERASED), Conversation))
        .exclude(sealed_to(Q(code_word_epoch=epoch), Conversation))
        .exclude(sealed_to(Q(label_epoch=epoch), Block))
    )


def _count(program: Program, policy: Policy, now: datetime, outcome: Outcome) -> None:
    """What a sweep would do now, counted without changing anything."""
    for conversation in _idle(program, now - policy.close_idle_after):
        fate = idle_fate(conversation, owed_since=now - CLOSING_NOTICE_GRACE)
        if fate is not None:
            _count_fate(outcome, fate)
    due_by_row = Erasure.objects.filter(program=program, done_at__isnull=True, due_at__lte=now)
    due_unscheduled = Conversation.objects.filter(
        program=program,
        status=Status.CLOSED,
        erasure__isnull=True,
        closed_at__lte=now - policy.delete_after,
    )
    ids = list(due_by_row.values_list("pk", flat=True)) + list(
        due_unscheduled.values_list("pk", flat=True)
    )
    contents = count_contents(ids)
    outcome.add("conversations_erased", len(ids))
    outcome.add("messages_deleted", contents.messages)
    outcome.add("notes_deleted", contents.notes)
    outcome.add("numbers_erased", contents.numbers)
    outcome.add("code_words_erased", contents.code_words)
    from_audit = now - policy.audit_keep
    outcome.add(
        "audit_entries_deleted",
        program.audit_entries.filter(at__lt=from_audit).count(),
    )
    outcome.add(
        "reports_deleted",
        PurgeReport.objects.filter(program=program, started_at__lt=from_audit).count(),
    )
    spent = _spent_epochs(program)
    outcome.add("epochs_shredded", len(spent))
    outcome.add("grants_deleted", Grant.objects.filter(epoch__in=spent).count())


def checkpoint() -> None:
    """Deleted means gone from the file: SQLite's WAL is copied back and truncated.

    `secure_delete` (settings.DATABASES) zeroes the deleted rows in the main
    file; until the checkpoint, their old pages may still sit in the WAL.
    PostgreSQL leaves deleted tuples until vacuum (see docs/retention.md).
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return  # inside a transaction, SQLite cannot checkpoint: the next sweep does
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log, _done = cursor.fetchone()
    except DatabaseError:
        busy = 1
    if busy:
        logger.warning("purge: the WAL checkpoint was busy; the next sweep truncates it")
