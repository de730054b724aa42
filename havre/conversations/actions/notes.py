"""A staff note of kind "note": sealed by the writer's browser, kept beside the conversation.

Handoff notes travel with a transfer (`team.transfer`); these are written
at any time by whoever works on the conversation, and read in its side panel.
"""

from __future__ import annotations

from django.db import transaction

from havre.accounts.models import User
from havre.conversations import queueing
from havre.conversations.actions.common import require_key
from havre.conversations.actions.errors import ActionError
from havre.conversations.actions.team import SealedNote, audit, store_note, team_event
from havre.conversations.actions.team_errors import NotAllowed
from havre.conversations.models import Conversation, Note, NoteKind


def write_note(conversation: Conversation, *, by: User, note: SealedNote) -> Note:
    """Keep the note; its holder, a member who joined it, or a supervisor writes one."""
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(by)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not (
            by.is_supervisor
            or locked.assigned_to_id == by.pk
            or queueing.is_participant(locked, by)
        ):
            raise NotAllowed("only its holder, a participant or a supervisor writes a note")
        stored = store_note(locked, author=by, recipient=None, note=note, kind=NoteKind.NOTE)
        audit(locked.program_id, by, "note", locked)
        team_event(locked.program_id, "notes", locked)
    return stored
