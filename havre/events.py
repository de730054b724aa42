"""Real-time events, sent only after the transaction that caused them commits.

An event says "conversation X is now at sequence N"; the console fetches what
changed. A lost event delays a screen; it never loses a message. Since the
console fetches everything after the number it knows, one event at the last
number of a transaction says as much as one per number: an action that moves
a conversation several times (an arrival and its automatic replies) sends
one, inside `one_event_per_conversation`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


# The events held back inside `one_event_per_conversation`, in order.
_held: ContextVar[list[tuple[object, dict[str, Any]]] | None] = ContextVar(
    "havre_held_events", default=None
)


@contextmanager
def one_event_per_conversation() -> Iterator[None]:
    """Inside the block, each conversation's events become one, at its last sequence number.

    Enter it inside the transaction: the events it holds leave after commit
    (in the order they first came, and before whatever the transaction
    queued for after commit later, such as the sending of its replies), and
    are dropped with the transaction otherwise. Events of other kinds (a
    crisis alert, a change of holder) are kept as they are.
    """
    if not transaction.get_connection().in_atomic_block:
        yield
        return
    held: list[tuple[object, dict[str, Any]]] = []
    done: list[bool] = []

    def flush() -> None:
        if done:
            for program_id, event in held:
                _deliver(program_id, event)

    # Registered first, so that the consoles hear of the change before the
    # effects of what else the transaction set off.
    transaction.on_commit(flush, robust=True)
    token = _held.set(held)
    try:
        yield
        done.append(True)
    finally:
        _held.reset(token)


def _hold(
    held: list[tuple[object, dict[str, Any]]], program_id: object, event: dict[str, Any]
) -> None:
    if event.get("type") == "conversation":
        for index, (_program, earlier) in enumerate(held):
            if (
                earlier.get("type") == "conversation"
                and earlier["conversation"] == event["conversation"]
            ):
                held[index] = (program_id, {**earlier, "seq": max(earlier["seq"], event["seq"])})
                return
    held.append((program_id, event))


def send_event_on_commit(program_id: object, event: dict[str, Any]) -> None:
    """Queue `event` for the program's consoles once the current transaction commits."""
    held = _held.get()
    if held is not None:
        _hold(held, program_id, event)
        return
    transaction.on_commit(lambda: _deliver(program_id, event), robust=True)


def _deliver(program_id: object, event: dict[str, Any]) -> None:
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
