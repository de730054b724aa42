"""Pieces every conversation action shares: the sequence bump and delivery states."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from havre.conversations.models import Conversation, Delivery, Message
from havre.events import send_event_on_commit


def bump(conversation: Conversation, *, inbound: bool = False, activity: bool = True) -> int:
    """Advance the conversation's sequence inside the current transaction.

    `activity=False` for changes around the conversation (who holds it, who
    joined) that are not messages: the inbox's order and "waiting for a
    reply" follow the messages only.
    """
    now = timezone.now()
    changes: dict[str, object] = {"seq": F("seq") + 1}
    if activity:
        changes["last_activity_at"] = now
    if inbound:
        changes["last_inbound_at"] = now
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    seq: int = Conversation.objects.values_list("seq", flat=True).get(pk=conversation.pk)
    conversation.seq = seq
    send_event_on_commit(
        conversation.program_id,
        {"type": "conversation", "conversation": str(conversation.pk), "seq": seq},
    )
    return seq


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
