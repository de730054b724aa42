"""No act on a texter without a key.

Replying, sending a notice, closing, marking or ending an ongoing
relationship, blocking, writing first, the code word and check-ins all require a grant of the current epoch. A session without one
(a member awaiting her grant, one who holds only an older key, or a stolen
cookie) is refused before anything looks at a number or a route, with the
same answer whatever it sends: it learns nothing about which numbers are
texting the helpline. Closing (and so blocking) is for the holder, a
participant, or a supervisor; replies must have the shape of a sealed text.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from havre.accounts.models import Role, User
from havre.conversations.models import Channel, Conversation, Message, Note, Participant, Status
from havre.safety.models import Block
from havre.vault import formats
from tests.conftest import ProgramKeys, signed_in, staff_member
from tests.console.conftest import Thread, start_thread

pytestmark = pytest.mark.django_db

OTHER_NUMBER = "+15145559876"
KEY_REQUIRED = (403, {"error": "key_required"})


def call(client: Client, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
    if method == "GET":
        return client.get(path)
    return client.post(path, json.dumps(data or {}), content_type="application/json")


def every_act(
    thread: Thread, channel: Channel, number: str
) -> list[tuple[str, str, dict[str, Any]]]:
    """Each act on a texter, as the console sends it, naming `number` where it names one."""
    conversation = thread.conversation.pk
    message_id, sealed = thread.sealed_reply("We are here.")
    safety = f"/console/api/safety/conversations/{conversation}/"
    sealed_text = formats.b64e(sealed)
    return [
        (
            "POST",
            reverse("console:api-reply", args=[conversation]),
            {
                "message_id": str(message_id),
                "body": "We are here.",
                "body_sealed": sealed_text,
                "number": number,
                "epoch": 1,
            },
        ),
        ("POST", reverse("console:api-close", args=[conversation]), {}),
        ("POST", reverse("console:api-ongoing", args=[conversation]), {"ongoing": True}),
        ("POST", reverse("console:api-ongoing", args=[conversation]), {"ongoing": False}),
        (
            "POST",
            reverse("console:team-notes", args=[conversation]),
            {"note": {"id": str(uuid.uuid4()), "body_sealed": sealed_text, "epoch": 1}},
        ),
        (
            "POST",
            f"/console/api/protocols/conversations/{conversation}/notice",
            {"notice": "safety", "number": number},
        ),
        ("POST", f"/console/api/protocols/conversations/{conversation}/close", {"number": number}),
        (
            "POST",
            safety + "block",
            {"number": number, "id": str(uuid.uuid4()), "label_sealed": sealed_text, "epoch": 1},
        ),
        ("POST", safety + "code-word", {"sealed": sealed_text, "epoch": 1}),
        ("GET", safety + "code-word", {}),
        ("POST", safety + "code-word/clear", {}),
        ("POST", safety + "checkins", {"every_hours": 24}),
        ("POST", safety + "checkins/done", {}),
        ("POST", safety + "checkins/snooze", {"hours": 1}),
        ("POST", safety + "checkins/stop", {}),
        (
            "POST",
            "/console/api/safety/write-first",
            {
                "channel": str(channel.pk),
                "number": number,
                "number_again": number,
                "last_digits": number[-4:],
            },
        ),
    ]


def snapshot() -> tuple[object, ...]:
    """Everything an act could have changed."""
    return (
        Message.objects.count(),
        list(
            Conversation.objects.order_by("pk").values_list(
                "pk", "status", "seq", "code_word_sealed", "checkin_every", "ongoing_since"
            )
        ),
        Block.objects.count(),
        Note.objects.count(),
    )


def answers(client: Client, thread: Thread, channel: Channel, number: str) -> list[tuple[int, Any]]:
    return [
        (response.status_code, response.json())
        for response in (call(client, m, p, d) for m, p, d in every_act(thread, channel, number))
    ]


@pytest.fixture
def thread(channel_a: Channel, keys_a: ProgramKeys) -> Thread:
    return start_thread(channel_a, keys_a, "Is anyone there?")


def test_a_member_awaiting_her_grant_is_refused_every_act_alike(
    thread: Thread, channel_a: Channel, dana: User
) -> None:
    client = signed_in(dana)
    before = snapshot()
    with_the_number = answers(client, thread, channel_a, thread.sender)
    with_another = answers(client, thread, channel_a, OTHER_NUMBER)
    # The same refusal for every act, whether or not the number is the texter's...
    assert with_the_number == with_another == [KEY_REQUIRED] * len(with_the_number)
    # ...and for a conversation that does not exist.
    ghost = Thread(thread.channel, thread.keys, Conversation(pk=uuid.uuid4()), thread.sender)
    assert answers(client, ghost, channel_a, thread.sender) == with_the_number
    assert snapshot() == before


def test_write_first_never_hands_an_existing_conversation_to_a_session_without_the_key(
    thread: Thread, channel_a: Channel, dana: User
) -> None:
    body = {
        "channel": str(channel_a.pk),
        "number": thread.sender,
        "number_again": thread.sender,
        "last_digits": thread.sender[-4:],
    }
    response = call(signed_in(dana), "POST", "/console/api/safety/write-first", body)
    assert (response.status_code, response.json()) == KEY_REQUIRED
    assert str(thread.conversation.pk) not in response.content.decode()


def test_holding_only_an_older_key_is_not_enough(
    thread: Thread, channel_a: Channel, alice: User, keys_a: ProgramKeys
) -> None:
    private_key, public_key = formats.generate_keypair()
    epochs = keys_a.epoch.program.epochs
    epochs.filter(number=1).update(retired_at=keys_a.epoch.created_at)
    epochs.create(number=2, public_key=public_key)
    client = signed_in(alice)
    assert answers(client, thread, channel_a, thread.sender)[0] == KEY_REQUIRED
    assert private_key


def test_with_the_key_the_same_acts_go_through(
    thread: Thread, channel_a: Channel, dana: User, keys_a: ProgramKeys, fake_twilio: Any
) -> None:
    # Dana is granted the key, then joins the conversation and answers.
    dana.public_key, dana_private = _keys(dana)
    sealed = formats.seal(
        bytes(dana.public_key),
        keys_a.private_key,
        formats.grant_info(keys_a.program.pk, 1, dana.pk),
    )
    keys_a.epoch.grants.create(user=dana, sealed_key=sealed)
    Participant.objects.create(conversation=thread.conversation, user=dana)
    client = signed_in(dana)
    method, path, data = every_act(thread, channel_a, thread.sender)[0]
    assert call(client, method, path, data).status_code == 201
    assert dana_private


def _keys(user: User) -> tuple[bytes, bytes]:
    private_key, public_key = formats.generate_keypair()
    User.objects.filter(pk=user.pk).update(public_key=public_key)
    return public_key, private_key


def test_closing_is_for_its_holder_a_participant_or_a_supervisor(
    channel_a: Channel, keys_a: ProgramKeys, alice: User, sam: User
) -> None:
    bea = staff_member(keys_a, "bea@a.example", Role.ADVOCATE)
    threads = [start_thread(channel_a, keys_a, "hi", sender=f"+1514555000{n}") for n in range(4)]
    for t in threads:
        Conversation.objects.filter(pk=t.conversation.pk).update(assigned_to=alice)

    def close(user: User, t: Thread) -> tuple[int, Any]:
        response = call(
            signed_in(user), "POST", reverse("console:api-close", args=[t.conversation.pk])
        )
        return response.status_code, response.json()

    # Bea neither holds nor joined it: refused, and nothing changes.
    assert close(bea, threads[0]) == (403, {"error": "not_allowed"})
    # With the closing notice, she is refused before her number is even compared.
    protocols = f"/console/api/protocols/conversations/{threads[0].conversation.pk}/close"
    for number in (threads[0].sender, OTHER_NUMBER):
        response = call(signed_in(bea), "POST", protocols, {"number": number})
        assert (response.status_code, response.json()) == (403, {"error": "not_allowed"})
    assert Conversation.objects.get(pk=threads[0].conversation.pk).status == Status.OPEN
    # Its holder, a participant, a supervisor may.
    assert close(alice, threads[1])[0] == 200
    Participant.objects.create(conversation=threads[2].conversation, user=bea)
    assert close(bea, threads[2])[0] == 200
    assert close(sam, threads[3])[0] == 200


def test_a_reply_that_is_not_sealed_is_refused_and_nothing_stored(
    thread: Thread, alice: User
) -> None:
    Conversation.objects.filter(pk=thread.conversation.pk).update(assigned_to=alice)
    before = Message.objects.count()
    for body_sealed in (b"We are here.", b"x" * 200, b""):
        response = call(
            signed_in(alice),
            "POST",
            reverse("console:api-reply", args=[thread.conversation.pk]),
            {
                "message_id": str(uuid.uuid4()),
                "body": "We are here.",
                "body_sealed": formats.b64e(body_sealed),
                "number": thread.sender,
                "epoch": 1,
            },
        )
        assert (response.status_code, response.json()) == (400, {"error": "invalid_reply"})
    assert Message.objects.count() == before
