"""While another connection holds SQLite's write lock, a webhook is refused for now.

The provider hears 503 with Retry-After (it offers the text again), never 500,
and nothing of the text is stored; once the lock is released, its retry is
stored once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from havre.conversations.models import Conversation, HeldText, Message
from havre.gateways.registry import webhook_urls
from tests.gateways.conftest import for_channel, signed

pytestmark = pytest.mark.django_db(transaction=True)

TEXTER = "+33600000001"


@pytest.fixture
def write_lock(monkeypatch: pytest.MonkeyPatch) -> Iterator[BaseDatabaseWrapper]:
    """Another connection to the same database, holding its write lock until released."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock; PostgreSQL locks rows")
    # Requests open their own connections: have them wait a moment, not ten seconds.
    options = dict(connection.settings_dict["OPTIONS"])
    options["init_command"] = options["init_command"].replace(
        "busy_timeout=10000", "busy_timeout=50"
    )
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    connection.close()
    holder = connections.create_connection("default")
    with holder.cursor() as cursor:
        cursor.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.connection is not None:
            holder.connection.rollback()
        holder.close()


def release(holder: BaseDatabaseWrapper) -> None:
    assert holder.connection is not None
    holder.connection.rollback()


def test_a_webhook_under_the_write_lock_is_refused_for_now_and_its_retry_stored(
    twilio, channel_a, keys_a, channel_a_token, write_lock, caplog
):
    url = webhook_urls(channel_a)["sms"]
    form = signed(
        url,
        for_channel(channel_a, "sms_received.form", From=TEXTER, Body="is anyone there?"),
        channel_a_token,
    )
    with caplog.at_level(logging.INFO):
        refused = twilio.post(form)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "1"
    release(write_lock)
    assert not Message.objects.exists()
    assert not Conversation.objects.exists()
    assert not HeldText.objects.exists()
    assert "anyone there" not in caplog.text
    assert "600000001" not in caplog.text

    # Twilio offers it again: stored once, and welcomed once.
    assert twilio.post(form).status_code == 200
    assert twilio.post(form).status_code == 200
    assert Message.objects.filter(direction="in").count() == 1
    assert len(twilio.sent) == 4
