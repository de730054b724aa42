"""Conversations made through the real actions, for the console's tests.

The people, programs and channels come from tests/conftest.py: Alice
(advocate) and Sam (supervisor) work for program A, Charlie for program B.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from havre import intake
from havre.conversations.models import Channel, Conversation, Message
from havre.vault import formats, sealing
from tests.conftest import ProgramKeys

TEXTER = "+15145550123"


def text_in(
    channel: Channel, body: str = "I need help", *, sender: str = TEXTER, media: int = 0
) -> Message:
    message, _ = intake.receive_inbound(
        channel,
        provider_id=f"SM{uuid.uuid4().hex}",
        sender=sender,
        body=body,
        media_count=media,
    )
    return message


@dataclass
class Thread:
    """A conversation and the helpers to add to it as a texter or an advocate would."""

    channel: Channel
    keys: ProgramKeys
    conversation: Conversation
    sender: str

    def text_in(self, body: str, media: int = 0) -> Message:
        message = text_in(self.channel, body, sender=self.sender, media=media)
        self.conversation.refresh_from_db()
        return message

    def sealed_reply(
        self, body: str, message_id: uuid.UUID | None = None
    ) -> tuple[uuid.UUID, bytes]:
        """What the browser sends: a fresh id and the reply sealed to the current epoch."""
        message_id = message_id or uuid.uuid4()
        info = formats.message_info(self.keys.program.pk, self.conversation.pk, message_id, "out")
        return message_id, formats.seal(bytes(self.keys.epoch.public_key), body.encode(), info)

    def open_body(self, message: dict[str, object]) -> str:
        info = formats.message_info(
            self.keys.program.pk,
            self.conversation.pk,
            str(message["id"]),
            str(message["direction"]),
        )
        return self.keys.open(formats.b64d(str(message["body_sealed"])), info)

    def open_number(self, sealed: str) -> str:
        return self.keys.open(
            formats.b64d(sealed), sealing.number_info(self.keys.program.pk, self.conversation.pk)
        )


def start_thread(
    channel: Channel, keys: ProgramKeys, first: str = "Hello?", *, sender: str = TEXTER
) -> Thread:
    message = text_in(channel, first, sender=sender)
    return Thread(channel, keys, message.conversation, sender)


@pytest.fixture
def thread_a(channel_a: Channel, keys_a: ProgramKeys) -> Thread:
    return start_thread(channel_a, keys_a)


@pytest.fixture
def thread_b(channel_b: Channel, keys_b: ProgramKeys) -> Thread:
    return start_thread(channel_b, keys_b, "Bonjour", sender="+33612345678")
