"""A text arrives: check the block index, triage it, seal it, store it, and
queue the automatic replies that answer it, all before the webhook answers.

The plaintext exists here only in memory: triage reads it before sealing and
keeps only a category; the automatic replies are queued with the number they
answer, held by the relay, never stored.
"""

from __future__ import annotations

import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.conversations.actions.common import bump, epoch_or_refuse
from havre.conversations.actions.errors import InvalidNumber
from havre.conversations.actions.outbound import queue_notice, send_in_order
from havre.conversations.actions.team import place_new
from havre.conversations.models import Conversation, Delivery, Direction, Message, Status
from havre.gateways.models import Channel
from havre.protocols import automatic
from havre.triage import assess
from havre.vault import addresses, blocks, sealing

logger = logging.getLogger(__name__)


def receive_inbound(
    channel: Channel, *, provider_id: str, sender: str, body: str, media_count: int = 0
) -> tuple[Message | None, bool]:
    """Store one inbound text, sealed, in its open conversation or a new one.

    Idempotent on the provider's message id: a retried webhook returns the
    stored message with created=False. A text from a blocked address is
    dropped: (None, False), nothing stored, nobody alerted. The sender is an
    address of the channel's kind (a number, a WhatsApp id, a Signal account...).
    """
    kind = channel.address_kind
    try:
        e164 = addresses.normalize(kind, sender)
    except addresses.InvalidAddressError:
        raise InvalidNumber("sender is not an address of this channel") from None
    if blocks.is_blocked(channel.program_id, addresses.block_subject(kind, e164)):
        logger.info("inbound from a blocked number dropped: channel=%s", channel.pk)
        return None, False
    category = assess.category(channel.program, body)
    route = sealing.route_for(channel.program_id, addresses.route_subject(kind, e164))
    attempts = 3
    for attempt in range(attempts):
        try:
            return _store(channel, provider_id, e164, route, body, media_count, category)
        except IntegrityError:
            # A concurrent delivery of the same message, or a first message
            # from the same number, won the race: look again.
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _store(
    channel: Channel,
    provider_id: str,
    e164: str,
    route: str,
    body: str,
    media_count: int,
    category: str | None,
) -> tuple[Message, bool]:
    with transaction.atomic():
        existing = Message.objects.filter(channel=channel, provider_id=provider_id).first()
        if existing is not None:
            return existing, False
        epoch = epoch_or_refuse(channel)
        conversation = (
            Conversation.objects.select_related("channel")
            .filter(program_id=channel.program_id, route=route, status=Status.OPEN)
            .first()
        )
        if conversation is not None and conversation.channel.removed_at is not None:
            # Her conversation's channel was removed, and she writes on another
            # of the same kind: the conversation goes on there, answered from it.
            Conversation.objects.filter(pk=conversation.pk).update(channel=channel)
            conversation.channel = channel
        new = conversation is None
        if conversation is None:
            conversation_id = uuid.uuid4()
            conversation = Conversation.objects.create(
                id=conversation_id,
                program_id=channel.program_id,
                channel=channel,
                queued_at=timezone.now(),
                route=route,
                number_epoch=epoch,
                number_sealed=sealing.seal_number(epoch, conversation_id, e164),
            )
            place_new(conversation)
        seq = bump(conversation, inbound=True)
        message_id = uuid.uuid4()
        message = Message.objects.create(
            id=message_id,
            conversation=conversation,
            channel=channel,
            direction=Direction.INBOUND,
            epoch=epoch,
            body_sealed=sealing.seal_message(epoch, conversation.pk, message_id, "in", body),
            media_count=media_count,
            provider_id=provider_id,
            status=Delivery.RECEIVED,
            seq=seq,
            updated_seq=seq,
        )
        if category is not None:
            assess.flag(conversation, category)
        arrival = automatic.Arrival(
            conversation=conversation,
            message=message,
            new_conversation=new,
            stop_requested=automatic.is_stop_request(body),
        )
        send_in_order(
            [
                queue_notice(conversation, notice, to=e164, send=False).pk
                for notice in automatic.replies_for(arrival)
            ]
        )
        automatic.after_arrival(arrival)
    logger.info("inbound stored: channel=%s message=%s", channel.pk, message.pk)
    return message, True
