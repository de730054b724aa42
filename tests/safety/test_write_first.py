"""Writing first to a known client: typed twice, last digits confirmed, never to a blocked number."""

from __future__ import annotations

import json
import uuid

import pytest

from havre.audit.models import Entry
from havre.conversations.models import Conversation, Message, Status
from havre.gateways.actions import add_channel
from havre.safety import actions as safety
from havre.safety.models import Block
from havre.vault import formats, sealing
from havre.vault.formats import b64e
from tests.conftest import ProgramKeys
from tests.console.conftest import TEXTER, Thread
from tests.safety.conftest import get, post, signed_in

pytestmark = pytest.mark.django_db

CLIENT = "+33612348139"


def write_first(client, channel, number=CLIENT, again=None, digits=None):
    return post(
        client,
        "write-first",
        data={
            "channel": str(channel.pk),
            "number": number,
            "number_again": number if again is None else again,
            "last_digits": CLIENT[-4:] if digits is None else digits,
        },
    )


def reply(client, keys: ProgramKeys, conversation_id: str, number: str, body: str):
    message_id = uuid.uuid4()
    info = formats.message_info(keys.program.pk, conversation_id, message_id, "out")
    return client.post(
        f"/console/api/conversations/{conversation_id}/reply",
        json.dumps(
            {
                "message_id": str(message_id),
                "body": body,
                "body_sealed": b64e(
                    formats.seal(bytes(keys.epoch.public_key), body.encode(), info)
                ),
                "number": number,
                "epoch": keys.epoch.number,
            }
        ),
        content_type="application/json",
    )


def test_opens_a_conversation_then_the_first_message_goes_out_as_a_reply(
    alice, channel_a, keys_a, fake_twilio, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    # Typed in the channel's national form, once with spaces.
    response = write_first(client, channel_a, number="06 12 34 81 39", again="0612348139")

    assert response.status_code == 201
    payload = response.json()
    assert payload["opened"] is True
    conversation = Conversation.objects.get(pk=payload["conversation"]["id"])
    assert (conversation.channel, conversation.assigned_to, conversation.status) == (
        channel_a,
        alice,
        Status.OPEN,
    )
    info = sealing.number_info(keys_a.program.pk, conversation.pk)
    assert keys_a.open(bytes(conversation.number_sealed), info) == CLIENT
    assert conversation.route == sealing.route_for(keys_a.program.pk, CLIENT)
    assert CLIENT not in response.content.decode()
    assert not Message.objects.filter(conversation=conversation).exists()
    assert Entry.objects.filter(
        action="write_first_opened", actor=alice, target=str(conversation.pk)
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = reply(client, keys_a, str(conversation.pk), CLIENT, "Hello, it's the helpline.")
    assert sent.status_code == 201
    [call] = fake_twilio.sent
    assert (call.to, call.body) == (CLIENT, "Hello, it's the helpline.")


def test_numbers_that_differ_are_refused(alice, channel_a):
    response = write_first(signed_in(alice), channel_a, again="+33612348193")
    assert (response.status_code, response.json()) == (400, {"error": "numbers_differ"})
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("digits", ["8193", "139", "", "12348139"])
def test_the_last_digits_must_be_confirmed(alice, channel_a, digits):
    response = write_first(signed_in(alice), channel_a, digits=digits)
    assert (response.status_code, response.json()) == (400, {"error": "last_digits_wrong"})
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("number", ["not a number", "12", ""])
def test_something_that_is_not_a_number_is_refused(alice, channel_a, number):
    response = write_first(signed_in(alice), channel_a, number=number)
    assert response.json() == {"error": "invalid_number"}


def test_a_blocked_number_is_refused(thread_a: Thread, alice, sam, channel_a, keys_a):
    from tests.safety.test_blocks import block

    block(signed_in(alice), thread_a)
    response = write_first(signed_in(sam), channel_a, number=TEXTER, digits=TEXTER[-4:])
    assert (response.status_code, response.json()) == (409, {"error": "number_blocked"})
    assert not Conversation.objects.filter(status=Status.OPEN).exists()
    Block.objects.update(lifted_at="2026-01-01T00:00:00Z")
    assert (
        write_first(signed_in(sam), channel_a, number=TEXTER, digits=TEXTER[-4:]).status_code == 201
    )


def test_an_open_conversation_with_the_number_is_reused(thread_a: Thread, alice, channel_a):
    response = write_first(signed_in(alice), channel_a, number="+1 514 555 0123", digits="0123")

    assert response.status_code == 200
    assert response.json()["opened"] is False
    assert response.json()["conversation"]["id"] == str(thread_a.conversation.pk)
    assert Conversation.objects.count() == 1
    assert Entry.objects.filter(
        action="write_first_reused", target=str(thread_a.conversation.pk)
    ).exists()


def test_the_reply_goes_only_to_the_number_the_conversation_was_opened_for(
    alice, channel_a, keys_a
):
    client = signed_in(alice)
    conversation_id = write_first(client, channel_a).json()["conversation"]["id"]
    wrong = reply(client, keys_a, conversation_id, "+33612348138", "Hello")
    assert (wrong.status_code, wrong.json()) == (400, {"error": "route_mismatch"})
    assert not Message.objects.exists()


def test_charlie_cannot_write_from_program_as_channel(charlie, channel_a):
    response = write_first(signed_in(charlie), channel_a)
    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_a_removed_channel_cannot_be_written_from(alice, channel_a):
    from havre.conversations.actions.channels import remove_channel

    remove_channel(channel_a)
    channel_a.refresh_from_db()
    with pytest.raises(safety.Forbidden):
        safety.open_to_number(
            channel_a, by=alice, number=CLIENT, number_again=CLIENT, last_digits="8139"
        )


def test_the_channels_to_write_from_are_the_programs_own(alice, charlie, channel_a, channel_b):
    from tests.safety.conftest import get

    assert [c["id"] for c in get(signed_in(alice), "channels").json()["channels"]] == [
        str(channel_a.pk)
    ]
    assert [c["id"] for c in get(signed_in(charlie), "channels").json()["channels"]] == [
        str(channel_b.pk)
    ]


def test_writing_first_counts_against_the_writers_cap(alice, channel_a):
    from havre.conversations.actions.team_errors import AtCapacity

    alice.max_conversations = 0
    alice.save(update_fields=["max_conversations"])
    with pytest.raises(AtCapacity):
        safety.open_to_number(
            channel_a, by=alice, number=CLIENT, number_again=CLIENT, last_digits="8139"
        )
    assert not Conversation.objects.exists()


def test_writing_first_tells_every_console_who_holds_it(
    alice, channel_a, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation, opened = safety.open_to_number(
            channel_a, by=alice, number=CLIENT, number_again=CLIENT, last_digits="8139"
        )
    assert opened
    assert conversation.assigned_to == alice
    assert {"type": "team", "what": "assignment", "conversation": str(conversation.pk)} in events


def test_only_sms_channels_write_first(alice, program_a, channel_a):
    whatsapp = add_channel(
        program_a,
        "whatsapp",
        phone_number_id="106540352242922",
        access_token="token-of-whatsapp",
        app_secret="0f5c2b8e4a1d9c7b3e6f8a2d4c1b9e7a",
        verify_token="verify",
        number="+15550783881",
    )
    signal = add_channel(program_a, "signal", rpc_url="http://127.0.0.1:9", number="+15550101000")
    listed = [c["id"] for c in get(signed_in(alice), "channels").json()["channels"]]
    assert listed == [str(channel_a.pk)]
    for channel in (whatsapp, signal):
        with pytest.raises(safety.Forbidden):
            safety.open_to_number(
                channel, by=alice, number=CLIENT, number_again=CLIENT, last_digits="8139"
            )
    assert not Conversation.objects.exists()
