"""Losing Redis for a moment, in scale-out mode, loses no text.

Redis carries the task queue and the consoles' events; the database holds
every text. Here both reach the real Redis through a proxy on 127.0.0.1 that
the test cuts for a while: every text Twilio posts meanwhile is still stored
and acknowledged, the notices answering them wait in their rows (their
announcement is made again once Redis is back), and a console that lost its
events catches up by sequence number with everything.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre import tasks_backend
from havre.conversations.actions import outbound
from havre.conversations.models import Delivery, Direction, HeldText, Message
from havre.gateways.registry import webhook_urls
from tests.conftest import REDIS_QUEUE_URL, need
from tests.scaleout.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

TEXTERS = [f"+3361122{n:04d}" for n in range(4)]


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_QUEUE_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_behind_proxy(settings: Any, tmp_path: Path) -> Iterator[TcpProxy]:
    """The task queue and the channel layer on the real Redis, through a proxy to cut."""
    need(redis_reachable(), f"Redis is not reachable at {REDIS_QUEUE_URL}")
    real = urlsplit(REDIS_QUEUE_URL)
    with TcpProxy((real.hostname or "127.0.0.1", real.port or 6379)) as proxy:
        url = f"redis://127.0.0.1:{proxy.port}{real.path}"
        name = f"havre-test-{uuid.uuid4().hex[:8]}"
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {"hosts": [url], "prefix": name},
            }
        }
        settings.HAVRE_HUEY = {
            "immediate": False,
            "name": name,
            "redis_url": url,
            "sqlite_path": tmp_path / "tasks.sqlite3",
            "workers": 1,
        }
        tasks_backend.get_huey.cache_clear()
        yield proxy
        proxy.restore()
        tasks_backend.get_huey().flush()
        tasks_backend.get_huey.cache_clear()


def queued_ids(huey: Any) -> set[str]:
    """Every message id the queue holds, whatever the task."""
    found: set[str] = set()
    for task in huey.pending():
        for arg in task.args:
            if isinstance(arg, list):
                for item in arg:
                    found.update(item if isinstance(item, list) else [item])
            elif isinstance(arg, str):
                found.add(arg)
    return {item for item in found if isinstance(item, str)}


def test_texts_posted_while_redis_is_away_are_stored_and_the_console_catches_up(
    redis_behind_proxy: TcpProxy, fake_twilio, channel_a, keys_a, alice, caplog
):
    proxy = redis_behind_proxy
    url = webhook_urls(channel_a)["sms"]
    acknowledged: list[str] = []

    def text_from(numbers: list[str], phase: str) -> None:
        for number in numbers:
            form = fake_twilio.inbound_form(
                url, sender=number, to=channel_a.address, body=f"{phase} from a texter"
            )
            response = fake_twilio.post_inbound(form)
            # Stored, whatever became of Redis: the answer waits for the database only.
            assert response.status_code == 200
            acknowledged.append(form.params["MessageSid"])

    # Two texters write before the outage, two more open conversations during
    # it while the first two write again, and everyone writes once it is over.
    text_from(TEXTERS[:2], "before")
    with caplog.at_level(logging.WARNING):
        proxy.cut()
        text_from(TEXTERS, "during")
        text_from(TEXTERS[2:], "again during")
    proxy.restore()
    text_from(TEXTERS, "after")

    # Every acknowledged text is stored, once.
    stored = list(
        Message.objects.filter(direction=Direction.INBOUND).values_list("provider_id", flat=True)
    )
    assert sorted(stored) == sorted(acknowledged)
    # Redis's absence was noticed, by ids and kinds only.
    assert "event not delivered" in caplog.text
    assert "queued texts not handed on" in caplog.text
    assert "from a texter" not in caplog.text

    # The console lost the events of the outage: it asks for what came after
    # the numbers it knew (here, nothing), and receives every text.
    client = Client()
    client.force_login(alice)
    inbox = client.get(reverse("console:api-inbox")).json()["conversations"]
    assert len(inbox) == len(TEXTERS)
    seen_in = 0
    for row in inbox:
        detail = client.get(
            reverse("console:api-conversation", args=[row["id"]]), {"after": 0}
        ).json()
        seqs = sorted(m["seq"] for m in detail["messages"])
        # Every number up to the conversation's is a message, and every one is there.
        assert seqs == list(range(1, row["seq"] + 1))
        seen_in += sum(1 for m in detail["messages"] if m["direction"] == "in")
    assert seen_in == len(acknowledged)

    # The welcome notices whose announcement was lost still wait, held, and
    # are announced again by the sweep once they have waited long enough.
    huey = tasks_backend.get_huey()
    announced = queued_ids(huey)
    waiting = set(
        Message.objects.filter(direction=Direction.OUTBOUND, status=Delivery.QUEUED).values_list(
            "pk", flat=True
        )
    )
    assert len(waiting) == len(TEXTERS) * 4
    assert HeldText.objects.filter(message_id__in=waiting).count() == len(waiting)
    lost = {pk for pk in waiting if str(pk) not in announced}
    # The welcomes of the two conversations that opened during the outage.
    assert len(lost) == 2 * 4
    Message.objects.filter(pk__in=lost).update(status_at=timezone.now() - timedelta(hours=1))
    outbound.sweep_held_texts()
    assert {str(pk) for pk in waiting} <= queued_ids(huey)
