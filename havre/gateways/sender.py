"""Handing queued texts to their providers.

Conversations queue a text (its row in the database, its plaintext in the
relay) and announce it after commit (`conversations.signals.texts_queued`).
This sender hears the announcement, claims each text with a conditional
UPDATE (so two workers never send the same one), hands it to the channel's
gateway, and reports the outcome back to the conversations' actions. Tasks
carry message ids only: texts and numbers never enter a queue.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from havre.conversations.actions import outbound
from havre.gateways.base import SendError
from havre.gateways.registry import gateway_for, webhook_urls


def deliver(message_id: uuid.UUID) -> None:
    """One send attempt of one queued text; transient refusals are tried again later."""
    claimed = outbound.claim_for_sending(message_id)
    if claimed is None:
        return
    message, payload = claimed
    channel = message.channel
    try:
        provider_id = gateway_for(channel).send(
            channel,
            to=payload.to,
            body=payload.body,
            status_callback=webhook_urls(channel).get("status", ""),
        )
    except SendError as exc:
        if outbound.send_refused(message, code=exc.code, transient=exc.transient):
            delay = settings.HAVRE_SEND_RETRY_SECONDS * 2 ** (message.attempts - 1)
            enqueue(message.pk, delay_seconds=delay)
        return
    outbound.handed_to_provider(message, provider_id)


@task
def send_message(message_id: str) -> None:
    deliver(uuid.UUID(message_id))


@task
def send_messages(message_ids: list[str]) -> None:
    """Several texts one after the other, so that a sequence of notices keeps its order."""
    for message_id in message_ids:
        deliver(uuid.UUID(message_id))


def enqueue(message_id: uuid.UUID, *, delay_seconds: int) -> None:
    if delay_seconds <= 0:
        send_message.enqueue(str(message_id))
    else:
        run_after = timezone.now() + timedelta(seconds=delay_seconds)
        send_message.using(run_after=run_after).enqueue(str(message_id))


def on_texts_queued(sender: Any, message_ids: list[uuid.UUID], **kwargs: Any) -> None:
    """Texts were queued and committed: send them, in their order, through the task queue."""
    if len(message_ids) == 1:
        send_message.enqueue(str(message_ids[0]))
    else:
        send_messages.enqueue([str(message_id) for message_id in message_ids])
