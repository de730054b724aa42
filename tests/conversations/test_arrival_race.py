"""A first text sealed for a new conversation that another text opened meanwhile.

The arrival's transaction does not look the open conversation up under a
lock: the database keeps one open conversation per route, so the second
creation is refused, nothing of it stays, and the pipeline seals the text
again for the conversation that is open.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from havre.conversations.actions.inbound import StaleArrival, store_arrival
from havre.conversations.models import Conversation, Message
from havre.intake import pipeline

pytestmark = pytest.mark.django_db

TEXTER = "+33600000002"


def test_a_conversation_opened_meanwhile_refuses_the_second_and_keeps_nothing_of_it(
    channel_a, keys_a
):
    text = pipeline.Text(channel_a, "SM-first", TEXTER, "hello?", 0)
    arrival, _language = pipeline.seal(text, pipeline.normalise(text))
    assert arrival.new_conversation

    pipeline.receive_inbound(channel_a, provider_id="SM-second", sender=TEXTER, body="anyone?")
    with pytest.raises(StaleArrival), transaction.atomic():
        store_arrival(arrival)
    assert Conversation.objects.filter(channel=channel_a).count() == 1
    assert not Message.objects.filter(provider_id="SM-first").exists()

    # Sealed again, the text joins the open conversation.
    message, created = pipeline.receive_inbound(
        channel_a, provider_id="SM-first", sender=TEXTER, body="hello?"
    )
    assert created
    assert message is not None
    assert message.conversation_id == Conversation.objects.get(channel=channel_a).pk
