"""How far each member has read each conversation: one seq per member and conversation.

The console advances it when the member has a thread on screen; the inbox
counts the texter's messages after it as unread. Nothing else is kept: no
time, no trace of which texts were looked at, so the mark says no more than
the conversation's own sequence does.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from havre.accounts.models import User
from havre.conversations.actions.errors import ActionError
from havre.conversations.models import Conversation, ReadMark


def mark_read(conversation: Conversation, *, member: User, seq: int) -> int:
    """Advance the member's mark to `seq` (never back, never past the conversation); returns it."""
    if member.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    if seq < 0:
        raise ActionError("a seq is not negative")
    seq = min(seq, conversation.seq)
    with transaction.atomic():
        updated = ReadMark.objects.filter(
            member=member, conversation=conversation, seq__lt=seq
        ).update(seq=seq)
        if not updated:
            try:
                with transaction.atomic():
                    ReadMark.objects.get_or_create(
                        member=member, conversation=conversation, defaults={"seq": seq}
                    )
            except IntegrityError:
                # Another tab of hers made the row meanwhile: advance that one.
                ReadMark.objects.filter(
                    member=member, conversation=conversation, seq__lt=seq
                ).update(seq=seq)
        stored: int = ReadMark.objects.values_list("seq", flat=True).get(
            member=member, conversation=conversation
        )
    return stored
