"""On and off duty: the end of a shift hands on every conversation, or nothing changes."""

from __future__ import annotations

import pytest

from havre.accounts.models import User
from havre.audit.models import Entry
from havre.conversations import queueing
from havre.conversations.actions import duty, participants
from havre.conversations.models import Conversation, Note, Participant
from tests.team.conftest import (
    hold,
    note_json,
    on_duty,
    post,
    seal_note,
    signed_in,
    waiting_thread,
)

pytestmark = pytest.mark.django_db


def test_coming_on_duty_is_audited_and_announced(
    alice: User, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(signed_in(alice), "team-duty", data={"on_duty": True})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.on_duty
    assert alice.duty_changed_at is not None
    assert events == [{"type": "team", "what": "duty"}]
    assert Entry.objects.filter(action="duty_on", actor=alice, target=str(alice.pk)).exists()


@pytest.fixture
def alices_shift(channel_a, keys_a, alice, bea):
    """Alice on duty holding two conversations; Bea on duty with room."""
    on_duty(alice, bea)
    one = waiting_thread(channel_a, keys_a, 1)
    two = waiting_thread(channel_a, keys_a, 2)
    hold(one.conversation, alice)
    hold(two.conversation, alice)
    return one.conversation, two.conversation


def test_the_end_of_a_shift_cannot_strand_conversations(alice, alices_shift):
    one, two = alices_shift
    client = signed_in(alice)
    response = post(client, "team-duty", data={"on_duty": False})
    assert response.status_code == 409
    assert response.json() == {
        "error": "handoff_required",
        "conversations": sorted([str(one.pk), str(two.pk)]),
    }
    alice.refresh_from_db()
    assert alice.on_duty
    assert queueing.load_of(alice) == 2


def test_each_conversation_needs_its_handoff_note(keys_a, alice, alices_shift):
    one, two = alices_shift
    handoffs = [
        {"conversation": str(one.pk), "to": None, "note": note_json(seal_note(keys_a, one, "a"))},
        {"conversation": str(two.pk), "to": None, "note": None},
    ]
    response = post(signed_in(alice), "team-duty", data={"on_duty": False, "handoffs": handoffs})
    assert (response.status_code, response.json()) == (400, {"error": "note_required"})
    assert queueing.load_of(alice) == 2
    assert not Note.objects.exists()


def test_the_end_of_a_shift_hands_each_one_on_with_a_note(
    keys_a, alice, bea, alices_shift, events, django_capture_on_commit_callbacks
):
    one, two = alices_shift
    participants.join(waiting_thread(one.channel, keys_a, 3).conversation, alice)
    events.clear()
    handoffs = [
        {
            "conversation": str(one.pk),
            "to": str(bea.pk),
            "note": note_json(seal_note(keys_a, one, "Bea, she will text after 9.")),
        },
        {
            "conversation": str(two.pk),
            "to": None,
            "note": note_json(seal_note(keys_a, two, "Waiting on her answer.")),
        },
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            signed_in(alice), "team-duty", data={"on_duty": False, "handoffs": handoffs}
        )
    assert response.status_code == 200, response.json()
    alice.refresh_from_db()
    assert not alice.on_duty
    assert queueing.load_of(alice) == 0
    assert Conversation.objects.get(pk=one.pk).assigned_to_id == bea.pk
    assert [c.pk for c in queueing.waiting(keys_a.program.pk)][-1] == two.pk
    assert {(n.conversation_id, n.recipient_id) for n in Note.objects.all()} == {
        (one.pk, bea.pk),
        (two.pk, None),
    }
    # Going off duty also leaves the conversations she had joined.
    assert not Participant.objects.filter(user=alice, left_at__isnull=True).exists()
    assert {"type": "team", "what": "duty"} in events
    assert Entry.objects.filter(action="duty_off", actor=alice).exists()
    assert Entry.objects.filter(action="requeue", target=str(two.pk)).exists()


def test_one_refused_handoff_leaves_everything_as_it_was(
    channel_a, keys_a, alice, bea, alices_shift
):
    one, two = alices_shift
    User.objects.filter(pk=bea.pk).update(max_conversations=1)
    handoffs = [
        duty.Handoff(one.pk, bea, seal_note(keys_a, one, "first")),
        duty.Handoff(two.pk, bea, seal_note(keys_a, two, "second")),
    ]
    response = post(
        signed_in(alice),
        "team-duty",
        data={
            "on_duty": False,
            "handoffs": [
                {
                    "conversation": str(h.conversation_id),
                    "to": str(bea.pk),
                    "note": note_json(h.note),
                }
                for h in handoffs
                if h.note is not None
            ],
        },
    )
    assert (response.status_code, response.json()) == (409, {"error": "at_capacity"})
    alice.refresh_from_db()
    assert alice.on_duty
    assert queueing.load_of(alice) == 2
    assert queueing.load_of(bea) == 0
    assert not Note.objects.exists()


def test_off_duty_with_nothing_held_needs_no_handoff(alice):
    on_duty(alice)
    duty.go_off_duty(alice, [])
    alice.refresh_from_db()
    assert not alice.on_duty


def test_a_handoff_to_someone_of_another_program_is_not_found(alice, charlie, alices_shift):
    one, _two = alices_shift
    response = post(
        signed_in(alice),
        "team-duty",
        data={"on_duty": False, "handoffs": [{"conversation": str(one.pk), "to": str(charlie.pk)}]},
    )
    assert (response.status_code, response.json()) == (404, {"error": "not_found"})
