"""Team work: the queue, assignment, transfer, participants, duty."""

from __future__ import annotations

from havre.conversations.models import Conversation


def place_new(conversation: Conversation) -> None:
    """A conversation just opened: it waits in the queue (queued_at is set)."""
