"""The inbound pipeline for texts that arrive already sealed: the web chat.

A web chat visitor's browser seals her text to the program key itself, so
the server never holds its words. The rest is the path every channel takes
(see pipeline.py): the address (her chat session) is normalised and checked
against the block index, then in one transaction the text is stored, flagged,
the conversation placed in the queue and the automatic replies queued, with
the events leaving after commit.

What the server cannot do without the words is done by the visitor's
browser: triage (it sends only the category, see docs/webchat.md). A request
to stop is not read from the text: the visitor leaves the page instead.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.db import transaction

from havre.conversations.actions.errors import (
    ActionError,
    ConversationClosed,
    InvalidNumber,
    StaleEpoch,
)
from havre.conversations.actions.inbound import (
    SealedArrival,
    StaleArrival,
    already_stored,
    store_arrival,
)
from havre.conversations.actions.outbound import queue_notices, send_in_order
from havre.conversations.models import Channel, Conversation, Message
from havre.events import one_event_per_conversation
from havre.intake.pipeline import current_epoch
from havre.protocols import automatic
from havre.safety.blocks import is_blocked
from havre.triage import assess
from havre.triage.matcher import CATEGORIES
from havre.vault import addresses, sealing
from havre.vault.blocks import is_sealed_shape
from havre.vault.formats import padded_size

logger = logging.getLogger(__name__)

WELCOME_STOP = "welcome_stop"


class NotSealed(ActionError):  # noqa: N818 (reads as the condition it reports)
    """Not the shape of a sealed text (a broken page sending clear text, say)."""

    code = "not_sealed"


class Blocked(ActionError):  # noqa: N818
    """The visitor's session is blocked: nothing is stored."""

    code = "blocked"


@dataclass(frozen=True)
class SealedText:
    """What a visitor's page sent: its ids, the sealed text and the flag it found."""

    channel: Channel
    # The visitor's address on this channel (her chat session's id).
    sender: str
    # The conversation the text was sealed for, chosen when her session began.
    conversation_id: uuid.UUID
    message_id: uuid.UUID
    epoch: int
    body_sealed: bytes
    # The crisis category the visitor's browser found with the program's
    # lexicons, or None.
    category: str | None


def receive_sealed(text: SealedText, max_chars: int) -> tuple[Message, bool]:
    """Store one text sealed by the sender's browser. Returns (message, created).

    Idempotent on the message id the browser chose: sending again after a lost
    answer returns the stored message with created=False. Raises Blocked for a
    blocked address, StaleEpoch when the text was sealed to an epoch that is not
    current (the page fetches the new key and seals again), NotSealed for what
    cannot be a sealed text, NoProgramKey before the program has a key, and
    ConversationClosed when her conversation closed meanwhile.
    """
    channel = text.channel
    try:
        address = addresses.normalize(channel.address_kind, text.sender)
    except addresses.InvalidAddressError:
        raise InvalidNumber("sender is not an address of this channel") from None
    if is_blocked(channel.program_id, addresses.block_subject(channel.address_kind, address)):
        logger.info("inbound from a blocked address dropped: channel=%s", channel.pk)
        raise Blocked("the address is blocked")
    if not is_sealed_shape(text.body_sealed, padded_size(4 * max_chars)):
        raise NotSealed("not a sealed text")
    category = text.category if text.category in CATEGORIES else None
    stored = already_stored(channel, str(text.message_id))
    if stored is not None:
        return stored, False
    epoch = current_epoch(channel)
    if epoch.number != text.epoch:
        raise StaleEpoch("sealed to an epoch that is not current")
    subject = addresses.route_subject(channel.address_kind, address)
    # A new conversation is filed under the current route key; one that
    # began before a rotation keeps the route it was filed under.
    route_key, route = sealing.routes_for(channel.program_id, subject)[0]
    existing = (
        Conversation.objects.filter(pk=text.conversation_id).values_list("route", flat=True).first()
    )
    new = not Conversation.objects.filter(pk=text.conversation_id).exists()
    if existing is not None and sealing.route_matches(existing, channel.program_id, subject):
        route = existing
    arrival = SealedArrival(
        channel=channel,
        # The browser's message id stands for the provider's: a retry is stored once.
        provider_id=str(text.message_id),
        route=route,
        route_key=route_key,
        epoch=epoch,
        conversation_id=text.conversation_id,
        new_conversation=new,
        number_sealed=sealing.seal_number(epoch, text.conversation_id, address) if new else None,
        message_id=text.message_id,
        body_sealed=text.body_sealed,
        media_count=0,
    )
    try:
        message = _store(arrival, address, category)
    except StaleArrival:
        # Her conversation was closed (or her session ended) since she began.
        raise ConversationClosed("the conversation is closed") from None
    logger.info("inbound stored: channel=%s message=%s", channel.pk, message.pk)
    return message, True


def _store(arrival: SealedArrival, address: str, category: str | None) -> Message:
    with transaction.atomic(), one_event_per_conversation():
        conversation, message = store_arrival(arrival)
        if category is not None:
            assess.flag(conversation, category)
        answered = automatic.Arrival(
            conversation=conversation,
            message=message,
            new_conversation=arrival.new_conversation,
            stop_requested=False,
        )
        notices = [
            notice
            for notice in automatic.replies_for(answered)
            # "Reply STOP" means nothing here: the server cannot read her text,
            # and she stops by leaving, which the page says from the start.
            if notice != WELCOME_STOP
        ]
        # The page shows a notice in the visitor's language when it fetches
        # it (havre.chat); nothing waits for a provider.
        replies = queue_notices(
            conversation, [(notice, "") for notice in notices], to=address, epoch=arrival.epoch
        )
        send_in_order([reply.pk for reply in replies])
        automatic.after_arrival(answered, notices)
    return message
