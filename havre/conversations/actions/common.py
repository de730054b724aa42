"""Pieces every conversation action shares: the sequence bump and delivery states."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from havre.accounts.grants import holds_current_key
from havre.accounts.models import User
from havre.conversations.actions.errors import KeyRequired
from havre.conversations.models import Conversation, Delivery, Message
from havre.events import send_event_on_commit


def require_key(member: User) -> None:
    """First thing of every act on a texter: she must hold the current program key."""
    if not holds_current_key(member):
        raise KeyRequired("the member does not hold the current program key")


def bump(
    conversation: Conversation, *, inbound: bool = False, activity: bool = True, count: int = 1
) -> int:
    """Advance the conversation's sequence inside the current transaction; returns the new one.

    `activity=False` for changes around the conversation (who holds it, who
    joined) that are not messages: the inbox's order and "waiting for a
    reply" follow the messages only. `count` takes several numbers at once,
    for several messages stored together: they are the `count` numbers
    ending at the one returned.
    """
    Conversation.objects.filter(pk=conversation.pk).update(**_changes(count, inbound, activity))
    seq: int = Conversation.objects.values_list("seq", flat=True).get(pk=conversation.pk)
    conversation.seq = seq
    announce(conversation)
    return seq


def bump_locked(conversation: Conversation, *, inbound: bool = False, count: int = 1) -> int:
    """`bump` for a row locked in this transaction and read under the lock: one UPDATE.

    Nobody else can move the sequence while the lock is held, so the new
    number is the one read plus `count`, without reading it back.
    """
    Conversation.objects.filter(pk=conversation.pk).update(**_changes(count, inbound, True))
    conversation.seq += count
    announce(conversation)
    return conversation.seq


def announce(conversation: Conversation) -> None:
    """Tell the program's consoles, after commit, that the conversation is at its sequence."""
    send_event_on_commit(
        conversation.program_id,
        {"type": "conversation", "conversation": str(conversation.pk), "seq": conversation.seq},
    )


def _changes(count: int, inbound: bool, activity: bool) -> dict[str, object]:
    now = timezone.now()
    changes: dict[str, object] = {"seq": F("seq") + count}
    if activity:
        changes["last_activity_at"] = now
    if inbound:
        changes["last_inbound_at"] = now
    return changes


DELIVERY_RANK = {
    Delivery.QUEUED: 0,
    Delivery.SENDING: 1,
    Delivery.SENT: 2,
    Delivery.DELIVERED: 3,
    Delivery.UNDELIVERED: 4,
    Delivery.FAILED: 4,
}


def set_status(
    message: Message, status: Delivery, *, error_code: str = "", **fields: object
) -> None:
    seq = bump(message.conversation)
    Message.objects.filter(pk=message.pk).update(
        status=status,
        error_code=error_code[:32],
        updated_seq=seq,
        status_at=timezone.now(),
        **fields,
    )
    message.status = status
    message.updated_seq = seq
