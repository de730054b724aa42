"""The JSON shapes the console reads: conversations and messages, ciphertext as b64url.

Each function reads only what its queryset already selected, so that the
number of queries does not grow with the number of rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from havre.console.team_payloads import team_fields
from havre.conversations.models import Conversation, Message, Status
from havre.safety.payloads import safety_fields
from havre.vault.formats import b64e


def inbox_queryset(program_id: uuid.UUID) -> QuerySet[Conversation]:
    """Open conversations of one program, the most recently active first."""
    return (
        Conversation.objects.filter(program_id=program_id, status=Status.OPEN)
        .select_related("channel", "number_epoch", "assigned_to")
        .order_by("-last_activity_at", "-created_at")
    )


def conversation_queryset(program_id: uuid.UUID) -> QuerySet[Conversation]:
    """Every conversation of one program: another program's ids are simply not found."""
    return Conversation.objects.filter(program_id=program_id).select_related(
        "channel", "number_epoch", "assigned_to"
    )


def messages_queryset(conversation: Conversation, after: int | None) -> QuerySet[Message]:
    messages = conversation.messages.select_related("epoch", "author").order_by("seq")
    if after is not None:
        messages = messages.filter(updated_seq__gt=after)
    return messages


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def conversation_payload(conversation: Conversation) -> dict[str, Any]:
    channel = conversation.channel
    return {
        "id": str(conversation.pk),
        "status": conversation.status,
        "seq": conversation.seq,
        "created_at": _time(conversation.created_at),
        "last_activity_at": _time(conversation.last_activity_at),
        "last_inbound_at": _time(conversation.last_inbound_at),
        "closed_at": _time(conversation.closed_at),
        "channel": {
            "id": str(channel.pk),
            "provider": channel.provider,
            "address": channel.address,
        },
        "number_epoch": conversation.number_epoch.number,
        "number_sealed": b64e(bytes(conversation.number_sealed)),
        "safety": safety_fields(conversation),
        "crisis_category": conversation.crisis_category,
        "crisis_at": _time(conversation.crisis_at),
        **team_fields(conversation),
    }


def message_payload(message: Message) -> dict[str, Any]:
    author = message.author
    return {
        "id": str(message.pk),
        "seq": message.seq,
        "updated_seq": message.updated_seq,
        "direction": message.direction,
        "epoch": message.epoch.number,
        "body_sealed": b64e(bytes(message.body_sealed)),
        "media_count": message.media_count,
        "notice": message.notice,
        "status": message.status,
        "error_code": message.error_code,
        "author": {"id": str(author.pk), "name": str(author)} if author is not None else None,
        "created_at": _time(message.created_at),
    }


def conversation_with_messages(
    conversation: Conversation, messages: Iterable[Message]
) -> dict[str, Any]:
    return {
        **conversation_payload(conversation),
        "messages": [message_payload(m) for m in messages],
    }
