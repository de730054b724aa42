"""Team work fixtures: a second advocate in program A, on-duty helpers, sealed notes.

On top of tests/conftest.py (Alice the advocate, Sam the supervisor and Ada
the admin of program A; Charlie of program B, who must be refused
everything of A's) and tests/console/conftest.py (conversations made
through the real inbound pipeline).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre.accounts.models import Program, Role, User
from havre.conversations.actions import duty
from havre.conversations.actions.team import SealedNote
from havre.conversations.models import Channel, Conversation
from havre.vault import formats, sealing
from tests.conftest import ProgramKeys
from tests.conftest import signed_in as signed_in  # this folder's tests import it from here
from tests.console.conftest import (  # noqa: F401  (shared fixtures)
    Thread,
    start_thread,
    thread_a,
    thread_b,
)


@pytest.fixture
def bea(program_a: Program) -> User:
    """A second advocate of program A."""
    return User.objects.create_user(
        "bea@a.example", program_a, role=Role.ADVOCATE, display_name="bea"
    )


def on_duty(*members: User) -> None:
    for member in members:
        duty.go_on_duty(member)
        member.refresh_from_db()


def waiting_thread(
    channel: Channel,
    keys: ProgramKeys,
    n: int,
    *,
    queued_at: datetime | None = None,
    crisis: str | None = None,
) -> Thread:
    """A conversation from texter number n, waiting since `queued_at`, maybe crisis-flagged."""
    thread = start_thread(channel, keys, f"hello {n}", sender=f"+1514555{n:04d}")
    changes: dict[str, Any] = {}
    if queued_at is not None:
        changes["queued_at"] = queued_at
    if crisis is not None:
        changes.update(crisis_category=crisis, crisis_at=timezone.now())
    if changes:
        Conversation.objects.filter(pk=thread.conversation.pk).update(**changes)
    thread.conversation.refresh_from_db()
    return thread


def minutes_ago(n: int) -> datetime:
    return timezone.now() - timedelta(minutes=n)


def seal_note(keys: ProgramKeys, conversation: Conversation, text: str) -> SealedNote:
    """What the browser sends: a fresh id and the note sealed to the current epoch."""
    note_id = uuid.uuid4()
    info = sealing.note_info(keys.program.pk, conversation.pk, note_id)
    return SealedNote(
        id=note_id,
        sealed=formats.seal(bytes(keys.epoch.public_key), text.encode(), info),
        epoch=keys.epoch.number,
    )


def note_json(note: SealedNote) -> dict[str, Any]:
    return {"id": str(note.id), "body_sealed": formats.b64e(note.sealed), "epoch": note.epoch}


def hold(conversation: Conversation, member: User) -> None:
    """Set-up shortcut: `member` holds the conversation (as if taken earlier)."""
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=member, queued_at=None)
    conversation.refresh_from_db()


def get(client: Client, name: str, *args: object) -> Any:
    return client.get(reverse(f"console:{name}", args=args))


def post(client: Client, name: str, *args: object, data: Any = None) -> Any:
    return client.post(
        reverse(f"console:{name}", args=args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


def reply_json(thread: Thread, body: str) -> dict[str, Any]:
    """A reply as the browser posts it: sealed here, with the number it decrypted."""
    message_id, sealed = thread.sealed_reply(body)
    return {
        "message_id": str(message_id),
        "body": body,
        "body_sealed": formats.b64e(sealed),
        "number": thread.sender,
        "epoch": thread.keys.epoch.number,
    }
