"""Which automatic replies answer a text that just arrived.

Havre never writes first: every automatic message answers a text received
in the same request (welcome, out of hours, emergency mode, a photo that
cannot be kept). The caller queues them with the number it is answering.
"""

from __future__ import annotations

from dataclasses import dataclass

from havre.conversations.models import Conversation, Message


@dataclass(frozen=True)
class Arrival:
    conversation: Conversation
    message: Message
    new_conversation: bool
    stop_requested: bool


def is_stop_request(text: str) -> bool:
    """The texter asks to stop (STOP, ARRET...)."""
    return False


def replies_for(arrival: Arrival) -> list[str]:
    """Keys of the notices that answer this arrival, in the order to send them."""
    return []


def after_arrival(arrival: Arrival) -> None:
    """Changes to the conversation once the arrival is stored (e.g. STOP ends it)."""
