"""Texts on their way out: every one held until the provider takes it, none readable at rest.

The plaintext of a reply or a notice waits in its own row, boxed under a key
derived from the server secret, from the transaction that queues it to the
provider's acceptance. A text that cannot be sent ends failed, visibly, and
can be tried again while its text is held.
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre import intake
from havre.conversations import actions, relay
from havre.conversations.models import Delivery, Direction, HeldText, Message
from tests.conftest import SEALED_REPLY

pytestmark = pytest.mark.django_db

TEXTER = "+33612345678"
# A surge after a news story: this many people text for the first time at
# once, each owed the welcome notices and a reply, every text waiting at the
# same time. The old cache held about 300 entries; the suite plays 120 new
# conversations (600 texts waiting at once) to stay affordable on two shared
# cores, and `make surge` plays the 3,000.
SURGE = int(os.environ.get("HAVRE_TEST_SURGE", "120"))


def receive(channel, sender=TEXTER, body="I need help"):
    message, _ = intake.receive_inbound(
        channel, provider_id=f"SM{uuid.uuid4().hex}", sender=sender, body=body, media_count=0
    )
    return message


def reply(conversation, author, body="We are here.", number=TEXTER):
    return actions.queue_reply(
        conversation,
        author=author,
        message_id=uuid.uuid4(),
        body=body,
        body_sealed=SEALED_REPLY,
        number=number,
        epoch=1,
    )


def outbound():
    return Message.objects.filter(direction=Direction.OUTBOUND)


def test_a_surge_delivers_every_welcome_and_every_reply_exactly_once(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    texters = [f"+3361{i:07d}" for i in range(SURGE)]
    # Everything is queued before anything is sent: every text waits at once.
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        for texter in texters:
            conversation = receive(channel_a, sender=texter).conversation
            reply(conversation, alice, body=f"We are here for {texter}.", number=texter)
    queued = outbound().count()
    assert queued > 2 * SURGE  # at least one notice and one reply each
    assert HeldText.objects.count() == queued
    assert not fake_twilio.sent

    for callback in waiting:
        callback()

    sent = fake_twilio.sent
    messages = list(outbound().values_list("status", "provider_id", "notice"))
    assert {status for status, _, _ in messages} == {Delivery.SENDING}
    assert sorted(call.sid for call in sent) == sorted(sid for _, sid, _ in messages)
    bodies: dict[str, list[str]] = {}
    for call in sent:
        bodies.setdefault(call.to or "", []).append(call.body or "")
    notices = [notice for _, _, notice in messages if notice]
    assert len(notices) == queued - SURGE
    per_texter = len(notices) // SURGE
    first = bodies[texters[0]]
    for texter in texters:
        # The same welcome, in its order, then her reply: each once.
        assert bodies[texter] == [*first[:per_texter], f"We are here for {texter}."]
    assert HeldText.objects.count() == 0


def test_nothing_held_is_readable_without_the_server_secret(
    channel_a, alice, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    with django_capture_on_commit_callbacks(execute=False):
        sent = reply(conversation, alice, body="Is it safe to text you now?")
    held = HeldText.objects.get(message=sent)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM conversations_heldtext")
        rows = repr(cursor.fetchall())
    for secret in ["safe to text", "612345678", "33612345678"]:
        assert secret not in rows
        assert secret.encode() not in bytes(held.boxed)
    assert relay.get(sent.pk) == relay.Relay(to=TEXTER, body="Is it safe to text you now?")

    # A box is bound to its message: moved to another, it opens as nothing.
    other = reply(conversation, alice, body="Another.")
    HeldText.objects.filter(message=other).update(boxed=held.boxed)
    assert relay.get(other.pk) is None


def test_a_text_held_under_another_secret_ends_failed_and_is_logged_by_id(
    channel_a, alice, fake_twilio, settings, caplog, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        sent = reply(conversation, alice, body="We are here.")
    settings.SECRET_KEY = "another server secret, long enough for the tests"
    with caplog.at_level(logging.WARNING):
        for callback in waiting:
            callback()
    sent.refresh_from_db()
    assert sent.status == Delivery.FAILED
    assert sent.error_code == "relay-expired"
    assert not fake_twilio.sent
    assert f"message={sent.pk} code=relay-expired" in caplog.text
    assert "We are here" not in caplog.text


def test_a_failed_text_stays_held_and_is_sent_once_when_tried_again(
    channel_a, alice, fake_twilio, settings, events, django_capture_on_commit_callbacks
):
    settings.HAVRE_SEND_RETRY_SECONDS = 0
    settings.HAVRE_SEND_ATTEMPTS = 2
    conversation = receive(channel_a).conversation
    fake_twilio.fail_next(2, status=503)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(conversation, alice, body="Still there?")
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == (Delivery.FAILED, 2)
    assert relay.holds(sent.pk)

    events.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.retry_send(conversation, sent.pk, by=alice)
    assert again.pk == sent.pk
    sent.refresh_from_db()
    assert sent.status == Delivery.SENDING
    assert sent.provider_id
    assert [(c.to, c.body) for c in fake_twilio.sent] == [(TEXTER, "Still there?")]
    assert not relay.holds(sent.pk)
    assert {event["conversation"] for event in events} == {str(conversation.pk)}

    # Once taken by the provider it is no longer failed: nothing to try again.
    with pytest.raises(actions.NotRetryable):
        actions.retry_send(conversation, sent.pk, by=alice)


def test_trying_again_is_refused_when_it_cannot_be_honest(
    channel_a, alice, sam, charlie, fake_twilio, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    fake_twilio.fail_next(1, status=400, code=21211)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(conversation, alice)
    sent.refresh_from_db()
    assert sent.status == Delivery.FAILED

    with pytest.raises(actions.ActionError):
        actions.retry_send(conversation, sent.pk, by=charlie)
    with pytest.raises(actions.MessageNotFound):
        actions.retry_send(conversation, uuid.uuid4(), by=alice)
    inbound = Message.objects.get(conversation=conversation, direction=Direction.INBOUND)
    with pytest.raises(actions.MessageNotFound):
        actions.retry_send(conversation, inbound.pk, by=alice)
    relay.drop(sent.pk)
    with pytest.raises(actions.TextGone):
        actions.retry_send(conversation, sent.pk, by=alice)
    actions.close_conversation(conversation, by=sam)
    with pytest.raises(actions.ConversationClosed):
        actions.retry_send(conversation, sent.pk, by=alice)
    assert len(fake_twilio.sent) == 0


def test_a_lost_announcement_is_made_again_by_the_sweep_and_sends_once(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    # The process stopped between the commit and the queue: nobody was told.
    with django_capture_on_commit_callbacks(execute=False):
        sent = reply(conversation, alice, body="After the restart.")
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_held_texts() == 0  # too recent: perhaps still on its way
    Message.objects.filter(pk=sent.pk).update(status_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_held_texts() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_held_texts() == 0
    assert [c.body for c in fake_twilio.sent] == ["After the restart."]


def test_the_sweep_forgets_failed_texts_after_a_day(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    fake_twilio.fail_next(2, status=400, code=21211)
    with django_capture_on_commit_callbacks(execute=True):
        recent = reply(conversation, alice)
        old = reply(conversation, alice)
    Message.objects.filter(pk=old.pk).update(status_at=timezone.now() - timedelta(hours=25))
    actions.sweep_held_texts()
    assert relay.holds(recent.pk)
    assert not relay.holds(old.pk)


def test_the_console_tries_a_failed_text_again(
    channel_a, alice, charlie, fake_twilio, django_capture_on_commit_callbacks
):
    conversation = receive(channel_a).conversation
    fake_twilio.fail_next(1, status=400, code=21211)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(conversation, alice)
    url = reverse("console:api-retry", args=[conversation.pk, sent.pk])

    outsider = Client(enforce_csrf_checks=False)
    outsider.force_login(charlie)
    assert outsider.post(url, content_type="application/json").status_code == 404

    client = Client(enforce_csrf_checks=False)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Delivery.QUEUED
    again = client.post(url, content_type="application/json")
    assert (again.status_code, again.json()["error"]) == (409, "not_failed")
    assert len(fake_twilio.sent) == 1
