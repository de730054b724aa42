"""Replies and notices on their way out, and what the provider says of them.

A reply's text reaches the provider through the relay (see relay.py): the
database keeps only the ciphertext the advocate's browser made, and the text
waits, boxed under a server key, until the provider accepts it. A notice is
stored as its key alone; its text is the program's, rendered when it is
queued and held the same way.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations import relay
from havre.conversations.actions import team
from havre.conversations.actions.common import (
    DELIVERY_RANK,
    bump,
    bump_locked,
    require_key,
    set_status,
)
from havre.conversations.actions.errors import (
    ActionError,
    ChannelRemoved,
    ConversationClosed,
    InvalidReply,
    MessageNotFound,
    NoProgramKey,
    NotRetryable,
    ReplyWindowClosed,
    RouteMismatch,
    StaleEpoch,
    TextGone,
)
from havre.conversations.models import Channel, Conversation, Delivery, Direction, Message, Status
from havre.conversations.signals import announce_queued_on_commit
from havre.vault import addresses, sealing
from havre.vault.blocks import is_sealed_shape
from havre.vault.formats import padded_size
from havre.vault.models import Epoch

logger = logging.getLogger(__name__)


def lock_open_conversation(conversation: Conversation, number: str) -> tuple[Conversation, str]:
    """Lock the conversation for update and check a number a browser sent for it.

    The number comes from a browser that decrypted it; the server relays only
    when its route matches the conversation's, so nothing can be sent to any
    other number. Call inside a transaction.
    """
    # Only the conversation's row is locked, not its channel's, which every
    # reply on the channel would otherwise queue behind.
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("channel")
        .get(pk=conversation.pk)
    )
    kind = conversation.channel.address_kind
    try:
        e164 = addresses.normalize(kind, number)
    except addresses.InvalidAddressError:
        raise RouteMismatch("number does not match the conversation") from None
    if conversation.status != Status.OPEN or conversation.stopped_at is not None:
        raise ConversationClosed("conversation is closed")
    subject = addresses.route_subject(kind, e164)
    if not sealing.route_matches(conversation.route, conversation.program_id, subject):
        raise RouteMismatch("number does not match the conversation")
    return conversation, e164


def check_can_answer(conversation: Conversation) -> None:
    """Refuse, before anything is queued, what the channel would refuse."""
    if conversation.channel.removed_at is not None:
        raise ChannelRemoved("the conversation's channel was removed")
    closes = conversation.reply_window_closes_at()
    if closes is not None and timezone.now() >= closes:
        raise ReplyWindowClosed("the channel's reply window is closed")


def store_reply(
    conversation: Conversation,
    *,
    author: User,
    message_id: uuid.UUID,
    body_sealed: bytes,
    address: str,
    epoch: int,
    status: Delivery,
) -> tuple[Message, str]:
    """Store a reply's sealed copy under the conversation's lock: every reply's checks.

    Inside the caller's transaction. The address is checked against the
    conversation's route; the reply must be sealed to the current epoch.
    Returns the message and the address in its normal form.
    """
    author = team.lock_member(author)
    conversation, normal = lock_open_conversation(conversation, address)
    team.before_reply(conversation, author)
    check_can_answer(conversation)
    current = sealing.current_epoch(conversation.program_id)
    if current is None:
        raise NoProgramKey("the program has no key yet")
    if current.number != epoch:
        raise StaleEpoch("sealed to an epoch that is not current")
    seq = bump(conversation)
    message = Message.objects.create(
        id=message_id,
        conversation=conversation,
        channel_id=conversation.channel_id,
        direction=Direction.OUTBOUND,
        epoch=current,
        body_sealed=body_sealed,
        status=status,
        author=author,
        seq=seq,
        updated_seq=seq,
    )
    return message, normal


def queue_reply(
    conversation: Conversation,
    *,
    author: User,
    message_id: uuid.UUID,
    body: str,
    body_sealed: bytes,
    number: str,
    epoch: int,
) -> Message:
    """Store the browser's sealed copy of a reply and queue its relay.

    The number comes from the advocate's browser, which decrypted it; the
    server relays only when its route matches the conversation's, so a reply
    cannot be sent to any other number.
    """
    if author.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(author)
    team.check_may_answer(conversation, author)
    if is_web_chat(conversation):
        # Its replies are sealed to the visitor in the advocate's browser and
        # never sent in clear (havre.chat, conversations.actions.sealed).
        raise InvalidReply("a web chat reply is sealed to the visitor")
    if not body.strip() or len(body) > settings.HAVRE_MAX_MESSAGE_CHARS:
        raise InvalidReply("empty or oversized reply")
    # Like notes and code words: refuse what cannot be a sealed text (one
    # sent in clear by a broken browser, say) before it is stored.
    if not is_sealed_shape(body_sealed, padded_size(4 * settings.HAVRE_MAX_MESSAGE_CHARS)):
        raise InvalidReply("not a sealed reply")
    with transaction.atomic():
        message, e164 = store_reply(
            conversation,
            author=author,
            message_id=message_id,
            body_sealed=body_sealed,
            address=number,
            epoch=epoch,
            status=Delivery.QUEUED,
        )
        relay.put(message.pk, relay.Relay(to=e164, body=body))
        announce_queued_on_commit([message.pk])
    return message


def claim_for_sending(message_id: uuid.UUID) -> tuple[Message, relay.Relay] | None:
    """Claim a queued text for one send attempt; None when someone else has it or it is done.

    The claim is a conditional UPDATE, so two senders never send the same
    text. A text whose plaintext no longer waits in the relay (its box was
    made under another server secret) ends failed.
    """
    claimed = (
        Message.objects.filter(pk=message_id, status=Delivery.QUEUED)
        # No provider carries a web chat's texts: its page fetches them.
        .exclude(channel__address_kind=addresses.AddressKind.WEBCHAT)
        .update(status=Delivery.SENDING, attempts=F("attempts") + 1, status_at=timezone.now())
    )
    if not claimed:
        return None  # already handled, or another worker has it
    message = Message.objects.select_related("conversation", "channel").get(pk=message_id)
    payload = relay.get(message.pk)
    if payload is None:
        with transaction.atomic():
            set_status(message, Delivery.FAILED, error_code="relay-expired")
        logger.warning("send failed: message=%s code=relay-expired", message.pk)
        return None
    return message, payload


def handed_to_provider(message: Message, provider_id: str) -> None:
    """The provider accepted the text: the plaintext is dropped; its callbacks move it on."""
    # One write: the held text goes with the change of status.
    with transaction.atomic():
        relay.drop(message.pk)
        set_status(message, Delivery.SENDING, provider_id=provider_id)
    logger.info("handed to provider: message=%s", message.pk)


def send_refused(message: Message, *, code: str, transient: bool) -> bool:
    """The provider did not take the text. Returns whether to try again later.

    Transient refusals are retried a bounded number of times; otherwise the
    text ends failed, visibly, and its plaintext stays held for a while so
    that staff can try again (`retry_send`).
    """
    stopped = Conversation.objects.filter(
        pk=message.conversation_id, stopped_at__isnull=False
    ).exists()
    if stopped:
        # She asked to stop while it was on its way: it is not offered again.
        code, transient = TEXTER_STOPPED, False
        relay.drop(message.pk)
    retry = transient and message.attempts < settings.HAVRE_SEND_ATTEMPTS
    with transaction.atomic():
        set_status(message, Delivery.QUEUED if retry else Delivery.FAILED, error_code=code)
    logger.warning(
        "send failed: message=%s attempt=%s code=%s retry=%s",
        message.pk,
        message.attempts,
        code,
        retry,
    )
    return retry


def queue_notice(
    conversation: Conversation,
    notice: str,
    *,
    text: str,
    to: str,
    author: User | None = None,
    send: bool = True,
) -> Message:
    """Queue one of the program's notices, already rendered, to `to` (E.164).

    Inside the caller's transaction. The message row records the notice's
    key, never its text: `text` waits in the relay until the provider takes
    it. Callers hold the number either from the webhook they are answering,
    or from `lock_open_conversation` when a browser asks for the notice.
    With send=False the caller announces it with others, in order, through
    `send_in_order`.
    """
    [message] = queue_notices(conversation, [(notice, text)], to=to, author=author)
    if send and message.status == Delivery.QUEUED:
        announce_queued_on_commit([message.pk])
    return message


def queue_notices(
    conversation: Conversation,
    notices: list[tuple[str, str]],
    *,
    to: str,
    author: User | None = None,
    epoch: Epoch | None = None,
    locked: bool = False,
) -> list[Message]:
    """Queue several notices at once, as (key, rendered text), in their order; not announced.

    Inside the caller's transaction: one sequence bump, one insert of the
    messages and one of their held texts, whatever their number. `epoch` is
    the program's current one when the caller already read it; `locked`
    says the caller holds the conversation's row, read (or created) in this
    transaction, so its sequence is not read back. The caller announces
    them with `send_in_order`.
    """
    if not notices:
        return []
    if epoch is None:
        epoch = sealing.current_epoch(conversation.program_id)
    if epoch is None:
        raise NoProgramKey("the program has no key yet")
    # A web chat has no provider: its page fetches the notice and the server
    # seals it to the visitor's key then (havre.chat), so nothing is relayed.
    by_page = is_web_chat(conversation)
    last = (
        bump_locked(conversation, count=len(notices))
        if locked
        else bump(conversation, count=len(notices))
    )
    first = last - len(notices) + 1
    messages = [
        Message(
            conversation=conversation,
            channel_id=conversation.channel_id,
            direction=Direction.OUTBOUND,
            epoch=epoch,
            body_sealed=b"",
            notice=notice,
            status=Delivery.SENT if by_page else Delivery.QUEUED,
            author=author,
            seq=first + index,
            updated_seq=first + index,
        )
        for index, (notice, _text) in enumerate(notices)
    ]
    Message.objects.bulk_create(messages)
    if not by_page:
        relay.put_all(
            [
                (message.pk, relay.Relay(to=to, body=text))
                for message, (_notice, text) in zip(messages, notices, strict=True)
            ]
        )
    return messages


# The code a text waiting for its provider ends failed with when the texter stops.
TEXTER_STOPPED = "texter-stopped"


def cancel_for_stop(conversation: Conversation) -> list[uuid.UUID]:
    """The texter asked to stop: nothing still waiting for the provider goes out.

    Inside the transaction that stops the conversation, under its lock. Each
    queued text ends failed with `TEXTER_STOPPED`, which the console shows
    as not sent because she stopped (it cannot be tried again), and every
    text held for the conversation is dropped. A text a sender already
    holds is past recall; if the provider refuses it, it is not tried again
    (`send_refused`). Returns the ids of the texts cancelled.
    """
    waiting = list(
        Message.objects.select_for_update()
        .filter(conversation=conversation, direction=Direction.OUTBOUND, status=Delivery.QUEUED)
        .order_by("seq")
        .values_list("pk", flat=True)
    )
    if waiting:
        seq = bump(conversation, activity=False)
        Message.objects.filter(pk__in=waiting).update(
            status=Delivery.FAILED,
            error_code=TEXTER_STOPPED,
            updated_seq=seq,
            status_at=timezone.now(),
        )
    relay.drop_conversation(conversation.pk)
    for message_id in waiting:
        logger.info("send cancelled, the texter stopped: message=%s", message_id)
    return waiting


def is_web_chat(conversation: Conversation) -> bool:
    """Whether the conversation is a web chat, whose texts no provider carries."""
    return conversation.channel.address_kind == addresses.AddressKind.WEBCHAT


def send_in_order(message_ids: list[uuid.UUID]) -> None:
    """Hand several queued messages to the provider one after the other, once committed.

    They are announced together, and the sender sends them in turn, so that
    a sequence of notices reaches the provider in its order rather than
    racing through parallel workers.
    """
    announce_queued_on_commit(message_ids)


def record_delivery(
    channel: Channel, *, provider_id: str, status: str, error_code: str = ""
) -> bool:
    """Apply a provider's delivery report. False when the message is unknown."""
    new_status = Delivery(status)
    with transaction.atomic():
        message = (
            Message.objects.select_related("conversation")
            .filter(channel=channel, provider_id=provider_id, direction=Direction.OUTBOUND)
            .first()
        )
        if message is None:
            return False
        if DELIVERY_RANK[new_status] <= DELIVERY_RANK.get(Delivery(message.status), -1):
            return True
        set_status(message, new_status, error_code=error_code)
    return True


STALLED_AFTER = timedelta(minutes=10)


def sweep_stalled_sends() -> int:
    """Fail, visibly, replies whose sender died mid-send.

    A reply claimed for sending but never handed to the provider (the process
    stopped in between) would otherwise show "sending" for ever. Whether the
    provider got it is unknown, so it is not sent again: the advocate sees the
    failure and decides, and its text stays held so that she can try again.
    """
    cutoff = timezone.now() - STALLED_AFTER
    stalled = Message.objects.select_related("conversation").filter(
        status=Delivery.SENDING, provider_id__isnull=True, status_at__lt=cutoff
    )
    count = 0
    for message in stalled:
        with transaction.atomic():
            if Message.objects.filter(
                pk=message.pk, status=Delivery.SENDING, provider_id__isnull=True
            ).exists():
                set_status(message, Delivery.FAILED, error_code="interrupted")
                logger.warning("send failed: message=%s code=interrupted", message.pk)
                count += 1
    return count


def sweep_held_texts() -> int:
    """Hand on again texts whose announcement was lost; forget old failed ones.

    A text is announced to the sender after the commit that queued it; a
    process that stops in between, or a queue that loses its entry (Redis
    restarted empty), leaves it queued with its text held. Once it has waited
    longer than any retry delay, it is announced again: the sender's claim
    is a conditional UPDATE, so a text announced twice is still sent once.
    Returns how many were announced again.
    """
    relay.drop_stale_failures()
    cutoff = timezone.now() - STALLED_AFTER
    waiting = list(
        Message.objects.filter(
            status=Delivery.QUEUED, direction=Direction.OUTBOUND, status_at__lt=cutoff
        )
        .order_by("conversation_id", "seq")
        .values_list("pk", flat=True)
    )
    for message_id in waiting:
        logger.warning("queued text announced again: message=%s", message_id)
    if waiting:
        with transaction.atomic():
            announce_queued_on_commit(waiting)
    return len(waiting)


def retry_send(conversation: Conversation, message_id: uuid.UUID, *, by: User) -> Message:
    """Queue again a text that ended failed, from the text still held for it.

    For whoever may answer the conversation, while it is open and its
    channel would take a reply. A text whose hold has lapsed cannot be tried
    again here (a reply can be put back in the reply box and sent anew).
    """
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(by)
    team.check_may_answer(conversation, by)
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("channel")
            .get(pk=conversation.pk)
        )
        if conversation.status != Status.OPEN or conversation.stopped_at is not None:
            raise ConversationClosed("conversation is closed")
        check_can_answer(conversation)
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("conversation")
            .filter(pk=message_id, conversation=conversation, direction=Direction.OUTBOUND)
            .first()
        )
        if message is None:
            raise MessageNotFound("no such message in this conversation")
        if message.status != Delivery.FAILED:
            raise NotRetryable("only a failed text can be tried again")
        if not relay.holds(message.pk):
            raise TextGone("the text is no longer held")
        message.conversation = conversation
        set_status(message, Delivery.QUEUED, attempts=0)
        announce_queued_on_commit([message.pk])
    logger.info("send tried again: message=%s by=%s", message.pk, by.pk)
    return message
