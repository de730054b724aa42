"""Crisis triage of inbound text, before it is sealed. Only a category is kept.

`category` reads the plaintext in memory against the program's lexicons
(lexicons.py, matcher.py) and returns "suicide", "danger" or None; it never
logs or stores the text or what matched. `flag` records the category on the
conversation inside the arrival's transaction (actions.py).
"""

from __future__ import annotations

from havre.accounts.models import Program
from havre.conversations.models import Conversation
from havre.triage import actions
from havre.triage.lexicons import matcher_for


def category(program: Program, text: str) -> str | None:
    """ "suicide", "danger", or None."""
    if not text:
        return None
    return matcher_for(program.pk).assess(text).category


def flag(conversation: Conversation, category: str) -> None:
    """Mark the conversation (inside the arrival's transaction) and alert supervisors."""
    actions.flag_conversation(conversation, category)
