"""Several staff in one conversation: a colleague or supervisor joins, reads and answers.

The texter still sees one voice: replies leave from the channel's number,
with no staff name added. Leaving is always possible; the holder stays the holder.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations.actions.errors import ActionError, ConversationClosed
from havre.conversations.actions.team import audit, team_event
from havre.conversations.actions.team_errors import InvalidTarget, NotParticipant
from havre.conversations.models import Conversation, Participant, Status


def join(conversation: Conversation, member: User) -> None:
    if member.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status != Status.OPEN:
            raise ConversationClosed("conversation is closed")
        if conversation.assigned_to_id == member.pk:
            raise InvalidTarget("the holder is already in it")
        participant, created = Participant.objects.get_or_create(
            conversation=conversation, user=member
        )
        if not created:
            if participant.left_at is None:
                return
            Participant.objects.filter(pk=participant.pk).update(
                left_at=None, joined_at=timezone.now()
            )
        audit(conversation.program_id, member, "join", conversation)
        team_event(conversation.program_id, "participants", conversation)


def leave(conversation: Conversation, member: User) -> None:
    if member.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        left = Participant.objects.filter(
            conversation=conversation, user=member, left_at__isnull=True
        ).update(left_at=timezone.now())
        if not left:
            raise NotParticipant("not in this conversation")
        audit(conversation.program_id, member, "leave", conversation)
        team_event(conversation.program_id, "participants", conversation)
