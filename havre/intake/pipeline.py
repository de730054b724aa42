"""The inbound pipeline: from a provider's verified webhook to a stored, sealed text.

Every channel feeds this one function, top to bottom:

1. verify   the provider's signature          (the provider's view, before the call)
2. parse    its payload into sender and text  (the provider's view, before the call)
3. normalise the sender's address, by the channel's kind (an E.164 number, a
            WhatsApp id, a Messenger page-scoped id, a Signal account)
4. block check against the keyed block index: a blocked address is dropped
5. triage   the plaintext in memory; only a category is kept
6. cut      a text longer than the message limit to its beginning, marked as cut
   seal     the text (and the number, for a new conversation) to the program key
   render   the automatic replies it will get, from what the texter was told
            and the program's wording (nothing of this needs a lock)
7. store    in one short transaction: the conversation and the message, the
            crisis flag, the conversation's place in the queue, the automatic
            replies queued to the number being answered (rendered again only
            if the conversation changed meanwhile)
8. announce after commit: the consoles hear of the arrival in one event (at
            the conversation's last number, the replies included), then the
            sender of the replies to hand to the provider

The plaintext exists here only in memory. Providers call this module; it
calls only downward (safety, triage, protocols, conversations, vault).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import IntegrityError, transaction

from havre.conversations.actions.errors import InvalidNumber, NoProgramKey
from havre.conversations.actions.inbound import (
    SealedArrival,
    StaleArrival,
    already_stored,
    open_conversation_route,
    store_arrival,
)
from havre.conversations.actions.outbound import queue_notices, send_in_order
from havre.conversations.models import Channel, Message
from havre.events import one_event_per_conversation
from havre.protocols import automatic
from havre.protocols.language import detect_language
from havre.protocols.notices import language_for, render_all, texter_language
from havre.safety.blocks import is_blocked
from havre.triage import assess
from havre.vault import addresses, sealing
from havre.vault.models import Epoch

logger = logging.getLogger(__name__)

# A text sealed for a conversation that changed before the write is sealed again.
ATTEMPTS = 3


@dataclass(frozen=True)
class Replies:
    """The automatic replies planned for an arrival, rendered before its transaction."""

    plan: automatic.Plan
    language: str
    texts: list[str]


@dataclass(frozen=True)
class Text:
    """What the provider's view parsed: the sender's address and what they wrote."""

    channel: Channel
    provider_id: str
    sender: str
    body: str
    media_count: int
    cut: bool = False


def receive_inbound(
    channel: Channel, *, provider_id: str, sender: str, body: str, media_count: int = 0
) -> tuple[Message | None, bool]:
    """Store one inbound text, sealed, in its open conversation or a new one.

    Returns (message, created). Idempotent on the provider's message id: a
    retried webhook returns the stored message with created=False. A text
    from a blocked number is dropped: (None, False), nothing stored, nobody
    alerted. Raises InvalidNumber for a sender that is no address of the
    channel's kind, and NoProgramKey before the program's key exists (nothing
    can be stored unreadably yet).
    """
    text = Text(channel, provider_id, sender, body, media_count)
    e164 = normalise(text)
    if is_blocked(channel.program_id, addresses.block_subject(channel.address_kind, e164)):
        logger.info("inbound from a blocked number dropped: channel=%s", channel.pk)
        return None, False
    category = assess.category(channel.program, body)
    text = within_limit(text)
    stop_requested = automatic.is_stop_request(body)
    for attempt in range(ATTEMPTS):
        arrival, language = seal(text, e164)
        replies = render_replies(text, arrival, language, stop_requested=stop_requested)
        try:
            message = store(arrival, e164, category, replies, stop_requested=stop_requested)
        except (StaleArrival, automatic.ToldChanged, IntegrityError):
            # A retried webhook whose text is stored already (the message's
            # unique provider id refused it, and the transaction left nothing),
            # or a first message from the same number won the race, or another
            # text of hers was answered meanwhile: look again, seal again. Retries are rare: the text every webhook
            # brings is not looked up first.
            stored = already_stored(channel, provider_id)
            if stored is not None:
                return stored, False
            if attempt == ATTEMPTS - 1:
                raise
            continue
        logger.info("inbound stored: channel=%s message=%s", channel.pk, message.pk)
        return message, True
    raise AssertionError("unreachable")


def normalise(text: Text) -> str:
    """The sender's canonical address: what is sealed, routed and blocked."""
    try:
        return addresses.normalize(text.channel.address_kind, text.sender)
    except addresses.InvalidAddressError:
        raise InvalidNumber("sender is not an address of this channel") from None


def within_limit(text: Text) -> Text:
    """The text, or its beginning when it is longer than a message may be (marked as cut).

    Providers' own limits are shorter than ours for SMS; a channel that
    carries longer texts has them kept up to the limit, never whole. Triage
    has read the whole text by then.
    """
    limit = settings.HAVRE_MAX_MESSAGE_CHARS
    if len(text.body) <= limit:
        return text
    logger.warning(
        "inbound text cut to its first %d characters: channel=%s", limit, text.channel.pk
    )
    return replace(text, body=text.body[:limit], cut=True)


def seal(text: Text, e164: str) -> tuple[SealedArrival, str]:
    """The text and number sealed for the conversation they will be stored in,
    and the texter's language as known ("" if not)."""
    channel = text.channel
    epoch = current_epoch(channel)
    # Under the current route key, or the previous one while it is in use.
    routes = sealing.routes_for(
        channel.program_id, addresses.route_subject(channel.address_kind, e164)
    )
    route_key, route = routes[0]
    found = open_conversation_route(channel, [candidate for _, candidate in routes])
    existing = None
    known_language = ""
    if found is not None:
        existing, route, known_language = found
    language = detect_language(text.body) if existing is None else ""
    conversation_id = existing if existing is not None else _new_id()
    message_id = _new_id()
    arrival = SealedArrival(
        channel=channel,
        provider_id=text.provider_id,
        route=route,
        route_key=route_key,
        epoch=epoch,
        conversation_id=conversation_id,
        new_conversation=existing is None,
        number_sealed=(
            sealing.seal_number(epoch, conversation_id, e164) if existing is None else None
        ),
        message_id=message_id,
        body_sealed=sealing.seal_message(epoch, conversation_id, message_id, "in", text.body),
        media_count=text.media_count,
        cut=text.cut,
        language=language,
    )
    return arrival, language or known_language


def render_replies(
    text: Text, arrival: SealedArrival, language: str, *, stop_requested: bool
) -> Replies:
    """The automatic replies the arrival will get, decided and rendered outside any lock."""
    program = text.channel.program
    plan = automatic.plan_replies(
        program,
        arrival.conversation_id,
        new_conversation=arrival.new_conversation,
        stop_requested=stop_requested,
        media_count=text.media_count,
    )
    language = language_for(program, language)
    return Replies(plan, language, render_all(program, plan.notices, language=language))


def store(
    arrival: SealedArrival,
    e164: str,
    category: str | None,
    replies: Replies,
    *,
    stop_requested: bool,
) -> Message:
    """Everything the arrival changes, in one transaction; one event leaves after commit."""
    with transaction.atomic(), one_event_per_conversation():
        conversation, message = store_arrival(arrival)
        if category is not None:
            assess.flag(conversation, category)
        answered = automatic.Arrival(
            conversation=conversation,
            message=message,
            new_conversation=arrival.new_conversation,
            stop_requested=stop_requested,
        )
        # She stopped an earlier conversation: nothing is sent to her.
        notices = [] if conversation.stopped_at is not None else replies.plan.notices
        language = texter_language(conversation)
        texts = (
            replies.texts
            if notices == replies.plan.notices and language == replies.language
            # An advocate set her language meanwhile.
            else render_all(conversation.program, notices, language=language)
        )
        queued = queue_notices(
            conversation,
            list(zip(notices, texts, strict=True)),
            to=e164,
            epoch=arrival.epoch,
            locked=True,
        )
        send_in_order([reply.pk for reply in queued])
        automatic.record_planned(answered, replies.plan, notices)
    return message


def current_epoch(channel: Channel) -> Epoch:
    epoch = sealing.current_epoch(channel.program_id)
    if epoch is None:
        raise NoProgramKey("the program has no key yet")
    return epoch


def _new_id() -> uuid.UUID:
    return uuid.uuid4()
