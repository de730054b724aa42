"""The texter's language: read from her first text on arrival, changed here by an advocate.

Only the code is stored. Whoever may answer the conversation may change
it (its holder, someone who joined it, or anyone while it waits); the
change is audited by id and moves the conversation's seq, so that every
console shows it and its quick replies follow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from havre.accounts.models import User
from havre.audit.actions import record
from havre.conversations.actions import team
from havre.conversations.actions.common import bump
from havre.conversations.actions.errors import ActionError, ConversationClosed
from havre.conversations.models import Conversation, Status

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


class UnknownLanguageError(ActionError):
    """Not one of the languages Havre speaks."""

    code = "invalid_language"


def set_texter_language(conversation: Conversation, *, by: User, language: str) -> Conversation:
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    if language not in LANGUAGES:
        raise UnknownLanguageError(language)
    team.check_may_answer(conversation, by)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != Status.OPEN:
            raise ConversationClosed("conversation is closed")
        team.check_may_answer(locked, by)
        Conversation.objects.filter(pk=locked.pk).update(language=language)
        locked.language = language
        bump(locked, activity=False)
        record(locked.program_id, by, "texter_language", locked.pk)
    return locked
