"""What one arrival costs the database, through Twilio's signed webhook.

The issue measured 45 queries for a text that opens a conversation (with its
four welcome notices) and 17 for a follow-up. The bounds below are today's
counts: a change that adds a query to the path every text takes fails here,
on SQLite and on PostgreSQL alike, and says which queries ran.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from havre.conversations.models import Direction, HeldText, Message
from havre.gateways.registry import webhook_urls

pytestmark = pytest.mark.django_db

TEXTER = "+33600000001"
# The view's channel, the block check, the triage lexicons' revision, the
# epoch, the open conversation, emergency mode and opening hours, the
# notices' wording (all before the transaction); then the conversation
# (not looked up under a lock: one open per route is the database's rule)
# and the text, one sequence bump (not read back: the row is the
# transaction's own), the notices and their held texts, and what the
# texter was told; with the transaction's savepoint and its release.
NEW_CONVERSATION = 16
# The same, less the conversation's creation and the welcome, plus the open
# conversation's lock and what the texter was already told (read before the
# transaction).
FOLLOW_UP = 13


def post(twilio, channel, body: str) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as queries:
        response = twilio.inbound(
            webhook_urls(channel)["sms"], sender=TEXTER, to=channel.address, body=body
        )
    assert response.status_code == 200
    return queries


def listed(queries: CaptureQueriesContext) -> str:
    return "\n".join(query["sql"][:160] for query in queries.captured_queries)


def test_a_new_conversation_and_a_follow_up_stay_within_their_queries(twilio, channel_a, keys_a):
    # The test's transaction never commits, so the sending (the worker's, after
    # commit) is not counted: only the arrival is.
    opened = post(twilio, channel_a, "Hello, is this the helpline?")
    # The text, and its four welcome notices each waiting in its own row.
    assert Message.objects.filter(direction=Direction.INBOUND).count() == 1
    assert HeldText.objects.count() == 4
    assert len(opened) <= NEW_CONVERSATION, listed(opened)

    followed = post(twilio, channel_a, "Are you there?")
    assert Message.objects.filter(direction=Direction.INBOUND).count() == 2
    assert len(followed) <= FOLLOW_UP, listed(followed)
