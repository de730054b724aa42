"""Real-time events, sent only after the transaction that caused them commits.

An event says "conversation X is now at sequence N"; the console fetches what
changed. A lost event delays a screen; it never loses a message.
"""

from __future__ import annotations

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
