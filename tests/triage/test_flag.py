"""A text with crisis words flags its conversation on arrival, and supervisors are alerted.

Only the category and the time are kept; the words never reach the
database, the events or the logs.
"""

from __future__ import annotations

import logging
import uuid

import pytest
from django.db import connection

from havre import intake
from havre.accounts.models import Role, User
from havre.conversations import actions
from havre.conversations.models import Channel, Conversation, Message
from havre.triage import assess
from havre.triage.actions import save_lexicon
from havre.triage.models import CrisisAlert

pytestmark = pytest.mark.django_db

TEXTER = "+15145550123"


def text_in(channel: Channel, body: str, sender: str = TEXTER) -> Message:
    message, _ = intake.receive_inbound(
        channel, provider_id=f"SM{uuid.uuid4().hex}", sender=sender, body=body
    )
    assert message is not None
    return message


def crisis_events(events: list[dict[str, object]]) -> list[dict[str, object]]:
    return [e for e in events if e["type"] == "crisis"]


def test_a_crisis_text_flags_its_conversation_and_alerts_once_committed(
    channel_a, sam, alice, events, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        message = text_in(channel_a, "I took 30 of my sleeping pills")
    conversation = Conversation.objects.get(pk=message.conversation_id)
    assert conversation.crisis_category == "suicide"
    assert conversation.crisis_at is not None
    # The arrival's one event (its text and four welcome notices) tells
    # consoles to fetch the row; the crisis event alerts.
    assert events[:2] == [
        {"type": "conversation", "conversation": str(conversation.pk), "seq": 5},
        {
            "type": "crisis",
            "id": CrisisAlert.objects.get(conversation=conversation).pk,
            "conversation": str(conversation.pk),
            "category": "suicide",
            "previous": None,
            "alert": [str(sam.pk)],
        },
    ]
    # Then only the automatic replies answering the text, and their sending.
    assert {(e["type"], e["conversation"]) for e in events[2:]} == {
        ("conversation", str(conversation.pk))
    }
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"crisis flagged: conversation={conversation.pk} category=suicide" in logged
    for word in ("sleeping", "pills"):
        assert word not in logged


def test_nothing_of_the_text_is_stored_beside_the_category(channel_a, keys_a):
    text_in(channel_a, "he has a knife, he is at the door")
    dump = "\n".join(connection.connection.iterdump()) if connection.vendor == "sqlite" else ""
    table = Conversation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table name)
        rows = repr(cursor.fetchall())
    for word in ("knife", "door"):
        assert word not in rows
        assert word not in dump


def test_an_ordinary_text_flags_nothing(channel_a, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = text_in(channel_a, "Hello, can I talk to someone tonight?")
    conversation = Conversation.objects.get(pk=message.conversation_id)
    assert (conversation.crisis_category, conversation.crisis_at) == (None, None)
    assert crisis_events(events) == []


def test_a_second_match_keeps_the_first_time_and_alerts_no_more(
    channel_a, events, django_capture_on_commit_callbacks
):
    first = text_in(channel_a, "I want to die")
    flagged_at = Conversation.objects.get(pk=first.conversation_id).crisis_at
    with django_capture_on_commit_callbacks(execute=True):
        text_in(channel_a, "I have the pills here")
    conversation = Conversation.objects.get(pk=first.conversation_id)
    assert (conversation.crisis_category, conversation.crisis_at) == ("suicide", flagged_at)
    assert crisis_events(events) == []


def test_danger_after_suicide_risk_raises_the_category_and_alerts_again(
    channel_a, sam, events, django_capture_on_commit_callbacks
):
    first = text_in(channel_a, "je veux mourir")
    flagged_at = Conversation.objects.get(pk=first.conversation_id).crisis_at
    with django_capture_on_commit_callbacks(execute=True):
        text_in(channel_a, "il est là, il défonce la porte")
    conversation = Conversation.objects.get(pk=first.conversation_id)
    assert (conversation.crisis_category, conversation.crisis_at) == ("danger", flagged_at)
    alert = CrisisAlert.objects.get(conversation=conversation)
    assert crisis_events(events) == [
        {
            "type": "crisis",
            "id": alert.pk,
            "conversation": str(conversation.pk),
            "category": "danger",
            "previous": "suicide",
            "alert": [str(sam.pk)],
        }
    ]
    # Nobody had acknowledged the first alert: it is the same one, now urgent.
    assert (alert.category, alert.previous, alert.acknowledged_at) == ("danger", "suicide", None)


def test_suicide_risk_after_danger_changes_nothing(
    channel_a, events, django_capture_on_commit_callbacks
):
    first = text_in(channel_a, "he's here and he has a gun")
    with django_capture_on_commit_callbacks(execute=True):
        text_in(channel_a, "I want to die")
    assert Conversation.objects.get(pk=first.conversation_id).crisis_category == "danger"
    assert crisis_events(events) == []


def test_a_new_conversation_starts_unflagged(channel_a, sam):
    first = text_in(channel_a, "I want to die")
    actions.close_conversation(first.conversation, by=sam)
    again = text_in(channel_a, "hello again")
    assert again.conversation_id != first.conversation_id
    assert Conversation.objects.get(pk=again.conversation_id).crisis_category is None


def test_supervisors_on_duty_are_alerted_or_every_supervisor_when_none_is(
    channel_a, program_a, alice, sam, ada, charlie, events, django_capture_on_commit_callbacks
):
    other = User.objects.create_user("sue@a.example", program_a, role=Role.SUPERVISOR)
    User.objects.create_user("gone@a.example", program_a, role=Role.SUPERVISOR, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        text_in(channel_a, "he is hitting me", sender="+15145550001")
    # Nobody on duty: every active supervisor and admin of the program, and no one else.
    assert crisis_events(events)[-1]["alert"] == sorted([str(sam.pk), str(ada.pk), str(other.pk)])

    User.objects.filter(pk__in=[other.pk, alice.pk]).update(on_duty=True)
    with django_capture_on_commit_callbacks(execute=True):
        text_in(channel_a, "he is hitting me", sender="+15145550002")
    assert crisis_events(events)[-1]["alert"] == [str(other.pk)]


def test_one_programs_lexicons_never_apply_to_another(
    channel_a, channel_b, program_a, program_b, sam
):
    save_lexicon(program_a, by=sam, category="danger", language="en", terms=["pineapple"])
    assert assess.category(program_a, "PINEAPPLE!") == "danger"
    assert assess.category(program_b, "PINEAPPLE!") is None
    a = text_in(channel_a, "pineapple")
    b = text_in(channel_b, "pineapple")
    assert Conversation.objects.get(pk=a.conversation_id).crisis_category == "danger"
    assert Conversation.objects.get(pk=b.conversation_id).crisis_category is None
    # A's edited danger list replaced the built-in one for A only.
    assert assess.category(program_a, "he has a knife") is None
    assert assess.category(program_b, "he has a knife") == "danger"


def test_an_edit_applies_to_the_next_text_without_a_restart(program_a, sam):
    assert assess.category(program_a, "mango") is None
    save_lexicon(program_a, by=sam, category="suicide", language="fr", terms=["mango"])
    assert assess.category(program_a, "mango") == "suicide"
    save_lexicon(program_a, by=sam, category="suicide", language="fr", terms=["papaya"])
    assert assess.category(program_a, "mango") is None


def test_assessing_an_inbound_text_costs_one_query_once_compiled(program_a, sam):
    save_lexicon(program_a, by=sam, category="suicide", language="en", terms=["mango"])
    assess.category(program_a, "warm up")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert assess.category(program_a, "mango") == "suicide"
    assert len(queries) == 1
