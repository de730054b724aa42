"""Staff support: marking a conversation as heavy, and the pause it may call for.

Marks are the member's own: only they and supervisors see the counts (see
queueing.heavy_count and queueing.staff_overview). No event is broadcast for a
mark, since even its timing would tell colleagues something: the member's
console updates from the answer, the supervisor view on its next refresh.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations.actions.errors import ActionError
from havre.conversations.models import Conversation, HeavyMark


def mark_heavy(conversation: Conversation, member: User, heavy: bool) -> None:
    if member.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        if heavy:
            HeavyMark.objects.get_or_create(conversation=conversation, user=member)
        else:
            HeavyMark.objects.filter(conversation=conversation, user=member).delete()


def acknowledge_pause(member: User) -> None:
    """The member saw the suggestion of a pause; it shows again only after another heavy one."""
    User.objects.filter(pk=member.pk).update(support_seen_at=timezone.now())
