"""Conversation actions: sealing before writing, routing, idempotency, relay, close."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from havre import intake
from havre.conversations import actions, relay
from havre.conversations.models import Conversation, Delivery, Message, Status
from havre.vault import formats, sealing
from tests.conftest import SEALED_REPLY, ProgramKeys

pytestmark = pytest.mark.django_db

TEXTER = "+33612345678"


def receive(channel, body="I need help", sid=None, sender=TEXTER, media=0):
    return intake.receive_inbound(
        channel,
        provider_id=sid or f"SM{uuid.uuid4().hex}",
        sender=sender,
        body=body,
        media_count=media,
    )


def test_inbound_is_sealed_to_the_program_key(
    channel_a, keys_a: ProgramKeys, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message, created = receive(channel_a, "Puis-je écrire ici en sécurité ? 🙏")
    assert created
    conversation = message.conversation
    assert (
        keys_a.open(
            message.body_sealed,
            formats.message_info(keys_a.program.pk, conversation.pk, message.pk, "in"),
        )
        == "Puis-je écrire ici en sécurité ? 🙏"
    )
    assert (
        keys_a.open(
            conversation.number_sealed, sealing.number_info(keys_a.program.pk, conversation.pk)
        )
        == TEXTER
    )
    assert b"curit" not in bytes(message.body_sealed)
    # The text and the four automatic replies answering it, one seq each, are
    # announced once, at the last; then each send attempt moves it on.
    conversation.refresh_from_db()
    assert events == [
        {"type": "conversation", "conversation": str(conversation.pk), "seq": seq}
        for seq in range(5, conversation.seq + 1)
    ]


def test_a_sealed_body_cannot_be_moved_to_another_row(channel_a, keys_a):
    first, _ = receive(channel_a, "first")
    second, _ = receive(channel_a, "second")
    with pytest.raises(formats.FormatError):
        keys_a.open(
            first.body_sealed,
            formats.message_info(keys_a.program.pk, second.conversation_id, second.pk, "in"),
        )


def test_same_number_same_open_conversation_other_number_new_one(channel_a):
    a1, _ = receive(channel_a)
    a2, _ = receive(channel_a, sender="+33 6 12 34 56 78")
    b1, _ = receive(channel_a, sender="+33698765432")
    assert a1.conversation_id == a2.conversation_id
    assert b1.conversation_id != a1.conversation_id
    assert a1.seq == 1
    assert a2.seq == Conversation.objects.get(pk=a1.conversation_id).seq


def test_retried_webhook_is_harmless(channel_a):
    first, created = receive(channel_a, sid="SM" + "1" * 32)
    again, created_again = receive(channel_a, sid="SM" + "1" * 32)
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert Message.objects.filter(direction="in").count() == 1


def test_invalid_sender_is_refused_without_storing(channel_a):
    with pytest.raises(actions.InvalidNumber):
        receive(channel_a, sender="not a number")
    assert not Message.objects.exists()


def test_a_program_without_key_refuses_rather_than_storing_plaintext(channel_a, keys_a):
    keys_a.epoch.delete()
    with pytest.raises(actions.NoProgramKey):
        receive(channel_a)
    assert not Message.objects.exists()


def test_route_is_keyed_and_per_program(channel_a, channel_b):
    a, _ = receive(channel_a)
    b, _ = receive(channel_b)
    assert a.conversation.route != b.conversation.route
    assert TEXTER.lstrip("+") not in a.conversation.route


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


def test_reply_to_another_number_is_refused(channel_a, alice):
    message, _ = receive(channel_a)
    with pytest.raises(actions.RouteMismatch):
        reply(message.conversation, alice, number="+33698765432")
    with pytest.raises(actions.RouteMismatch):
        reply(message.conversation, alice, number="garbage")
    assert message.conversation.messages.filter(notice="").count() == 1


def test_reply_sealed_to_an_old_epoch_is_refused(channel_a, alice):
    message, _ = receive(channel_a)
    with pytest.raises(actions.StaleEpoch):
        actions.queue_reply(
            message.conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="hello",
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=2,
        )
    assert message.conversation.messages.filter(notice="").count() == 1


def test_reply_from_another_program_is_refused(channel_a, charlie):
    message, _ = receive(channel_a)
    with pytest.raises(actions.ActionError):
        reply(message.conversation, charlie)


def test_reply_keeps_only_the_browsers_ciphertext_and_drops_the_relay(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    message, _ = receive(channel_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(message.conversation, alice, body="Are you safe to text now?")
    sent.refresh_from_db()
    assert bytes(sent.body_sealed) == SEALED_REPLY
    assert sent.status == Delivery.SENDING
    assert sent.provider_id
    assert relay.get(sent.pk) is None
    [call] = fake_twilio.sent
    assert call.to == TEXTER
    assert call.body == "Are you safe to text now?"


def test_transient_failures_retry_then_give_up_visibly(
    channel_a, alice, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.HAVRE_SEND_RETRY_SECONDS = 0
    settings.HAVRE_SEND_ATTEMPTS = 3
    fake_twilio.fail_next(5, status=503)
    message, _ = receive(channel_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(message.conversation, alice)
    sent.refresh_from_db()
    assert sent.status == Delivery.FAILED
    assert sent.attempts == 3
    assert not fake_twilio.sent
    # Held, boxed, so that staff can try again (tests/conversations/test_held_texts.py).
    assert relay.get(sent.pk) == relay.Relay(to=TEXTER, body="We are here.")


def test_transient_failure_then_success(
    channel_a, alice, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.HAVRE_SEND_RETRY_SECONDS = 0
    fake_twilio.fail_next(1, status=500)
    message, _ = receive(channel_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(message.conversation, alice)
    sent.refresh_from_db()
    assert sent.status == Delivery.SENDING
    assert sent.attempts == 2
    assert len(fake_twilio.sent) == 1


def test_permanent_failure_does_not_retry(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.fail_next(1, status=400, code=21211)
    message, _ = receive(channel_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(message.conversation, alice)
    sent.refresh_from_db()
    assert (sent.status, sent.error_code, sent.attempts) == (Delivery.FAILED, "21211", 1)


def test_delivery_reports_only_move_forward(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    message, _ = receive(channel_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(message.conversation, alice)
    sent.refresh_from_db()
    assert actions.record_delivery(channel_a, provider_id=sent.provider_id, status="delivered")
    assert actions.record_delivery(channel_a, provider_id=sent.provider_id, status="sent")
    sent.refresh_from_db()
    assert sent.status == Delivery.DELIVERED
    assert not actions.record_delivery(channel_a, provider_id="SMunknown", status="sent")


def test_close_forgets_the_route_and_next_text_opens_a_new_conversation(
    channel_a, alice, events, django_capture_on_commit_callbacks
):
    message, _ = receive(channel_a)
    conversation = message.conversation
    # Its holder closes it.
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice)
    conversation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_conversation(conversation, by=alice)
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    assert conversation.route is None
    assert {
        "type": "conversation",
        "conversation": str(conversation.pk),
        "seq": conversation.seq,
    } in events
    with pytest.raises(actions.ConversationClosed):
        actions.close_conversation(conversation, by=alice)
    with pytest.raises(actions.ConversationClosed):
        reply(conversation, alice)
    later, _ = receive(channel_a)
    assert later.conversation_id != conversation.pk
    assert Conversation.objects.filter(status=Status.OPEN).count() == 1


def test_close_by_another_program_is_refused(channel_a, charlie):
    message, _ = receive(channel_a)
    with pytest.raises(actions.ActionError):
        actions.close_conversation(message.conversation, by=charlie)


def test_no_plaintext_in_the_database(
    channel_a, alice, fake_twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message, _ = receive(channel_a, "secret words about the shelter")
        reply(message.conversation, alice, body="reply words about the shelter")
    with connection.cursor() as cursor:
        for table in ("conversations_message", "conversations_conversation", "audit_entry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed table names)
            dump = repr(cursor.fetchall()).encode()
            for secret in (b"shelter", b"612345678", b"33612345678"):
                assert secret not in dump, (table, secret)
