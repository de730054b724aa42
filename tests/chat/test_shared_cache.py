"""A web chat visit as the shared cache holds it in scale-out: counts, never a visitor.

A visitor from a distinctive address starts a chat, writes and leaves; the
chat's rate limits count her in Redis. Then every key and value Havre put
there is searched for her address (and its plain SHA-256), her token, her
session id, her key and her text: none may be found. The counts are there,
which shows the search sees what is stored.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client

from havre.vault import formats
from tests.accounts.test_attempt_keys import redis_cache  # noqa: F401 (fixture)
from tests.chat.conftest import Visitor

pytestmark = pytest.mark.django_db

PEER = "198.51.100.203"
SECRET_TEXT = "He reads my texts at night, I write from the launderette"


def test_a_visit_leaves_no_visitor_in_the_shared_cache(
    redis_cache: tuple[Any, str],  # noqa: F811 (the fixture imported above)
    visitor: Visitor,
) -> None:
    conn, prefix = redis_cache
    visitor.client = Client(REMOTE_ADDR=PEER)
    assert visitor.start().status_code == 201
    assert visitor.send(SECRET_TEXT).status_code == 201
    assert visitor.leave().status_code in (200, 204)

    names = list(conn.scan_iter(match=f"{prefix}*"))
    stored = b"".join(name + b"\n" + (conn.dump(name) or b"") + b"\n" for name in names)
    needles = [
        PEER.encode(),
        hashlib.sha256(PEER.encode()).hexdigest()[:32].encode(),
        visitor.token.encode(),
        visitor.session.encode(),
        visitor.conversation.encode(),
        formats.b64e(visitor.public_key).encode(),
        SECRET_TEXT.encode(),
        b"launderette",
    ]
    assert [n for n in needles if n in stored] == []
    assert names, "the chat's limits are counted in the shared cache"
