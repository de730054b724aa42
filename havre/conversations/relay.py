"""The plaintext of a text on its way to the provider, and nowhere else.

The browser sends a reply's text and number once, and a notice is rendered
once; the server must hold them until the provider accepts the message,
across retries and restarts, without putting them in a task payload or in
the database in clear. Each waits in its own row (`HeldText`), padded and
boxed under a key derived from the server secret and bound to its message's
id: a copy of the database or its backups yields sizes and ids, never a
text or a number, and the task queue carries only ids.

A row is written in the transaction that queues its message, so every text
that is waiting is held, however many; it is deleted when the provider
accepts the text. A text that ended failed keeps its row for
`HOLD_FAILED_FOR`, so that staff can try again, then the sweep drops it.
Deleting the message (retention, erasure) deletes its row.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from havre.conversations.models import Delivery, HeldText
from havre.vault import formats

# How long a failed text stays ready to be tried again.
HOLD_FAILED_FOR = timedelta(hours=24)


@dataclass(frozen=True)
class Relay:
    to: str
    body: str


def _key() -> bytes:
    return formats.server_key(settings.SECRET_KEY, "relay")


def _aad(message_id: uuid.UUID) -> bytes:
    return formats.info("held-text", str(message_id))


def put(message_id: uuid.UUID, relay: Relay) -> None:
    """Hold a text for its message; inside the transaction that queues the message."""
    put_all([(message_id, relay)])


def put_all(texts: list[tuple[uuid.UUID, Relay]]) -> None:
    """Hold several texts, each for its message, in one insert."""
    key = _key()
    HeldText.objects.bulk_create(
        [
            HeldText(message_id=message_id, boxed=_boxed(key, message_id, relay))
            for message_id, relay in texts
        ]
    )


def _boxed(key: bytes, message_id: uuid.UUID, relay: Relay) -> bytes:
    plaintext = formats.pad(json.dumps({"to": relay.to, "body": relay.body}).encode())
    return formats.box(key, plaintext, _aad(message_id))


def get(message_id: uuid.UUID) -> Relay | None:
    """The held text, or None when none is held or its box no longer opens.

    A box stops opening when the server secret changed since it was made.
    """
    boxed = HeldText.objects.filter(message_id=message_id).values_list("boxed", flat=True).first()
    if boxed is None:
        return None
    try:
        data = json.loads(formats.unpad(formats.unbox(_key(), bytes(boxed), _aad(message_id))))
    except (formats.FormatError, ValueError):
        return None
    return Relay(to=data["to"], body=data["body"])


def holds(message_id: uuid.UUID) -> bool:
    return HeldText.objects.filter(message_id=message_id).exists()


def drop(message_id: uuid.UUID) -> None:
    HeldText.objects.filter(message_id=message_id).delete()


def drop_conversation(conversation_id: uuid.UUID) -> int:
    """Forget every text held for the conversation's messages (she asked to stop)."""
    deleted, _ = HeldText.objects.filter(message__conversation_id=conversation_id).delete()
    return deleted


def drop_stale_failures() -> int:
    """Forget the texts of messages that failed more than `HOLD_FAILED_FOR` ago."""
    cutoff = timezone.now() - HOLD_FAILED_FOR
    deleted, _ = HeldText.objects.filter(
        message__status__in=[Delivery.FAILED, Delivery.UNDELIVERED],
        message__status_at__lt=cutoff,
    ).delete()
    return deleted
