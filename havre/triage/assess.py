"""Crisis triage of inbound text, before it is sealed. Only a category is kept."""

from __future__ import annotations

from havre.accounts.models import Program
from havre.conversations.models import Conversation


def category(program: Program, text: str) -> str | None:
    """ "suicide", "danger", or None."""
    return None


def flag(conversation: Conversation, category: str) -> None:
    """Mark the conversation (inside the arrival's transaction) and alert supervisors."""
