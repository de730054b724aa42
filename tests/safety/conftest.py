"""Fixtures of the safety tools' tests: a conversation in program A, and API helpers.

People and programs come from tests/conftest.py: Alice (advocate), Sam
(supervisor) and Ada (admin) work for program A; Charlie, for program B, must
be refused everything of A's.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from havre.accounts.models import Role, User
from havre.conversations.models import Channel, Conversation
from havre.vault import formats, sealing
from tests.conftest import ProgramKeys, staff_member
from tests.conftest import signed_in as signed_in  # this folder's tests import it from here
from tests.console.conftest import Thread, start_thread


@pytest.fixture
def thread_a(channel_a: Channel, keys_a: ProgramKeys, alice: User) -> Thread:
    """A conversation Alice holds: she (or a supervisor) may close or block it."""
    thread = start_thread(channel_a, keys_a)
    Conversation.objects.filter(pk=thread.conversation.pk).update(assigned_to=alice)
    thread.conversation.refresh_from_db()
    return thread


@pytest.fixture
def bea_a(keys_a: ProgramKeys) -> User:
    """Another advocate of program A, with the key, who neither holds nor joined Alice's."""
    return staff_member(keys_a, "bea@a.example", Role.ADVOCATE)


def url(name: str, *args: object) -> str:
    return reverse(f"console:safety:{name}", args=args)


def post(client: Client, name: str, *args: object, data: Any = None) -> Any:
    return client.post(
        url(name, *args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


def get(client: Client, name: str, *args: object) -> Any:
    return client.get(url(name, *args))


def sealed_code_word(keys: ProgramKeys, conversation_id: uuid.UUID, word: str) -> bytes:
    """What the browser stores: the code word sealed to the program key."""
    info = sealing.code_word_info(keys.program.pk, conversation_id)
    return formats.seal(bytes(keys.epoch.public_key), word.encode(), info)


def sealed_label(keys: ProgramKeys, block_id: uuid.UUID, label: str) -> bytes:
    info = sealing.block_label_info(keys.program.pk, block_id)
    return formats.seal(bytes(keys.epoch.public_key), label.encode(), info)


def database_bytes() -> bytes:
    """Every value of every table, as a thief with a copy of the database would read it."""
    from django.db import connection

    out = bytearray()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the schema)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        out += bytes(value)
                    elif value is not None:
                        out += str(value).encode()
    return bytes(out)
