"""A text longer than a message may be: its beginning kept, marked as cut, never stored whole."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.conf import settings
from django.test import Client

from havre import intake
from havre.conversations.models import Message
from havre.vault import formats
from tests.accounts.fixtures import _fresh_cache, admin_a  # noqa: F401 (fixtures)
from tests.accounts.helpers import Member, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db


def receive(channel: object, body: str) -> Message:
    message, _created = intake.receive_inbound(
        channel,  # type: ignore[arg-type]
        provider_id=f"SM{uuid.uuid4().hex}",
        sender="+33612345678",
        body=body,
    )
    assert message is not None
    return message


def opened(keys: ProgramKeys, message: Message) -> str:
    info = formats.message_info(
        message.conversation.program_id, message.conversation_id, message.pk, "in"
    )
    return keys.open(bytes(message.body_sealed), info)


def test_a_long_text_is_cut_to_the_limit_and_marked(
    channel_a: object, keys_a: ProgramKeys, caplog: pytest.LogCaptureFixture
) -> None:
    limit = settings.HAVRE_MAX_MESSAGE_CHARS
    tail = "THE END THAT IS NOT KEPT"
    body = "é" * limit + tail
    caplog.set_level(logging.INFO)
    message = receive(channel_a, body)
    assert message.cut is True
    assert opened(keys_a, message) == "é" * limit
    assert f"cut to its first {limit} characters" in caplog.text
    assert tail not in caplog.text

    short = receive(channel_a, "A short one")
    assert short.cut is False
    assert opened(keys_a, short) == "A short one"


def test_the_console_is_told_a_text_was_cut(
    client: Client,
    channel_a: object,
    admin_a: Member,  # noqa: F811
) -> None:
    message = receive(channel_a, "x" * (settings.HAVRE_MAX_MESSAGE_CHARS + 1))
    sign_in(client, admin_a)
    answer = client.get(f"/console/api/conversations/{message.conversation_id}").json()
    assert [m["cut"] for m in answer["messages"] if m["direction"] == "in"] == [True]
