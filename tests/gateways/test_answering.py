"""What a channel allows decides whether a reply may leave: its 24-hour window, and being there at all."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from havre import intake
from havre.conversations import actions
from havre.conversations.models import Conversation, Direction, Message
from havre.gateways.actions import add_channel, remove_channel
from havre.gateways.refs import provider_ref
from tests.conftest import CHANNEL_A_NUMBER, CHANNEL_A_SID, CHANNEL_A_TOKEN
from tests.gateways.scan import received

pytestmark = pytest.mark.django_db


def arrive(channel, sender: str, body: str = "help", ref: str | None = None) -> Conversation:
    message, _ = intake.receive_inbound(
        channel,
        provider_id=provider_ref(channel.pk, ref or str(uuid.uuid4())),
        sender=sender,
        body=body,
    )
    assert message is not None
    return Conversation.objects.get(pk=message.conversation_id)


def reply(conversation, alice, number: str) -> Message:
    return actions.queue_reply(
        conversation,
        author=alice,
        message_id=uuid.uuid4(),
        body="Nous sommes là.",
        body_sealed=b"sealed by the browser" * 4,
        number=number,
        epoch=1,
    )


def age(conversation: Conversation, hours: float) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(
        last_inbound_at=timezone.now() - timedelta(hours=hours)
    )
    conversation.refresh_from_db()


def outbound() -> int:
    return Message.objects.filter(direction=Direction.OUTBOUND, notice="").count()


def test_whatsapp_replies_go_within_24_hours_of_her_last_message(whatsapp_a, alice):
    conversation = arrive(whatsapp_a, "16505551234")
    closes = conversation.reply_window_closes_at()
    assert closes is not None
    assert closes - conversation.last_inbound_at == timedelta(hours=24)

    age(conversation, 23.5)
    reply(conversation, alice, "+16505551234")
    age(conversation, 24.1)
    with pytest.raises(actions.ReplyWindowClosed):
        reply(conversation, alice, "+16505551234")
    assert outbound() == 1


def test_her_next_message_opens_the_window_again(messenger_a, alice):
    conversation = arrive(messenger_a, "6456078781510718")
    age(conversation, 30)
    with pytest.raises(actions.ReplyWindowClosed):
        reply(conversation, alice, "6456078781510718")
    arrive(messenger_a, "6456078781510718", body="still there?")
    conversation.refresh_from_db()
    reply(conversation, alice, "6456078781510718")


def test_sms_and_signal_have_no_window(channel_a, signal_a, alice):
    for channel, sender in (
        (channel_a, "+33600000001"),
        (signal_a, "6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f"),
    ):
        conversation = arrive(channel, sender)
        assert conversation.reply_window_closes_at() is None
        age(conversation, 24 * 30)
        reply(conversation, alice, sender)


def test_the_console_says_why_a_reply_cannot_go(client, whatsapp_a, alice, keys_a):
    conversation = arrive(whatsapp_a, "16505551234")
    age(conversation, 25)
    client.force_login(alice)
    response = client.post(
        f"/console/api/conversations/{conversation.pk}/reply",
        {
            "message_id": str(uuid.uuid4()),
            "body": "x",
            "body_sealed": "c2VhbGVk" * 20,
            "number": "+16505551234",
            "epoch": 1,
        },
        content_type="application/json",
    )
    assert (response.status_code, response.json()["error"]) == (409, "window_closed")


def test_after_removal_no_reply_leaves_and_her_next_text_on_another_channel_carries_on(
    program_a, channel_a, alice
):
    conversation = arrive(channel_a, "+33600000001")
    remove_channel(channel_a)
    with pytest.raises(actions.ChannelRemoved):
        reply(conversation, alice, "+33600000001")

    moved_to = add_channel(
        program_a,
        "twilio",
        address=CHANNEL_A_NUMBER,
        account_sid=CHANNEL_A_SID,
        auth_token=CHANNEL_A_TOKEN,
    )
    again = arrive(moved_to, "+33600000001", body="vous êtes là ?")
    assert again.pk == conversation.pk
    conversation.refresh_from_db()
    assert conversation.channel_id == moved_to.pk
    reply(conversation, alice, "+33600000001")
    assert len(received()) == 2


def test_a_removed_channel_says_how_many_conversations_it_leaves_open(channel_a):
    arrive(channel_a, "+33600000001")
    arrive(channel_a, "+33600000002")
    assert remove_channel(channel_a).open_conversations == 2
