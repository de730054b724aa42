"""What every provider's webhook does once it has read its payload.

A provider folder verifies and parses its own wire format into these shapes,
then hands them here: texts go to the inbound pipeline one by one, delivery
reports to the message they are about. Each answer is decided only after the
pipeline has returned, so a provider hears "received" only for what is
durably stored. Logs carry the channel and the stored message reference,
never a text, an address or a name.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import uuid
from collections.abc import Iterable

from django.http import Http404, HttpResponse

from havre import intake
from havre.conversations.actions import record_delivery
from havre.conversations.models import Channel

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class InboundText:
    """One text from a texter, as Havre's pipeline takes it.

    `provider_id` is what Havre stores to recognise the text again (see
    `refs.provider_ref`); `sender` is an address of the channel's kind, in
    the form the provider gives it. Names, pictures, places and contact
    cards never get this far: only how many attachments came.
    """

    provider_id: str
    sender: str
    body: str
    media_count: int = 0


@dataclasses.dataclass(frozen=True)
class DeliveryReport:
    """What the provider says of a reply: Havre's delivery status, or None when untracked."""

    provider_id: str
    status: str | None
    error_code: str = ""


def live_channel(provider: str, channel_id: uuid.UUID) -> Channel:
    """The channel a webhook is for; 404 for an unknown or removed one."""
    # With its program, which the inbound pipeline reads: one query rather than two.
    channel = (
        Channel.objects.select_related("program")
        .filter(pk=channel_id, provider=provider, removed_at=None)
        .first()
    )
    if channel is None:
        raise Http404
    return channel


def refuse(channel: Channel, status: int, reason: str) -> HttpResponse:
    logger.warning("%s webhook refused: %s, channel=%s", channel.provider, reason, channel.pk)
    return HttpResponse(status=status)


class Outcome(enum.Enum):
    STORED = "stored"
    ALREADY_STORED = "already stored"
    # From a blocked address: acknowledged like any other, so the provider
    # (and whoever watches it) cannot tell.
    DROPPED = "dropped"
    # The program has no key yet: nothing can be stored unreadably, so the
    # text is refused for now, to be offered again.
    NO_KEY = "refused for now"
    BAD_ADDRESS = "refused"


def store_text(channel: Channel, text: InboundText) -> Outcome:
    """Hand one text to the inbound pipeline, and say what became of it."""
    try:
        message, created = intake.receive_inbound(
            channel,
            provider_id=text.provider_id,
            sender=text.sender,
            body=text.body,
            media_count=text.media_count,
        )
    except intake.NoProgramKey:
        logger.error(
            "%s text refused: the program has no key yet, channel=%s ref=%s",
            channel.provider,
            channel.pk,
            text.provider_id,
        )
        return Outcome.NO_KEY
    except intake.InvalidNumber:
        logger.warning(
            "%s text refused: sender is not an address of this channel, channel=%s ref=%s",
            channel.provider,
            channel.pk,
            text.provider_id,
        )
        return Outcome.BAD_ADDRESS
    outcome = (
        Outcome.DROPPED
        if message is None
        else Outcome.STORED
        if created
        else Outcome.ALREADY_STORED
    )
    logger.info(
        "%s text %s: channel=%s ref=%s",
        channel.provider,
        outcome.value,
        channel.pk,
        text.provider_id,
    )
    return outcome


def store_texts(channel: Channel, texts: Iterable[InboundText]) -> HttpResponse | None:
    """Store each text; None once all are stored, or the response refusing the webhook."""
    for text in texts:
        outcome = store_text(channel, text)
        if outcome is Outcome.NO_KEY:
            return HttpResponse(status=503)
        if outcome is Outcome.BAD_ADDRESS:
            return HttpResponse(status=400)
    return None


def record_reports(channel: Channel, reports: Iterable[DeliveryReport]) -> None:
    for report in reports:
        if report.status is None:
            # A status Havre does not track; refusing it would only fill the provider's log.
            logger.info(
                "%s status ignored: channel=%s ref=%s",
                channel.provider,
                channel.pk,
                report.provider_id,
            )
            continue
        known = record_delivery(
            channel,
            provider_id=report.provider_id,
            status=report.status,
            error_code=report.error_code,
        )
        logger.info(
            "%s status %s: channel=%s ref=%s status=%s%s",
            channel.provider,
            "recorded" if known else "for an unknown message",
            channel.pk,
            report.provider_id,
            report.status,
            f" code={report.error_code}" if report.error_code else "",
        )


def take(
    channel: Channel, texts: Iterable[InboundText], reports: Iterable[DeliveryReport] = ()
) -> HttpResponse:
    """Store a verified payload's texts, then apply its reports: the webhook's answer."""
    refused = store_texts(channel, texts)
    if refused is not None:
        return refused
    record_reports(channel, reports)
    return HttpResponse(status=200)
