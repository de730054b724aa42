"""The queue: its order, take-next, automatic assignment, and answering from it."""

from __future__ import annotations

import uuid

import pytest

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations import queueing
from havre.conversations.actions import close_conversation, team
from havre.conversations.actions.team_errors import AtCapacity, NotOnDuty, QueueEmpty
from havre.conversations.models import Conversation, Message
from havre.safety.actions import block_texter
from havre.vault import formats, sealing
from tests.console.conftest import text_in
from tests.team.conftest import (
    get,
    hold,
    minutes_ago,
    on_duty,
    post,
    reply_json,
    signed_in,
    waiting_thread,
)

pytestmark = pytest.mark.django_db


def ids(conversations: object) -> list[str]:
    return [str(c.pk) for c in conversations]  # type: ignore[attr-defined]


def test_crisis_comes_first_then_the_longest_wait(channel_a, keys_a, alice: User):
    calm_old = waiting_thread(channel_a, keys_a, 1, queued_at=minutes_ago(30))
    calm_new = waiting_thread(channel_a, keys_a, 2, queued_at=minutes_ago(5))
    danger_new = waiting_thread(channel_a, keys_a, 3, queued_at=minutes_ago(2), crisis="danger")
    suicide_old = waiting_thread(channel_a, keys_a, 4, queued_at=minutes_ago(8), crisis="suicide")
    held = waiting_thread(channel_a, keys_a, 5, queued_at=minutes_ago(60))
    hold(held.conversation, alice)

    expected = [suicide_old, danger_new, calm_old, calm_new]
    assert ids(queueing.waiting(keys_a.program.pk)) == [str(t.conversation.pk) for t in expected]

    data = get(signed_in(alice), "team-queue").json()
    assert [row["id"] for row in data["waiting"]] == [str(t.conversation.pk) for t in expected]
    assert (data["count"], data["crisis"]) == (4, 2)
    assert data["oldest"] == calm_old.conversation.queued_at.isoformat()
    assert data["waiting"][0]["crisis"] == "suicide"


def test_a_new_conversation_waits_in_the_queue(channel_a, keys_a):
    message = text_in(channel_a, "first text", sender="+15145550042")
    conversation = message.conversation
    assert conversation.assigned_to is None
    assert conversation.queued_at is not None
    assert ids(queueing.waiting(keys_a.program.pk)) == [str(conversation.pk)]


def test_take_next_gives_the_first_of_the_queue_and_announces_it(
    channel_a, keys_a, alice: User, events, django_capture_on_commit_callbacks
):
    later = waiting_thread(channel_a, keys_a, 1, queued_at=minutes_ago(1))
    first = waiting_thread(channel_a, keys_a, 2, queued_at=minutes_ago(9))
    on_duty(alice)
    events.clear()

    with django_capture_on_commit_callbacks(execute=True):
        taken = team.take_next(alice)

    assert taken.pk == first.conversation.pk
    taken.refresh_from_db()
    assert (taken.assigned_to_id, taken.queued_at) == (alice.pk, None)
    assert ids(queueing.waiting(keys_a.program.pk)) == [str(later.conversation.pk)]
    # The row's seq moves (its holder shows in the inbox); consoles refetch the queue.
    assert events == [
        {"type": "conversation", "conversation": str(taken.pk), "seq": taken.seq},
        {"type": "team", "what": "assignment", "conversation": str(taken.pk)},
    ]
    # Taking is not activity: the inbox order and "waiting for a reply" stay.
    assert taken.last_activity_at == first.conversation.last_activity_at
    entry = Entry.objects.get(action="take_next")
    assert (entry.actor_id, entry.target) == (alice.pk, str(taken.pk))


def test_take_next_needs_duty_room_and_something_waiting(channel_a, keys_a, alice: User):
    with pytest.raises(NotOnDuty):
        team.take_next(alice)
    on_duty(alice)
    with pytest.raises(QueueEmpty):
        team.take_next(alice)
    for n in range(4):
        waiting_thread(channel_a, keys_a, n)
    for _ in range(3):
        team.take_next(alice)
    with pytest.raises(AtCapacity):
        team.take_next(alice)
    assert queueing.load_of(alice) == 3
    assert queueing.waiting(keys_a.program.pk).count() == 1


def test_a_personal_cap_overrides_the_programs(channel_a, keys_a, alice: User):
    User.objects.filter(pk=alice.pk).update(max_conversations=1)
    on_duty(alice)
    waiting_thread(channel_a, keys_a, 1)
    waiting_thread(channel_a, keys_a, 2)
    team.take_next(alice)
    with pytest.raises(AtCapacity):
        team.take_next(alice)


def test_two_takes_in_turn_get_different_conversations(channel_a, keys_a, alice, bea):
    one = waiting_thread(channel_a, keys_a, 1)
    two = waiting_thread(channel_a, keys_a, 2)
    on_duty(alice, bea)
    taken = {team.take_next(alice).pk, team.take_next(bea).pk}
    assert taken == {one.conversation.pk, two.conversation.pk}


# -- automatic assignment -------------------------------------------------------------


@pytest.fixture
def auto(program_a: Program) -> Program:
    Program.objects.filter(pk=program_a.pk).update(auto_assign=True)
    program_a.refresh_from_db()
    return program_a


def test_arrival_goes_to_the_least_loaded_advocate_on_duty(
    auto, channel_a, keys_a, alice, bea, sam, events, django_capture_on_commit_callbacks
):
    on_duty(alice, bea, sam)
    with django_capture_on_commit_callbacks(execute=True):
        busy = waiting_thread(channel_a, keys_a, 1)
    conversation = str(busy.conversation.pk)
    # The arrival (its text, its assignment and the automatic replies answering
    # it, announced once at its last number), and its assignment.
    busy.conversation.refresh_from_db()
    assert events[:2] == [
        {"type": "conversation", "conversation": conversation, "seq": 6},
        {"type": "team", "what": "assignment", "conversation": conversation},
    ]
    # The assignment took a number of its own: no message shares one with it.
    numbers = list(
        Message.objects.filter(conversation=busy.conversation).values_list("seq", flat=True)
    )
    assert 2 not in numbers
    assert len(set(numbers)) == len(numbers) == 5
    assert busy.conversation.assigned_to_id in {alice.pk, bea.pk}
    other = bea if busy.conversation.assigned_to_id == alice.pk else alice

    second = waiting_thread(channel_a, keys_a, 2)
    # Supervisors on duty supervise: automatic assignment goes to advocates.
    assert second.conversation.assigned_to_id == other.pk
    assert Entry.objects.filter(action="auto_assign").count() == 2


def test_with_nobody_free_it_waits_then_goes_when_room_appears(
    auto, channel_a, keys_a, alice: User
):
    User.objects.filter(pk=alice.pk).update(max_conversations=1)
    first = waiting_thread(channel_a, keys_a, 1)
    assert first.conversation.assigned_to is None  # nobody on duty yet
    on_duty(alice)  # coming on duty takes from the queue
    first.conversation.refresh_from_db()
    assert first.conversation.assigned_to_id == alice.pk

    second = waiting_thread(channel_a, keys_a, 2)
    third = waiting_thread(channel_a, keys_a, 3)
    assert second.conversation.assigned_to is None  # Alice is at her cap
    close_conversation(first.conversation, by=alice)  # room again: the longest wait goes
    second.conversation.refresh_from_db()
    third.conversation.refresh_from_db()
    assert second.conversation.assigned_to_id == alice.pk
    assert third.conversation.assigned_to is None


def test_without_automatic_assignment_nothing_moves_on_its_own(channel_a, keys_a, alice: User):
    on_duty(alice)
    thread = waiting_thread(channel_a, keys_a, 1)
    assert thread.conversation.assigned_to is None


# -- answering from the queue -------------------------------------------------------------


def test_answering_a_waiting_conversation_on_duty_takes_it(thread_a, alice: User):
    on_duty(alice)
    response = post(
        signed_in(alice), "api-reply", thread_a.conversation.pk, data=reply_json(thread_a, "Hi")
    )
    assert response.status_code == 201
    thread_a.conversation.refresh_from_db()
    assert thread_a.conversation.assigned_to_id == alice.pk
    assert Entry.objects.filter(action="take", actor=alice).exists()


def test_someone_elses_conversation_is_joined_before_answering(thread_a, alice, bea):
    hold(thread_a.conversation, bea)
    response = post(
        signed_in(alice), "api-reply", thread_a.conversation.pk, data=reply_json(thread_a, "Hi")
    )
    assert (response.status_code, response.json()) == (409, {"error": "not_participant"})
    assert Conversation.objects.get(pk=thread_a.conversation.pk).assigned_to_id == bea.pk


def test_blocking_a_held_conversation_gives_its_holder_room_again(
    auto, channel_a, keys_a, alice: User
):
    User.objects.filter(pk=alice.pk).update(max_conversations=1)
    on_duty(alice)
    prankster = waiting_thread(channel_a, keys_a, 1)
    waiting = waiting_thread(channel_a, keys_a, 2)
    assert prankster.conversation.assigned_to_id == alice.pk
    assert waiting.conversation.assigned_to is None

    block_id = uuid.uuid4()
    label = formats.seal(
        bytes(keys_a.epoch.public_key),
        b"prank calls",
        sealing.block_label_info(keys_a.program.pk, block_id),
    )
    block_texter(
        prankster.conversation,
        by=alice,
        number=prankster.sender,
        block_id=block_id,
        label_sealed=label,
        epoch=keys_a.epoch.number,
    )
    waiting.conversation.refresh_from_db()
    assert waiting.conversation.assigned_to_id == alice.pk
