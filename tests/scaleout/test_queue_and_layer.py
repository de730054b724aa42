"""Scale-out parts against real servers: the task queue (SQLite and Redis) and
the Redis channel layer. Task payloads carry ids only, never text or numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer

from havre import intake, tasks_backend
from havre.conversations import actions
from havre.conversations.models import Delivery
from havre.events import program_group, send_event_on_commit
from tests.conftest import REDIS_QUEUE_URL, need

REDIS_URL = REDIS_QUEUE_URL
TEXTER = "+33611223344"
SECRET_TEXT = "meet me behind the pharmacy at noon"


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def real_queue(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> Iterator[Any]:
    """A huey queue that stores tasks instead of running them at once."""
    backend = request.param
    if backend == "redis":
        need(redis_reachable(), f"Redis is not reachable at {REDIS_URL}")
    settings.HAVRE_HUEY = {
        "immediate": False,
        "name": f"havre-test-{uuid.uuid4().hex[:8]}",
        "redis_url": REDIS_URL if backend == "redis" else None,
        "sqlite_path": tmp_path / "tasks.sqlite3",
        "workers": 1,
    }
    tasks_backend.get_huey.cache_clear()
    huey = tasks_backend.get_huey()
    tasks_backend._huey_task()
    yield huey
    huey.flush()
    tasks_backend.get_huey.cache_clear()


def _raw_queue(huey: Any, tmp_path: Path) -> bytes:
    """Everything the queue holds, as stored: files for SQLite, keys for Redis."""
    from huey import RedisHuey

    if not isinstance(huey, RedisHuey):
        return b"".join(p.read_bytes() for p in tmp_path.glob("tasks.sqlite3*"))
    conn = huey.storage.conn
    chunks: list[bytes] = []
    prefix = huey.storage.queue_key.rsplit(".", 1)[0]
    for key in conn.scan_iter(match=f"{prefix}*"):
        kind = conn.type(key)
        if kind == b"list":
            chunks.extend(conn.lrange(key, 0, -1))
        elif kind == b"zset":
            chunks.extend(conn.zrange(key, 0, -1))
        elif kind == b"hash":
            chunks.extend(conn.hgetall(key).values())
        elif kind == b"string":
            chunks.append(conn.get(key))
    return b"".join(chunks)


@pytest.mark.django_db
@pytest.mark.parametrize("real_queue", ["sqlite", "redis"], indirect=True)
def test_a_queued_reply_carries_only_its_id_and_then_sends(
    real_queue: Any, channel_a, alice, fake_twilio, tmp_path, django_capture_on_commit_callbacks
):
    inbound, _ = intake.receive_inbound(
        channel_a, provider_id="SM" + "7" * 32, sender=TEXTER, body="hello"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply = actions.queue_reply(
            inbound.conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body=SECRET_TEXT,
            body_sealed=b"browser-ciphertext",
            number=TEXTER,
            epoch=1,
        )
    [pending] = real_queue.pending()
    assert pending.args[1] == [str(reply.pk)]
    raw = _raw_queue(real_queue, tmp_path)
    assert raw
    for secret in (SECRET_TEXT.encode(), b"611223344", b"pharmacy"):
        assert secret not in raw

    real_queue.execute(pending)
    reply.refresh_from_db()
    assert reply.status == Delivery.SENDING
    assert [call.body for call in fake_twilio.sent] == [SECRET_TEXT]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_events_reach_another_consumer_through_redis(settings: Any) -> None:
    need(redis_reachable(), f"Redis is not reachable at {REDIS_URL}")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"havre-test-{uuid.uuid4().hex[:8]}"},
        }
    }
    program_id = uuid.uuid4()
    event = {"type": "conversation", "conversation": str(uuid.uuid4()), "seq": 3}

    async def scenario() -> dict[str, Any]:
        import asyncio

        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(program_group(program_id), channel)
        # Outside any transaction, "on commit" is now; the send runs in a
        # worker thread as it would from a request or a task.
        await sync_to_async(send_event_on_commit)(program_id, event)
        received: dict[str, Any] = await asyncio.wait_for(layer.receive(channel), timeout=5)
        await layer.flush()
        return received

    received = async_to_sync(scenario)()
    assert received == {"type": "havre.event", "event": event}
