"""The counts of sign-in attempts, as the shared cache holds them in scale-out.

Failed sign-ins for a member, from a distinctive address, are counted in
Redis; then every key and value Havre put there is searched for the email,
the IP address and the plain SHA-256 of either (which anyone holding a list
of addresses could recompute): none may be found. The counts themselves are
there, which shows the search sees what is stored.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from havre.accounts import ratelimit
from tests.accounts.helpers import Member, post
from tests.conftest import REDIS_QUEUE_URL, need
from tests.scaleout.test_queue_and_layer import redis_reachable

pytestmark = pytest.mark.django_db

PEER = "203.0.113.77"
WRONG = "B" * 43


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[tuple[Any, str]]:
    need(redis_reachable(), f"Redis is not reachable at {REDIS_QUEUE_URL}")
    import redis

    prefix = f"havre-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_QUEUE_URL,
            "KEY_PREFIX": prefix,
        }
    }
    conn = redis.Redis.from_url(REDIS_QUEUE_URL)
    yield conn, prefix
    for name in conn.scan_iter(match=f"{prefix}*"):
        conn.delete(name)


def plain_hashes(kind: str, value: str) -> list[bytes]:
    digest = hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()
    return [digest.encode(), digest[:32].encode()]


def test_failed_sign_ins_leave_no_address_in_the_shared_cache(
    redis_cache: tuple[Any, str], admin_a: Member
) -> None:
    conn, prefix = redis_cache
    email = admin_a.user.email
    for _ in range(3):
        answer = post(Client(REMOTE_ADDR=PEER), "login", {"email": email, "login_secret": WRONG})
        assert answer.status_code == 400

    stored = b""
    names = list(conn.scan_iter(match=f"{prefix}*"))
    for name in names:
        stored += name + b"\n" + (conn.dump(name) or b"") + b"\n"
    needles = [
        email.encode(),
        email.split("@")[0].encode(),
        PEER.encode(),
        *plain_hashes("untrusted", email),
        *plain_hashes("address", PEER),
    ]
    assert [n for n in needles if n in stored] == []
    # The search sees the counts: one per key, each at 3.
    assert len(names) >= 2
    assert all(int(conn.get(name) or 0) == 3 for name in names)
    assert cache.get(ratelimit.key("untrusted", email)) == 3


def test_the_counts_keys_depend_on_the_server_secret(settings: Any) -> None:
    first = ratelimit.key("address", PEER)
    settings.SECRET_KEY = "another-server-secret-of-enough-length-0123456789"
    assert ratelimit.key("address", PEER) != first
