"""Closing a conversation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations.actions import team
from havre.conversations.actions.common import bump
from havre.conversations.actions.errors import ActionError, ConversationClosed
from havre.conversations.models import Conversation, Status


def close_conversation(conversation: Conversation, *, by: User) -> None:
    """Close and forget the route, so the number no longer maps to this row."""
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status != Status.OPEN:
            raise ConversationClosed("conversation is already closed")
        bump(conversation)
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Status.CLOSED, route=None, closed_at=timezone.now(), closed_by=by
        )
        team.after_close(conversation)
