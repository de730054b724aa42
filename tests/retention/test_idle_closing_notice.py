"""An idle conversation where the texter wrote last waits, open, for her closing notice.

The server never holds her number, so it cannot send the notice itself; the
sweep marks the conversation as owed it and leaves it open. A console holding
the key sends it (an advocate's click on the usual closing with the notice)
and closes; if nobody does within a day, the next sweep closes it without it.
Staff writing last, the sweep closes at once and says nothing.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre import intake
from havre.audit.models import Entry
from havre.conversations.actions import lifecycle
from havre.conversations.models import (
    CLOSING_NOTICE_GRACE,
    Conversation,
    Direction,
    Message,
    Status,
)
from havre.protocols.defaults import CLOSING
from havre.retention import sweep

pytestmark = pytest.mark.django_db

TEXTER = "+33612345678"


def texter_writes_last(channel, alice) -> Conversation:
    """Her first text (Havre's welcome answers it), then a second one nobody answered."""
    for body in ("I need help", "are you there?"):
        message, _ = intake.receive_inbound(
            channel, provider_id=f"SM{uuid.uuid4().hex}", sender=TEXTER, body=body
        )
    assert message is not None
    Conversation.objects.filter(pk=message.conversation_id).update(assigned_to=alice)
    last = Message.objects.filter(conversation_id=message.conversation_id).order_by("-seq")[0]
    assert last.direction == Direction.INBOUND
    return Conversation.objects.get(pk=message.conversation_id)


def idle_for(conversation: Conversation, days: float) -> None:
    then = timezone.now() - timedelta(days=days)
    Conversation.objects.filter(pk=conversation.pk).update(last_activity_at=then)


def shown(member, conversation: Conversation) -> dict[str, object]:
    client = Client()
    client.force_login(member)
    path = reverse("console:api-conversation", args=[conversation.pk])
    return client.get(path, {"after": 0}).json()


def test_her_text_last_leaves_it_open_marked_until_a_console_sends_the_notice(
    channel_a, alice, fake_twilio
):
    conversation = texter_writes_last(channel_a, alice)
    idle_for(conversation, days=8)
    [outcome] = sweep.purge()
    assert (outcome.counts["closing_notices_owed"], outcome.counts["closed_idle"]) == (1, 0)
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN
    assert conversation.route is not None
    until = shown(alice, conversation)["closing_notice_owed_until"]
    assert until == (conversation.closing_notice_owed_at + CLOSING_NOTICE_GRACE).isoformat()
    assert Entry.objects.filter(action="conversation.closing_notice_owed", actor=None).count() == 1

    # The next sweep leaves it alone: still owed, within the grace.
    [again] = sweep.purge()
    assert (again.counts["closing_notices_owed"], again.counts["closed_idle"]) == (0, 0)

    # Her advocate's console sends it with the usual closing: the number her browser decrypted.
    client = Client()
    client.force_login(alice)
    answer = client.post(
        f"/console/api/protocols/conversations/{conversation.pk}/close",
        json.dumps({"number": TEXTER}),
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    assert Message.objects.filter(conversation=conversation, notice=CLOSING).count() == 1
    assert conversation.closing_notice_owed_until() is None


def test_owed_past_the_grace_it_closes_without_the_notice(channel_a, alice):
    conversation = texter_writes_last(channel_a, alice)
    idle_for(conversation, days=8)
    sweep.purge()
    owed = Conversation.objects.get(pk=conversation.pk).closing_notice_owed_at
    assert owed is not None
    Conversation.objects.filter(pk=conversation.pk).update(
        closing_notice_owed_at=owed - CLOSING_NOTICE_GRACE - timedelta(minutes=1)
    )
    [dry] = sweep.purge(dry_run=True)
    assert (dry.counts["closed_idle"], dry.counts["closing_notices_unsent"]) == (1, 1)
    [outcome] = sweep.purge()
    assert (outcome.counts["closed_idle"], outcome.counts["closing_notices_unsent"]) == (1, 1)
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    assert conversation.route is None
    assert not Message.objects.filter(conversation=conversation, notice=CLOSING).exists()


def test_a_text_after_the_mark_owes_nothing_until_idle_again(channel_a, alice):
    conversation = texter_writes_last(channel_a, alice)
    idle_for(conversation, days=8)
    sweep.purge()
    intake.receive_inbound(
        channel_a, provider_id=f"SM{uuid.uuid4().hex}", sender=TEXTER, body="still here"
    )
    conversation.refresh_from_db()
    assert conversation.closing_notice_owed_until() is None
    assert shown(alice, conversation)["closing_notice_owed_until"] is None
    # Idle again with her text last (as if the mark and her text were days ago): owed again.
    Conversation.objects.filter(pk=conversation.pk).update(
        closing_notice_owed_at=timezone.now() - timedelta(days=9)
    )
    idle_for(conversation, days=8)
    [outcome] = sweep.purge()
    assert outcome.counts["closing_notices_owed"] == 1
    conversation.refresh_from_db()
    assert conversation.closing_notice_owed_until() is not None


def test_staff_last_closes_at_once_without_a_word(channel_a, alice):
    message, _ = intake.receive_inbound(
        channel_a, provider_id=f"SM{uuid.uuid4().hex}", sender=TEXTER, body="hello"
    )
    assert message is not None
    conversation = message.conversation
    idle_for(conversation, days=8)
    before = Message.objects.filter(conversation=conversation).count()
    idle_since = timezone.now() - timedelta(days=7)
    fate = lifecycle.close_idle(
        conversation, idle_since=idle_since, owed_since=timezone.now() - CLOSING_NOTICE_GRACE
    )
    assert fate == lifecycle.IdleFate.CLOSED
    assert Message.objects.filter(conversation=conversation).count() == before
