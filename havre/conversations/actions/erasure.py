"""Erasing what a closed conversation holds, once the program's retention says so.

The retention sweep decides when; this is the one path that deletes a
conversation's messages (their sealed texts and provider ids), its notes and
its code word, and erases its route and sealed number unless an ongoing
relationship keeps them. What stays is the row's times and states, which
name nobody and let the program count its work.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from havre.conversations.actions.lifecycle import ERASED
from havre.conversations.models import Channel, Conversation, Delivery, Message, Note, Status

FINAL = (Delivery.DELIVERED, Delivery.UNDELIVERED, Delivery.FAILED)


@dataclass(frozen=True)
class Erased:
    messages: int = 0
    notes: int = 0
    numbers: int = 0
    code_words: int = 0


def erase_closed(conversation_id: uuid.UUID) -> Erased | None:
    """Delete a closed conversation's contents; None when it is open (again) or gone.

    Call inside the transaction that claimed the work, so that a crash
    erases all of it or none.
    """
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().filter(pk=conversation_id).first()
        if locked is None or locked.status != Status.CLOSED:
            return None
        messages, _ = Message.objects.filter(conversation=locked).delete()
        notes, _ = Note.objects.filter(conversation=locked).delete()
        changes: dict[str, object] = {}
        code_words = 0
        if locked.code_word_sealed is not None:
            changes.update(code_word_sealed=None, code_word_epoch=None)
            code_words = 1
        numbers = 0
        if locked.ongoing_since is None and (
            locked.route is not None or bytes(locked.number_sealed) != ERASED
        ):
            changes.update(route=None, number_sealed=ERASED)
            numbers = 1
        if changes:
            Conversation.objects.filter(pk=locked.pk).update(**changes)
    return Erased(messages=messages, notes=notes, numbers=numbers, code_words=code_words)


def count_contents(conversation_ids: Sequence[uuid.UUID]) -> Erased:
    """What erasing these conversations would delete (for a dry run)."""
    closed = Conversation.objects.filter(pk__in=conversation_ids, status=Status.CLOSED)
    return Erased(
        messages=Message.objects.filter(conversation__in=closed).count(),
        notes=Note.objects.filter(conversation__in=closed).count(),
        numbers=closed.filter(ongoing_since__isnull=True).exclude(number_sealed=ERASED).count(),
        code_words=closed.filter(code_word_sealed__isnull=False).count(),
    )


def provider_records_due(
    channel: Channel, *, inbound_before: datetime, sent_before: datetime
) -> list[tuple[uuid.UUID, str, Literal["in", "out"]]]:
    """The messages whose record at the provider is due for deletion, oldest first.

    Inbound ones received before `inbound_before`; outbound ones in a final
    status, or still "sent" since before `sent_before`.
    """
    due = (
        Message.objects.filter(
            channel=channel, provider_id__isnull=False, provider_deleted_at__isnull=True
        )
        .filter(
            Q(status=Delivery.RECEIVED, created_at__lt=inbound_before)
            | Q(status__in=FINAL)
            | Q(status=Delivery.SENT, status_at__lt=sent_before)
        )
        .order_by("created_at")
        .values_list("pk", "provider_id", "direction")
    )
    return [
        (pk, provider_id, "in" if direction == "in" else "out")
        for pk, provider_id, direction in due
        if provider_id is not None
    ]


def mark_provider_deleted(message_id: uuid.UUID, provider_id: str) -> bool:
    """The provider deleted its record: erase its message id, and note only when."""
    return (
        Message.objects.filter(pk=message_id, provider_id=provider_id).update(
            provider_id=None, provider_deleted_at=timezone.now()
        )
        == 1
    )
