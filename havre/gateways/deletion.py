"""The provider's copies: once a message is done, have the provider delete its record.

A sweep (settings.HAVRE_SWEEPS) finds the messages whose provider keeps a
record Havre can delete (Twilio by default, Vonage's redaction when its
credentials were given): inbound ones a little after they arrived, outbound
ones once they reached a final status (or sat at "sent" for a day, since
some carriers never report delivery). It asks the provider to delete each,
and on success erases the provider's message id and notes only when it was
done. What fails is tried again at the next sweep, until the message itself
is erased by retention, which takes the id with it.

Nothing about the message reaches the log: the channel's id, the count, and
the provider's error code.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from havre.conversations.actions.erasure import mark_provider_deleted, provider_records_due
from havre.conversations.models import Channel
from havre.gateways import registry
from havre.gateways.base import SendError

logger = logging.getLogger(__name__)

# A retried webhook finds its message by the provider's id: wait out the
# provider's retries before deleting it.
INBOUND_DELAY = timedelta(minutes=15)
# Some carriers never report delivery: a text still "sent" after this is done.
SENT_FOR = timedelta(days=1)
# At most this many deletions per channel per sweep, so one sweep stays short.
BATCH = 50


def deletes_records(channel: Channel) -> bool:
    """Whether Havre deletes this channel's records at its provider (a channel setting)."""
    spec = registry.PROVIDERS.get(channel.provider)
    if spec is None or not hasattr(spec.gateway, "delete_records"):
        return False
    return spec.deletes_records(channel)


def sweep() -> int:
    """Delete what is due at each provider; returns how many records went."""
    now = timezone.now()
    deleted = 0
    for channel in Channel.objects.filter(removed_at__isnull=True):
        if not deletes_records(channel):
            continue
        deleted += _sweep_channel(channel, now)
    return deleted


def _sweep_channel(channel: Channel, now: object) -> int:
    gateway = registry.PROVIDERS[channel.provider].gateway
    due = provider_records_due(
        channel,
        inbound_before=timezone.now() - INBOUND_DELAY,
        sent_before=timezone.now() - SENT_FOR,
    )[:BATCH]
    deleted = 0
    for message_id, provider_id, direction in due:
        try:
            gateway.delete_records(channel, provider_id=provider_id, direction=direction)  # type: ignore[attr-defined]
        except SendError as exc:
            # The rest waits for the next sweep: a refusal (credentials, an
            # outage) would only repeat for each message.
            logger.warning(
                "provider record not deleted yet: channel=%s code=%s transient=%s",
                channel.pk,
                exc.code,
                exc.transient,
            )
            break
        if mark_provider_deleted(message_id, provider_id):
            deleted += 1
    if deleted:
        logger.info("provider records deleted: channel=%s count=%d", channel.pk, deleted)
    return deleted
