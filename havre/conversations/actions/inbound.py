"""Storing a text that arrived, already sealed (see `havre.intake` for the whole path).

The plaintext never reaches this module: the intake pipeline has normalised
the number, checked the block index, read the text for triage and sealed it
(and the number, for a new conversation) to the program key before calling.
Sealing binds each ciphertext to its conversation's id, so the pipeline seals
for the conversation it found open; if that changed before the write (it
closed, or a first text from the same number opened one meanwhile),
`StaleArrival` asks it to seal again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError
from django.utils import timezone

from havre.conversations.actions.common import announce, bump_locked
from havre.conversations.actions.team import place_new
from havre.conversations.models import Channel, Conversation, Delivery, Direction, Message, Status
from havre.vault.models import Epoch


class StaleArrival(Exception):  # noqa: N818 (reads as the condition it reports)
    """The open conversation is no longer the one the text was sealed for."""


@dataclass(frozen=True)
class SealedArrival:
    channel: Channel
    provider_id: str
    route: str
    epoch: Epoch
    # The open conversation it was sealed for, or the id of a new one.
    conversation_id: uuid.UUID
    new_conversation: bool
    # Only for a new conversation: the texter's number, sealed.
    number_sealed: bytes | None
    message_id: uuid.UUID
    body_sealed: bytes
    media_count: int
    # Only the beginning of a text over the length limit was sealed.
    cut: bool = False
    # Only for a new conversation: the language its first text is in, if known.
    language: str = ""
    # Which route key made `route` (for a new conversation).
    route_key: int = 0


def open_conversation_id(channel: Channel, route: str) -> uuid.UUID | None:
    """The id of the program's open conversation with this route, if any."""
    found = open_conversation_route(channel, [route])
    return None if found is None else found[0]


def open_conversation_route(
    channel: Channel, routes: list[str]
) -> tuple[uuid.UUID, str, str] | None:
    """The program's open conversation under any of these routes (one per route key in use),
    as its id, the route it was filed under and its texter's language ("" if unknown)."""
    found = (
        Conversation.objects.filter(
            program_id=channel.program_id, route__in=routes, status=Status.OPEN
        )
        .values_list("pk", "route", "language")
        .first()
    )
    return None if found is None or found[1] is None else (found[0], found[1], found[2])


def already_stored(channel: Channel, provider_id: str) -> Message | None:
    """The message a retried webhook already delivered, if it did."""
    return Message.objects.filter(channel=channel, provider_id=provider_id).first()


def store_arrival(arrival: SealedArrival) -> tuple[Conversation, Message]:
    """Write the sealed text (and its conversation, when new), inside the caller's transaction.

    A new conversation is placed in the queue (or with someone, under
    automatic assignment). An open one's row is locked until the transaction
    ends, and a new one's is the transaction's own, so nothing else moves
    its sequence meanwhile.
    """
    channel = arrival.channel
    if arrival.new_conversation:
        if arrival.number_sealed is None:
            raise ValueError("a new conversation needs the texter's number, sealed")
        conversation = _open(arrival)
        announce(conversation)
        seq = 1
        place_new(conversation)
    else:
        found = (
            Conversation.objects.select_for_update()
            .filter(program_id=channel.program_id, route=arrival.route, status=Status.OPEN)
            .first()
        )
        if found is None or found.pk != arrival.conversation_id:
            raise StaleArrival("the conversation closed meanwhile")
        conversation = found
        # The same program as the channel's, already read: not read again.
        conversation.program = channel.program
        if (
            conversation.channel_id != channel.pk
            and not Channel.objects.filter(pk=conversation.channel_id, removed_at=None).exists()
        ):
            # Her conversation's channel was removed, and she writes on another
            # of the same kind: the conversation goes on there, answered from it.
            Conversation.objects.filter(pk=conversation.pk).update(channel=channel)
            conversation.channel = channel
        seq = bump_locked(conversation, inbound=True)
    message = Message.objects.create(
        id=arrival.message_id,
        conversation=conversation,
        channel=channel,
        direction=Direction.INBOUND,
        epoch=arrival.epoch,
        body_sealed=arrival.body_sealed,
        media_count=arrival.media_count,
        cut=arrival.cut,
        provider_id=arrival.provider_id,
        status=Delivery.RECEIVED,
        seq=seq,
        updated_seq=seq,
    )
    return conversation, message


def _open(arrival: SealedArrival) -> Conversation:
    """The new conversation, created at its first number (the text is its first change).

    Not looked up first: the database keeps one open conversation per route,
    so one that a first text from the same number opened meanwhile refuses
    this one, and the transaction, undone, is sealed again for it.
    """
    now = timezone.now()
    try:
        return Conversation.objects.create(
            id=arrival.conversation_id,
            program=arrival.channel.program,
            channel=arrival.channel,
            queued_at=now,
            route=arrival.route,
            route_key=arrival.route_key,
            number_epoch=arrival.epoch,
            number_sealed=arrival.number_sealed,
            language=arrival.language,
            seq=1,
            last_inbound_at=now,
            last_activity_at=now,
        )
    except IntegrityError:
        raise StaleArrival("a conversation opened meanwhile") from None
