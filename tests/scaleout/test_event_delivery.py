"""Events reach an open console through the Redis channel layer, in order and
none dropped, while the threads that serve requests are taken.

In scale-out the webhooks' commits publish their events from request threads
as fast as texts arrive; the advocate's socket must forward each one on the
event loop. Forwarding that waited for a thread (Channels' own dispatch closes
stale database connections in one before every message) queued the events
behind the webhooks, and the console heard of texts seconds after they were
stored. Here that thread is held for the whole exchange: every event must
still arrive.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client

from havre.accounts.models import User
from havre.asgi import application
from havre.events import send_event_on_commit
from tests.conftest import REDIS_QUEUE_URL, need
from tests.console.wsclient import Socket
from tests.scaleout.test_queue_and_layer import redis_reachable

pytestmark = [pytest.mark.anyio, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

# Webhooks in flight at once, each publishing its conversation's events in turn.
SENDERS = 8
EVENTS_EACH = 40


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def redis_layer(settings: Any) -> None:
    need(redis_reachable(), f"Redis is not reachable at {REDIS_QUEUE_URL}")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_QUEUE_URL],
                "prefix": f"havre-test-{uuid.uuid4().hex[:8]}",
            },
        }
    }


def _socket(user: User) -> Socket:
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    return Socket(application, "/ws/console/", [*headers, (b"cookie", cookie.encode())])


async def test_events_arrive_in_order_while_the_threads_are_taken(
    redis_layer: None, alice: User
) -> None:
    socket = await sync_to_async(_socket)(alice)
    connected, _ = await socket.connect()
    assert connected

    # The thread that serves every socket's synchronous work, held as a
    # surge of webhooks holds the threads of a server.
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        taken.set()
        release.wait(60)

    holding = asyncio.ensure_future(sync_to_async(hold, thread_sensitive=True)())
    conversations = [str(uuid.uuid4()) for _ in range(SENDERS)]
    try:
        assert await asyncio.to_thread(taken.wait, 10)

        def commit_all(conversation: str) -> None:
            # Outside a transaction "on commit" is now: each call publishes
            # from this request-like thread, as a webhook's commit does.
            for seq in range(1, EVENTS_EACH + 1):
                send_event_on_commit(
                    alice.program_id,
                    {"type": "conversation", "conversation": conversation, "seq": seq},
                )

        await asyncio.gather(
            *(sync_to_async(commit_all, thread_sensitive=False)(c) for c in conversations)
        )
        received = [
            await socket.receive_json_from(timeout=10) for _ in range(SENDERS * EVENTS_EACH)
        ]
        assert await socket.receive_nothing(timeout=0.3)
    finally:
        release.set()
        await holding
        await socket.disconnect()

    # Every event, once, and each conversation's in the order it was sent.
    for conversation in conversations:
        seqs = [e["seq"] for e in received if e["conversation"] == conversation]
        assert seqs == list(range(1, EVENTS_EACH + 1))
    assert {e["type"] for e in received} == {"conversation"}
