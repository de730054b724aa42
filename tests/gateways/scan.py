"""Looking for private words where they must not be: database rows, logs, answers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from havre.conversations.models import Conversation, Direction, Message
from havre.vault import formats
from tests.conftest import ProgramKeys


def found_in_database(needles: Iterable[str]) -> list[tuple[str, str]]:
    """(table, needle) for every needle found in any column of any row, as stored."""
    needles = [n for n in needles if n]
    found: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                for value in row:
                    raw = (
                        bytes(value)
                        if isinstance(value, (bytes, memoryview))
                        else str(value).encode()
                    )
                    found += [(table, n) for n in needles if n.encode() in raw]
    return found


def text_of(message: Message, keys: ProgramKeys) -> str:
    info = formats.message_info(
        keys.program.pk, message.conversation_id, message.pk, message.direction
    )
    return keys.open(message.body_sealed, info)


def address_of(conversation: Conversation, keys: ProgramKeys) -> str:
    info = formats.info("number", str(keys.program.pk), str(conversation.pk))
    return keys.open(conversation.number_sealed, info)


def received() -> list[Message]:
    return list(Message.objects.filter(direction=Direction.INBOUND).order_by("seq", "created_at"))
