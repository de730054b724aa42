"""What the console's conversation rows say about the safety tools (never the code word)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from havre.conversations.models import Conversation


def safety_fields(conversation: Conversation) -> dict[str, Any]:
    every = conversation.checkin_every
    due_at = conversation.checkin_due_at
    return {
        "code_word": conversation.code_word_sealed is not None,
        "checkin_every_hours": int(every.total_seconds() // 3600) if every is not None else None,
        "checkin_due_at": due_at.isoformat() if due_at is not None else None,
        "checkin_due": due_at is not None and due_at <= timezone.now(),
    }
