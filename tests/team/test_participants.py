"""Several staff in one conversation: join, read, answer with one voice, leave."""

from __future__ import annotations

import pytest

from havre.audit.models import Entry
from havre.conversations.models import Conversation, Participant
from tests.team.conftest import get, hold, post, reply_json, signed_in

pytestmark = pytest.mark.django_db


def test_a_supervisor_joins_reads_and_answers_with_the_programs_voice(
    thread_a, alice, sam, fake_twilio, events, django_capture_on_commit_callbacks
):
    hold(thread_a.conversation, alice)
    client = signed_in(sam)
    refused = post(client, "api-reply", thread_a.conversation.pk, data=reply_json(thread_a, "Hi"))
    assert refused.status_code == 409

    events.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, "team-join", thread_a.conversation.pk).status_code == 200
    assert events == [
        {"type": "team", "what": "participants", "conversation": str(thread_a.conversation.pk)}
    ]
    team_view = get(signed_in(alice), "team-conversation", thread_a.conversation.pk).json()
    assert team_view["participants"] == [{"id": str(sam.pk), "name": "sam"}]

    data = get(client, "api-conversation", thread_a.conversation.pk).json()
    assert thread_a.open_body(data["messages"][0]) == "Hello?"
    with django_capture_on_commit_callbacks(execute=True):
        answered = post(
            client,
            "api-reply",
            thread_a.conversation.pk,
            data=reply_json(thread_a, "I am here with you."),
        )
    assert answered.status_code == 201
    # The texter sees one voice: the channel's number, the text alone.
    [sent] = fake_twilio.calls
    assert (sent.to, sent.body) == (thread_a.sender, "I am here with you.")

    assert post(client, "team-leave", thread_a.conversation.pk).status_code == 200
    assert Conversation.objects.get(pk=thread_a.conversation.pk).assigned_to_id == alice.pk
    assert Participant.objects.get(user=sam).left_at is not None
    assert post(client, "team-leave", thread_a.conversation.pk).status_code == 409
    # Her reading the thread is audited too, once, between joining and leaving.
    assert [e.action for e in Entry.objects.filter(actor=sam).order_by("pk")] == [
        "join",
        "opened",
        "leave",
    ]


def test_a_colleague_can_join_too_and_the_holder_cannot(thread_a, alice, bea):
    hold(thread_a.conversation, alice)
    assert post(signed_in(bea), "team-join", thread_a.conversation.pk).status_code == 200
    assert post(signed_in(bea), "team-join", thread_a.conversation.pk).status_code == 200
    assert Participant.objects.filter(user=bea).count() == 1
    response = post(signed_in(alice), "team-join", thread_a.conversation.pk)
    assert (response.status_code, response.json()) == (409, {"error": "invalid_target"})


def test_charlie_of_program_b_cannot_join_read_or_answer(thread_a, alice, charlie):
    hold(thread_a.conversation, alice)
    client = signed_in(charlie)
    conversation = thread_a.conversation.pk
    assert post(client, "team-join", conversation).status_code == 404
    assert get(client, "team-conversation", conversation).status_code == 404
    assert get(client, "api-conversation", conversation).status_code == 404
    response = post(client, "api-reply", conversation, data=reply_json(thread_a, "x"))
    assert response.status_code == 404
    assert not Participant.objects.exists()
