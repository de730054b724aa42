"""Every change to conversations and messages happens here.

Texts and numbers arrive in plaintext from a provider or from an advocate's
browser; they are sealed to the program key (or handed to the relay) before
anything is written, and events leave only after the transaction commits.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations import relay
from havre.conversations.models import Conversation, Delivery, Direction, Message, Status
from havre.events import send_event_on_commit
from havre.gateways.models import Channel
from havre.vault import sealing
from havre.vault.models import Epoch

logger = logging.getLogger(__name__)


class ActionError(Exception):
    """A refused action; `code` is a short machine string, never user content."""

    code = "invalid"


class InvalidNumber(ActionError):  # noqa: N818 (reads as the condition it reports)
    code = "invalid_number"


class NoProgramKey(ActionError):  # noqa: N818
    code = "no_program_key"


class RouteMismatch(ActionError):  # noqa: N818
    code = "route_mismatch"


class ConversationClosed(ActionError):  # noqa: N818
    code = "conversation_closed"


class InvalidReply(ActionError):  # noqa: N818
    code = "invalid_reply"


class StaleEpoch(ActionError):  # noqa: N818
    """Sealed to a program key that is no longer current: the browser reloads
    its keys and seals again, rather than store a ciphertext under the wrong epoch."""

    code = "stale_epoch"


def _epoch_or_refuse(channel: Channel) -> Epoch:
    epoch = sealing.current_epoch(channel.program)
    if epoch is None:
        raise NoProgramKey("the program has no key yet")
    return epoch


def _bump(conversation: Conversation, *, inbound: bool = False) -> int:
    """Advance the conversation's sequence inside the current transaction."""
    now = timezone.now()
    changes: dict[str, object] = {"seq": F("seq") + 1, "last_activity_at": now}
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


def receive_inbound(
    channel: Channel, *, provider_id: str, sender: str, body: str, media_count: int = 0
) -> tuple[Message, bool]:
    """Store one inbound text, sealed, in its open conversation or a new one.

    Idempotent on the provider's message id: a retried webhook returns the
    stored message with created=False.
    """
    try:
        e164 = sealing.normalize_number(sender)
    except sealing.InvalidNumberError:
        raise InvalidNumber("sender is not a phone number") from None
    route = sealing.route_for(channel.program_id, e164)
    attempts = 3
    for attempt in range(attempts):
        try:
            return _store_inbound(channel, provider_id, e164, route, body, media_count)
        except IntegrityError:
            # A concurrent delivery of the same message, or a first message
            # from the same number, won the race: look again.
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _store_inbound(
    channel: Channel, provider_id: str, e164: str, route: str, body: str, media_count: int
) -> tuple[Message, bool]:
    with transaction.atomic():
        existing = Message.objects.filter(channel=channel, provider_id=provider_id).first()
        if existing is not None:
            return existing, False
        epoch = _epoch_or_refuse(channel)
        conversation = Conversation.objects.filter(
            program_id=channel.program_id, route=route, status=Status.OPEN
        ).first()
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
        seq = _bump(conversation, inbound=True)
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
    logger.info("inbound stored: channel=%s message=%s", channel.pk, message.pk)
    return message, True


# Delivery states only move forward; callbacks may arrive out of order.
_DELIVERY_RANK = {
    Delivery.QUEUED: 0,
    Delivery.SENDING: 1,
    Delivery.SENT: 2,
    Delivery.DELIVERED: 3,
    Delivery.UNDELIVERED: 4,
    Delivery.FAILED: 4,
}


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
        if _DELIVERY_RANK[new_status] <= _DELIVERY_RANK.get(Delivery(message.status), -1):
            return True
        _set_status(message, new_status, error_code=error_code)
    return True


def _set_status(
    message: Message, status: Delivery, *, error_code: str = "", **fields: object
) -> None:
    seq = _bump(message.conversation)
    Message.objects.filter(pk=message.pk).update(
        status=status,
        error_code=error_code[:32],
        updated_seq=seq,
        status_at=timezone.now(),
        **fields,
    )
    message.status = status
    message.updated_seq = seq


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
    if not body.strip() or len(body) > settings.HAVRE_MAX_MESSAGE_CHARS or not body_sealed:
        raise InvalidReply("empty or oversized reply")
    try:
        e164 = sealing.normalize_number(number)
    except sealing.InvalidNumberError:
        raise RouteMismatch("number does not match the conversation") from None
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status != Status.OPEN:
            raise ConversationClosed("conversation is closed")
        if not sealing.routes_match(
            conversation.route, sealing.route_for(conversation.program_id, e164)
        ):
            raise RouteMismatch("number does not match the conversation")
        current = sealing.current_epoch(conversation.program)
        if current is None:
            raise NoProgramKey("the program has no key yet")
        if current.number != epoch:
            raise StaleEpoch("sealed to an epoch that is not current")
        seq = _bump(conversation)
        message = Message.objects.create(
            id=message_id,
            conversation=conversation,
            channel_id=conversation.channel_id,
            direction=Direction.OUTBOUND,
            epoch=current,
            body_sealed=body_sealed,
            status=Delivery.QUEUED,
            author=author,
            seq=seq,
            updated_seq=seq,
        )
        relay.put(message.pk, relay.Relay(to=e164, body=body))
        transaction.on_commit(lambda: _enqueue_send(message.pk, delay_seconds=0))
    return message


def _enqueue_send(message_id: uuid.UUID, *, delay_seconds: int) -> None:
    from havre.conversations.tasks import send_message

    if delay_seconds <= 0:
        send_message.enqueue(str(message_id))
    else:
        run_after = timezone.now() + timedelta(seconds=delay_seconds)
        send_message.using(run_after=run_after).enqueue(str(message_id))


def deliver(message_id: uuid.UUID) -> None:
    """Hand one queued reply to its provider, retrying transient errors a bounded number of times."""
    from havre.gateways.base import SendError
    from havre.gateways.registry import gateway_for, webhook_urls

    claimed = Message.objects.filter(pk=message_id, status=Delivery.QUEUED).update(
        status=Delivery.SENDING, attempts=F("attempts") + 1, status_at=timezone.now()
    )
    if not claimed:
        return  # already handled, or another worker has it
    message = Message.objects.select_related("conversation", "channel").get(pk=message_id)
    payload = relay.get(message.pk)
    if payload is None:
        with transaction.atomic():
            _set_status(message, Delivery.FAILED, error_code="relay-expired")
        return
    channel = message.channel
    try:
        provider_id = gateway_for(channel).send(
            channel,
            to=payload.to,
            body=payload.body,
            status_callback=webhook_urls(channel)["status"],
        )
    except SendError as exc:
        retry = exc.transient and message.attempts < settings.HAVRE_SEND_ATTEMPTS
        with transaction.atomic():
            _set_status(message, Delivery.QUEUED if retry else Delivery.FAILED, error_code=exc.code)
        logger.warning(
            "send failed: message=%s attempt=%s code=%s retry=%s",
            message.pk,
            message.attempts,
            exc.code,
            retry,
        )
        if retry:
            delay = settings.HAVRE_SEND_RETRY_SECONDS * 2 ** (message.attempts - 1)
            _enqueue_send(message.pk, delay_seconds=delay)
        else:
            relay.drop(message.pk)
        return
    relay.drop(message.pk)
    with transaction.atomic():
        # The provider's own callbacks move it on to sent and delivered.
        _set_status(message, Delivery.SENDING, provider_id=provider_id)
    logger.info("handed to provider: message=%s", message.pk)


def close_conversation(conversation: Conversation, *, by: User) -> None:
    """Close and forget the route, so the number no longer maps to this row."""
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status != Status.OPEN:
            raise ConversationClosed("conversation is already closed")
        _bump(conversation)
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Status.CLOSED, route=None, closed_at=timezone.now(), closed_by=by
        )


STALLED_AFTER = timedelta(minutes=10)


def sweep_stalled_sends() -> int:
    """Fail, visibly, replies whose sender died mid-send.

    A reply claimed for sending but never handed to the provider (the process
    stopped in between) would otherwise show "sending" for ever. Whether the
    provider got it is unknown, so it is not sent again: the advocate sees the
    failure and decides.
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
                _set_status(message, Delivery.FAILED, error_code="interrupted")
                relay.drop(message.pk)
                count += 1
    return count
