"""The JSON shapes of team work: holders, the queue, loads, notes. Ids and times only;
notes travel as the ciphertext their author's browser made.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from havre.accounts.models import Program, User
from havre.conversations import queueing
from havre.conversations.models import Conversation, Note
from havre.conversations.payloads import person
from havre.vault.formats import b64e


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def waiting_row(conversation: Conversation) -> dict[str, Any]:
    """One conversation of the queue (annotated by queueing.waiting)."""
    since: datetime = conversation.waiting_since  # type: ignore[attr-defined]
    return {
        "id": str(conversation.pk),
        "waiting_since": _time(since),
        "crisis": conversation.crisis_category,
    }


def staff_row(member: User, program: Program) -> dict[str, Any]:
    """A member with their load (annotated by queueing.with_load) and cap."""
    load: int = member.load  # type: ignore[attr-defined]
    return {
        "id": str(member.pk),
        "name": str(member),
        "role": member.role,
        "on_duty": member.on_duty,
        "since": _time(member.duty_changed_at),
        "load": load,
        "cap": queueing.cap_of(member, program),
        "own_cap": member.max_conversations,
    }


def note_payload(note: Note) -> dict[str, Any]:
    return {
        "id": str(note.id),
        "kind": note.kind,
        "author": person(note.author),
        "recipient": person(note.recipient),
        "epoch": note.epoch.number,
        "body_sealed": b64e(bytes(note.body_sealed)),
        "created_at": _time(note.created_at),
    }


def flagged_row(conversation: Conversation) -> dict[str, Any]:
    """A conversation the supervisor view points at (crisis, or no reply)."""
    return {
        "id": str(conversation.pk),
        "holder": person(conversation.assigned_to),
        "crisis": conversation.crisis_category,
        "crisis_at": _time(conversation.crisis_at),
        "last_inbound_at": _time(conversation.last_inbound_at),
    }
