"""A web chat session goes with its conversation when retention erases it.

The session holds the visitor's public key for that conversation and the
hash of her page's token; once the conversation's texts are gone, nothing
needs them (her copies of the texts went with the messages).
"""

from __future__ import annotations

import uuid
from typing import Any

from havre.chat.models import ChatSession
from havre.retention.signals import conversation_erased


def connect() -> None:
    conversation_erased.connect(forget_sessions, dispatch_uid="chat.forget_sessions")


def forget_sessions(sender: Any, conversation_id: uuid.UUID, **kwargs: Any) -> None:
    ChatSession.objects.filter(conversation_ref=conversation_id).delete()
