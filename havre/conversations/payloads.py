"""The JSON shapes every staff API answers with: conversations and messages.

Ciphertext travels as b64url. Each function reads only what its queryset
already selected, so that the number of queries does not grow with the
number of rows. The console, and the safety and protocols APIs, all answer
with these shapes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from havre.accounts.api import in_program
from havre.accounts.models import User
from havre.conversations.models import Conversation, Message, Status
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


def member_conversation(member: User, conversation_id: uuid.UUID) -> Conversation | None:
    """The conversation, if it belongs to the member's program (else None: a 404)."""
    return in_program(member, conversation_queryset(member.program_id), conversation_id)


def messages_queryset(conversation: Conversation, after: int | None) -> QuerySet[Message]:
    messages = conversation.messages.select_related("epoch", "author").order_by("seq")
    if after is not None:
        messages = messages.filter(updated_seq__gt=after)
    return messages


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def person(user: User | None) -> dict[str, str] | None:
    if user is None:
        return None
    return {"id": str(user.pk), "name": str(user)}


def team_fields(conversation: Conversation) -> dict[str, Any]:
    """Who holds the conversation, and since when it waits.

    Reads `assigned_to` only through select_related, so no query per row.
    """
    return {
        "holder": person(conversation.assigned_to),
        "queued_at": _time(conversation.queued_at),
    }


def safety_fields(conversation: Conversation) -> dict[str, Any]:
    """What the safety tools show on a conversation (never the code word itself)."""
    every = conversation.checkin_every
    due_at = conversation.checkin_due_at
    return {
        "code_word": conversation.code_word_sealed is not None,
        "checkin_every_hours": int(every.total_seconds() // 3600) if every is not None else None,
        "checkin_due_at": due_at.isoformat() if due_at is not None else None,
        "checkin_due": due_at is not None and due_at <= timezone.now(),
    }


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
        # An ongoing relationship keeps the route and the sealed number after closing.
        "ongoing_since": _time(conversation.ongoing_since),
        # Idle with her text last: the closing notice is owed, for a console to send
        # (it closes without it at this time).
        "closing_notice_owed_until": _time(conversation.closing_notice_owed_until()),
        "channel": {
            "id": str(channel.pk),
            "provider": channel.provider,
            "kind": channel.address_kind,
            "address": channel.address,
            "removed": channel.removed_at is not None,
        },
        # WhatsApp and Messenger let a reply go only within 24 hours of her last message.
        "reply_window_closes_at": _time(conversation.reply_window_closes_at()),
        "number_epoch": conversation.number_epoch.number,
        "number_sealed": b64e(bytes(conversation.number_sealed)),
        "safety": safety_fields(conversation),
        "crisis_category": conversation.crisis_category,
        "crisis_at": _time(conversation.crisis_at),
        # Empty when unknown: the console then assumes the program's language.
        "language": conversation.language,
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
        "cut": message.cut,
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
