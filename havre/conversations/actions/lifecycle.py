"""Closing a conversation: the one path, whoever closes it.

A member closes it from the console (or by blocking the number), the texter
asks to stop (STOP, ARRET...), or the retention sweep closes it after the
program's idle time. Either way the row is locked, a conversation already
closed is refused, the route and the sealed number are erased so the number
no longer maps to this row and can no longer be read, and whoever held it
has room again. An advocate may mark an ongoing relationship with the
texter: closing then keeps the route and the number until it ends.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.audit.actions import record
from havre.conversations import queueing
from havre.conversations.actions import team
from havre.conversations.actions.common import bump, require_key
from havre.conversations.actions.errors import ActionError, ConversationClosed
from havre.conversations.actions.outbound import cancel_for_stop
from havre.conversations.actions.team_errors import NotAllowed
from havre.conversations.models import Conversation, Direction, Message, Status

# What a sealed number becomes once erased: nothing left to open.
ERASED = b""


class IdleFate(StrEnum):
    """What the sweep does with a conversation idle for the program's time."""

    # Staff (or Havre's notices) wrote last: closed without a word.
    CLOSED = "closed"
    # The texter wrote last: marked as owed the closing notice, left open.
    OWED = "owed"
    # Owed the notice for longer than the grace, and nobody sent it: closed without it.
    UNSENT = "unsent"


def check_may_close(conversation: Conversation, member: User) -> None:
    """A member of the program with the current key who holds it, joined it, or supervises.

    Checked before anything looks at a number or a route.
    """
    if member.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(member)
    if member.is_supervisor or conversation.assigned_to_id == member.pk:
        return
    if not queueing.is_participant(conversation, member):
        raise NotAllowed("only its holder, a participant or a supervisor closes a conversation")


def close_conversation(
    conversation: Conversation, *, by: User | None, stopped: bool = False
) -> Conversation:
    """Close the conversation; returns it as closed.

    `by` is the member who closes it. `stopped=True` (with `by=None`) is the
    texter's own request: nothing more will ever be sent to them in it.
    """
    if by is None and not stopped:
        raise ActionError("a member closes a conversation, or the texter stops it")
    if by is not None:
        check_may_close(conversation, by)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != Status.OPEN:
            raise ConversationClosed("conversation is already closed")
        if by is not None:
            # Again on the locked row: it may have been handed on meanwhile.
            check_may_close(locked, by)
        _close_locked(locked, by=by, stopped=stopped)
        if stopped:
            record(locked.program_id, None, "conversation.stopped", locked.pk)
        elif by is not None:
            record(locked.program_id, by, "close", locked.pk)
    conversation.status, conversation.route = locked.status, locked.route
    conversation.closed_at, conversation.stopped_at = locked.closed_at, locked.stopped_at
    conversation.number_sealed = locked.number_sealed
    conversation.seq = locked.seq
    return locked


def idle_fate(conversation: Conversation, *, owed_since: datetime) -> IdleFate | None:
    """What the sweep would do with this idle conversation; None: wait (a notice is owed).

    `owed_since`: a notice owed since before this time is given up on.
    """
    last = Message.objects.filter(conversation=conversation).order_by("-seq").first()
    if last is None or last.direction != Direction.INBOUND:
        return IdleFate.CLOSED
    owed = conversation.closing_notice_owed_at
    if owed is None or owed < conversation.last_activity_at:
        return IdleFate.OWED
    return IdleFate.UNSENT if owed <= owed_since else None


def close_idle(
    conversation: Conversation, *, idle_since: datetime, owed_since: datetime
) -> IdleFate | None:
    """The retention sweep's act on a conversation that saw no activity since `idle_since`.

    Staff wrote last: it closes without any message, since Havre never writes
    first. The texter wrote last: she is owed the closing notice, which the
    server cannot send (it never holds her number), so the conversation is
    marked and left open for a console with the key to send it and close;
    marked since before `owed_since` with nothing since, it closes without it.
    Returns what it did, or None when it did nothing (closed meanwhile, active
    again, or still waiting). Two sweeps at once act once: the row is locked
    and its state read again under the lock.
    """
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().filter(pk=conversation.pk).first()
        if locked is None or locked.status != Status.OPEN or locked.last_activity_at > idle_since:
            return None
        fate = idle_fate(locked, owed_since=owed_since)
        if fate is None:
            return None
        if fate == IdleFate.OWED:
            bump(locked, activity=False)
            owed_at = timezone.now()
            Conversation.objects.filter(pk=locked.pk).update(closing_notice_owed_at=owed_at)
            conversation.closing_notice_owed_at = owed_at
            record(locked.program_id, None, "conversation.closing_notice_owed", locked.pk)
            return fate
        _close_locked(locked, by=None, stopped=False)
        record(locked.program_id, None, "conversation.closed_idle", locked.pk)
    return fate


def _close_locked(locked: Conversation, *, by: User | None, stopped: bool) -> None:
    """The one closing, of a row locked in the current transaction."""
    bump(locked)
    now = timezone.now()
    changes: dict[str, object] = {"status": Status.CLOSED, "closed_at": now, "closed_by": by}
    if locked.ongoing_since is None:
        changes.update(route=None, number_sealed=ERASED)
    if stopped:
        changes.update(stopped_at=now, queued_at=None)
        # Nothing queued before her STOP goes out after it.
        cancel_for_stop(locked)
    Conversation.objects.filter(pk=locked.pk).update(**changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    team.after_close(locked)


def mark_ongoing(conversation: Conversation, *, by: User) -> None:
    """An advocate marks an ongoing relationship: closing will keep the route and the number."""
    check_may_close(conversation, by)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != Status.OPEN:
            raise ConversationClosed("conversation is closed")
        if locked.ongoing_since is None:
            bump(locked, activity=False)
            locked.ongoing_since = timezone.now()
            Conversation.objects.filter(pk=locked.pk).update(ongoing_since=locked.ongoing_since)
            record(locked.program_id, by, "relationship.ongoing", locked.pk)
    conversation.ongoing_since = locked.ongoing_since


def end_ongoing(conversation: Conversation, *, by: User) -> None:
    """The relationship ends: a closed conversation's route and sealed number are erased now.

    Its last holder or a supervisor ends it; while the conversation is open,
    whoever may close it.
    """
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(by)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.ongoing_since is None:
            return
        if locked.status == Status.OPEN:
            check_may_close(locked, by)
        elif not (by.is_supervisor or locked.assigned_to_id == by.pk):
            raise NotAllowed("only its last holder or a supervisor ends a relationship")
        bump(locked, activity=False)
        changes: dict[str, object] = {"ongoing_since": None}
        if locked.status != Status.OPEN:
            changes.update(route=None, number_sealed=ERASED)
        Conversation.objects.filter(pk=locked.pk).update(**changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        record(locked.program_id, by, "relationship.ended", locked.pk)
    conversation.ongoing_since = None
    conversation.route, conversation.number_sealed = locked.route, locked.number_sealed
