"""Texts that no provider carries: a web chat's, sealed in the browsers at both ends.

An advocate's reply to a web chat visitor is sealed in her browser to the
program key (the stored copy) and to the visitor's key (the copy the
visitor's page opens, kept by havre.chat). The server never receives the
words, so nothing goes through the relay or the sender: the visitor's page
fetches the reply. The checks are those of every reply (see outbound.py).

`store_line` writes one line of a thread that no provider carries either:
a visitor's event, or the demo's past week of texts and notices.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.conversations.actions import team
from havre.conversations.actions.common import bump, require_key
from havre.conversations.actions.errors import (
    ActionError,
    InvalidReply,
    NoProgramKey,
)
from havre.conversations.actions.outbound import is_web_chat, store_reply
from havre.conversations.models import Conversation, Delivery, Direction, Message
from havre.vault import sealing
from havre.vault.blocks import is_sealed_shape
from havre.vault.formats import padded_size
from havre.vault.models import Epoch


def store_sealed_reply(
    conversation: Conversation,
    *,
    author: User,
    message_id: uuid.UUID,
    body_sealed: bytes,
    address: str,
    epoch: int,
) -> tuple[Message, bool]:
    """Store a web chat reply that only browsers can read. Returns (message, created).

    Inside the caller's transaction, which also keeps the visitor's copy. The
    address is the visitor's, as the advocate's browser opened it, checked
    against the conversation's route like a number before any reply.
    A retry with the same message id returns the stored reply.
    """
    if author.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(author)
    team.check_may_answer(conversation, author)
    if not is_web_chat(conversation):
        raise InvalidReply("only a web chat takes a reply sealed to its visitor")
    if not is_sealed_shape(body_sealed, padded_size(4 * settings.HAVRE_MAX_MESSAGE_CHARS)):
        raise InvalidReply("not a sealed reply")
    stored = Message.objects.filter(
        pk=message_id, conversation=conversation, direction=Direction.OUTBOUND
    ).first()
    if stored is not None:
        return stored, False
    with transaction.atomic():
        # Stored is sent: the visitor's page fetches it from here.
        message, _address = store_reply(
            conversation,
            author=author,
            message_id=message_id,
            body_sealed=body_sealed,
            address=address,
            epoch=epoch,
            status=Delivery.SENT,
        )
    return message, True


def record_visitor_event(conversation: Conversation, event: str) -> Message:
    """A line in the thread saying what the visitor's page did (she left), with no text.

    Stored as an inbound message that carries only the event's key, as a
    notice carries only its own; inside the caller's transaction.
    """
    epoch = sealing.current_epoch(conversation.program_id)
    if epoch is None:
        raise NoProgramKey("the program has no key yet")
    seq = bump(conversation, activity=True)
    return store_line(
        conversation,
        epoch,
        direction=Direction.INBOUND,
        status=Delivery.RECEIVED,
        seq=seq,
        notice=event,
    )


def store_line(
    conversation: Conversation,
    epoch: Epoch,
    *,
    direction: str,
    status: str,
    seq: int,
    text: str | None = None,
    notice: str = "",
    author: User | None = None,
    at: datetime | None = None,
) -> Message:
    """One line of a thread at `seq`: a text sealed here to the program key, or none.

    A line with no text carries only its key (a notice, a visitor's event),
    as the thread shows it. `at` dates it in the past, for the demo's week;
    a real line is written now. The caller has bumped the sequence.
    """
    message_id = uuid.uuid4()
    when = timezone.now() if at is None else at
    return Message.objects.create(
        id=message_id,
        conversation=conversation,
        channel_id=conversation.channel_id,
        direction=direction,
        epoch=epoch,
        body_sealed=b""
        if text is None
        else sealing.seal_message(epoch, conversation.pk, message_id, direction, text),
        notice=notice,
        status=status,
        author=author,
        seq=seq,
        updated_seq=seq,
        created_at=when,
        status_at=when,
    )
