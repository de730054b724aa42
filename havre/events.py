"""Real-time events, sent only after the transaction that caused them commits.

An event says "conversation X is now at sequence N"; the console fetches what
changed. A lost event delays a screen; it never loses a message.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def program_group(program_id: object) -> str:
    return f"program.{program_id}"


def member_group(user_id: object) -> str:
    """The group of every console socket one member has open."""
    return f"member.{user_id}"


def session_group(session_key: str) -> str:
    """The group of the sockets opened under one session (hashed: keys are credentials)."""
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def end_sockets_on_commit(groups: list[str]) -> None:
    """Once the transaction commits, close the console sockets of these groups."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        for group in groups:
            try:
                async_to_sync(layer.group_send)(group, {"type": "havre.signed_out"})
            except Exception:
                # Such sockets also close at their next check of the session.
                logger.warning("could not close the sockets of an ended session", exc_info=True)

    transaction.on_commit(send, robust=True)


def send_event_on_commit(program_id: object, event: dict[str, Any]) -> None:
    """Queue `event` for the program's consoles once the current transaction commits."""

    def send() -> None:
        for captured in _captures:
            captured.append(event)
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(
                program_group(program_id), {"type": "havre.event", "event": event}
            )
        except Exception:
            # The database already holds the change; consoles catch up on reconnect.
            logger.warning("event not delivered: %s", event.get("type"), exc_info=True)

    transaction.on_commit(send, robust=True)


_captures: list[list[dict[str, Any]]] = []


@contextmanager
def capture_events() -> Iterator[list[dict[str, Any]]]:
    """Collect the events sent inside the block, in order (for tests)."""
    captured: list[dict[str, Any]] = []
    _captures.append(captured)
    try:
        yield captured
    finally:
        _captures.remove(captured)
