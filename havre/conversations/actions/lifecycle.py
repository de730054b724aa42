"""Closing a conversation: the one path, whoever closes it.

A member closes it from the console (or by blocking the number), or the
texter asks to stop (STOP, ARRET...). Either way the row is locked, a
conversation already closed is refused, the route is forgotten so the
number no longer maps to this row, and whoever held it has room again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.audit.actions import record
from havre.conversations.actions import team
from havre.conversations.actions.common import bump
from havre.conversations.actions.errors import ActionError, ConversationClosed
from havre.conversations.models import Conversation, Status


def close_conversation(
    conversation: Conversation, *, by: User | None, stopped: bool = False
) -> Conversation:
    """Close the conversation; returns it as closed.

    `by` is the member who closes it. `stopped=True` (with `by=None`) is the
    texter's own request: nothing more will ever be sent to them in it.
    """
    if by is None and not stopped:
        raise ActionError("a member closes a conversation, or the texter stops it")
    if by is not None and by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != Status.OPEN:
            raise ConversationClosed("conversation is already closed")
        bump(locked)
        now = timezone.now()
        changes: dict[str, object] = {
            "status": Status.CLOSED,
            "route": None,
            "closed_at": now,
            "closed_by": by,
        }
        if stopped:
            changes.update(stopped_at=now, queued_at=None)
        Conversation.objects.filter(pk=locked.pk).update(**changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        if stopped:
            record(locked.program_id, None, "conversation.stopped", locked.pk)
        team.after_close(locked)
    conversation.status, conversation.route = locked.status, locked.route
    conversation.closed_at, conversation.stopped_at = locked.closed_at, locked.stopped_at
    conversation.seq = locked.seq
    return locked
