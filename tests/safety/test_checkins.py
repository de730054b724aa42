"""Check-ins remind the advocates to ask whether texting is still safe; they never text anyone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from havre import tasks_backend
from havre.audit.models import Entry
from havre.conversations import actions
from havre.conversations.models import Conversation, Message
from havre.safety import actions as safety
from havre.safety.models import CheckinReminder
from tests.console.conftest import Thread
from tests.safety.conftest import post, signed_in

pytestmark = pytest.mark.django_db


def make_due(thread: Thread) -> None:
    Conversation.objects.filter(pk=thread.conversation.pk).update(
        checkin_due_at=timezone.now() - timedelta(minutes=1)
    )


def row(client, thread: Thread) -> dict:
    return client.get(f"/console/api/conversations/{thread.conversation.pk}").json()["safety"]


def test_an_interval_schedules_the_next_check_in(thread_a: Thread, alice):
    client = signed_in(alice)
    response = post(client, "checkins", thread_a.conversation.pk, data={"every_hours": 72})

    assert response.status_code == 200
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert conversation.checkin_every == timedelta(days=3)
    expected = timezone.now() + timedelta(days=3)
    assert abs(conversation.checkin_due_at - expected) < timedelta(seconds=5)
    assert row(client, thread_a) == {
        "code_word": False,
        "checkin_every_hours": 72,
        "checkin_due_at": conversation.checkin_due_at.isoformat(),
        "checkin_due": False,
    }
    assert Entry.objects.filter(action="checkins_set", target=str(conversation.pk)).exists()


@pytest.mark.parametrize("hours", [0, -1, 24 * 91, "72", True])
def test_intervals_out_of_range_are_refused(thread_a: Thread, alice, hours):
    response = post(
        signed_in(alice), "checkins", thread_a.conversation.pk, data={"every_hours": hours}
    )
    assert response.status_code == 400
    assert Conversation.objects.get(pk=thread_a.conversation.pk).checkin_every is None


def test_the_sweep_reminds_the_advocates_once_and_sends_nothing(
    thread_a: Thread, alice, fake_twilio, events, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    post(client, "checkins", thread_a.conversation.pk, data={"every_hours": 24})
    make_due(thread_a)
    sent_before, messages_before = len(fake_twilio.sent), Message.objects.count()
    seq = Conversation.objects.get(pk=thread_a.conversation.pk).seq
    events.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert safety.sweep_checkins() == 1
        assert safety.sweep_checkins() == 0

    assert events == [
        {"type": "conversation", "conversation": str(thread_a.conversation.pk), "seq": seq + 1}
    ]
    reminder = CheckinReminder.objects.get(conversation=thread_a.conversation)
    assert reminder.due_at <= timezone.now()
    assert row(client, thread_a)["checkin_due"] is True
    # Havre never writes first: nothing went to the texter.
    assert len(fake_twilio.sent) == sent_before == 0
    assert Message.objects.count() == messages_before


def test_the_sweep_runs_with_the_workers_periodic_sweeps(thread_a: Thread, alice):
    assert "havre.safety.actions.sweep_checkins" in settings.HAVRE_SWEEPS
    safety.set_checkins(thread_a.conversation, by=alice, every=timedelta(hours=6))
    make_due(thread_a)
    tasks_backend._sweep()
    assert CheckinReminder.objects.filter(conversation=thread_a.conversation).exists()


def test_closed_or_undue_conversations_are_not_reminded(thread_a: Thread, alice, channel_a, keys_a):
    from tests.console.conftest import start_thread

    other = start_thread(channel_a, keys_a, sender="+33612345678")
    safety.set_checkins(thread_a.conversation, by=alice, every=timedelta(hours=6))
    safety.set_checkins(other.conversation, by=alice, every=timedelta(hours=6))
    make_due(other)
    actions.close_conversation(other.conversation, by=alice)
    assert safety.sweep_checkins() == 0


def test_done_snooze_and_stop(thread_a: Thread, alice):
    client = signed_in(alice)
    conversation_id = thread_a.conversation.pk
    post(client, "checkins", conversation_id, data={"every_hours": 48})
    make_due(thread_a)
    safety.sweep_checkins()

    assert post(client, "checkin-done", conversation_id).json()["checkin_due"] is False
    conversation = Conversation.objects.get(pk=conversation_id)
    assert abs(conversation.checkin_due_at - (timezone.now() + timedelta(hours=48))) < timedelta(
        seconds=5
    )
    assert not CheckinReminder.objects.exists()

    make_due(thread_a)
    safety.sweep_checkins()
    assert post(client, "checkin-snooze", conversation_id, data={"hours": 1}).status_code == 200
    conversation = Conversation.objects.get(pk=conversation_id)
    assert abs(conversation.checkin_due_at - (timezone.now() + timedelta(hours=1))) < timedelta(
        seconds=5
    )
    assert conversation.checkin_every == timedelta(hours=48)
    assert not CheckinReminder.objects.exists()
    # Due again once the snooze is over.
    make_due(thread_a)
    assert safety.sweep_checkins() == 1

    stopped = post(client, "checkins-stop", conversation_id).json()
    assert (stopped["checkin_every_hours"], stopped["checkin_due_at"]) == (None, None)
    assert not CheckinReminder.objects.exists()
    actions_seen = set(Entry.objects.values_list("action", flat=True))
    assert {"checkins_set", "checkin_done", "checkin_snoozed", "checkins_stopped"} <= actions_seen


def test_done_or_snooze_without_check_ins_is_refused(thread_a: Thread, alice):
    client = signed_in(alice)
    response = post(client, "checkin-done", thread_a.conversation.pk)
    assert (response.status_code, response.json()) == (400, {"error": "no_checkin"})
    response = post(client, "checkin-snooze", thread_a.conversation.pk, data={"hours": 1})
    assert response.json() == {"error": "no_checkin"}


def test_charlie_of_program_b_cannot_touch_check_ins(thread_a: Thread, alice, charlie):
    client = signed_in(charlie)
    conversation_id = thread_a.conversation.pk
    for name, data in (
        ("checkins", {"every_hours": 1}),
        ("checkin-done", {}),
        ("checkin-snooze", {"hours": 1}),
        ("checkins-stop", {}),
    ):
        assert post(client, name, conversation_id, data=data).status_code == 404, name
    with pytest.raises(actions.ActionError):
        safety.set_checkins(thread_a.conversation, by=charlie, every=timedelta(hours=1))
    assert Conversation.objects.get(pk=conversation_id).checkin_every is None
