"""Crisis alerts stay pending until a supervisor acknowledges them, and a
supervisor clears a false flag with a reason code, audited.

Sam (supervisor) and Ada (admin) are alerted; Alice (advocate) is not and
may do neither; Charlie works for program B and reaches nothing of A's.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre import intake
from havre.accounts.models import User
from havre.audit.models import Entry
from havre.conversations import queueing
from havre.conversations.models import Channel, Conversation
from havre.triage.actions import CLEAR_REASONS
from havre.triage.models import CrisisAlert

pytestmark = pytest.mark.django_db


def text_in(channel: Channel, body: str, sender: str = "+15145550123") -> Conversation:
    message, _ = intake.receive_inbound(
        channel, provider_id=f"SM{uuid.uuid4().hex}", sender=sender, body=body
    )
    assert message is not None
    return Conversation.objects.get(pk=message.conversation_id)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pending(user: User) -> list[dict[str, Any]]:
    answer = signed_in(user).get(reverse("triage:alerts"))
    assert answer.status_code == 200
    alerts: list[dict[str, Any]] = answer.json()["alerts"]
    return alerts


def post(user: User, name: str, *args: object, data: Any = None) -> Any:
    return signed_in(user).post(
        reverse(f"triage:{name}", args=args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


# -- pending alerts ------------------------------------------------------------


def test_an_alert_that_fired_while_no_console_was_open_waits_for_a_supervisor(
    channel_a, sam, ada, alice
):
    conversation = text_in(channel_a, "he said he's going to kill me")
    alert = CrisisAlert.objects.get(conversation=conversation)
    expected = {
        "id": alert.pk,
        "conversation": str(conversation.pk),
        "category": "danger",
        "previous": None,
        "raised_at": alert.raised_at.isoformat(),
    }
    assert pending(sam) == [expected]
    assert pending(ada) == [expected]
    assert pending(alice) == []  # an advocate is never alerted


def test_pending_alerts_are_shown_to_whom_an_alert_goes_now(channel_a, sam, ada):
    text_in(channel_a, "I took all my pills")
    User.objects.filter(pk=ada.pk).update(on_duty=True)
    assert len(pending(ada)) == 1
    assert pending(sam) == []  # off duty while Ada is on duty


def test_acknowledging_ends_the_alert_for_every_console_and_is_audited(
    channel_a, sam, ada, events, django_capture_on_commit_callbacks
):
    conversation = text_in(channel_a, "I took all my pills")
    alert = CrisisAlert.objects.get(conversation=conversation)
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(ada, "acknowledge", alert.pk)
    assert answer.json() == {"acknowledged": True}
    assert events[-1] == {
        "type": "crisis_acknowledged",
        "id": alert.pk,
        "conversation": str(conversation.pk),
        "by": str(ada.pk),
    }
    assert pending(sam) == []
    alert.refresh_from_db()
    assert alert.acknowledged_by == ada
    assert alert.acknowledged_at is not None
    assert Entry.objects.filter(
        actor=ada, action="triage.alert.acknowledge", target=str(conversation.pk)
    ).exists()
    # The flag itself stays: the conversation is still in crisis.
    conversation.refresh_from_db()
    assert conversation.crisis_category == "suicide"
    # Twice is harmless, and announces nothing more.
    count = len(events)
    assert post(sam, "acknowledge", alert.pk).json() == {"acknowledged": False}
    assert len(events) == count


def test_only_the_programs_supervisors_acknowledge(channel_a, alice, charlie):
    conversation = text_in(channel_a, "I took all my pills")
    alert = CrisisAlert.objects.get(conversation=conversation)
    assert post(alice, "acknowledge", alert.pk).status_code == 403
    assert post(charlie, "acknowledge", alert.pk).status_code == 404
    assert Client().get(reverse("triage:alerts")).status_code == 401
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_alert_holds_the_category_and_nothing_of_the_text(channel_a):
    text_in(channel_a, "he has a knife, he is at the door")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {CrisisAlert._meta.db_table}")  # noqa: S608 (our own table)
        rows = repr(cursor.fetchall())
    assert "danger" in rows
    for word in ("knife", "door"):
        assert word not in rows


# -- clearing a false flag -------------------------------------------------------


def test_a_cleared_flag_goes_back_to_its_place_by_wait_time(
    channel_a, sam, events, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO)
    first = text_in(channel_a, "hello, is this confidential?", sender="+15145550001")
    flagged = text_in(channel_a, "omg my dad will kill me when he sees my grades", "+15145550002")
    last = text_in(channel_a, "can i talk to someone", sender="+15145550003")
    now = timezone.now()
    for conversation, minutes in ((first, 30), (flagged, 20), (last, 10)):
        Conversation.objects.filter(pk=conversation.pk).update(
            queued_at=now - timedelta(minutes=minutes)
        )
    assert [c.pk for c in queueing.waiting(channel_a.program_id)] == [
        flagged.pk,
        first.pk,
        last.pk,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(sam, "clear", flagged.pk, data={"reason": "joke"})
    assert answer.json() == {"cleared": True}

    assert [c.pk for c in queueing.waiting(channel_a.program_id)] == [
        first.pk,
        flagged.pk,
        last.pk,
    ]
    flagged.refresh_from_db()
    assert (flagged.crisis_category, flagged.crisis_at) == (None, None)
    assert {"type": "conversation", "conversation": str(flagged.pk), "seq": flagged.seq} in events
    assert events[-1] == {
        "type": "crisis_cleared",
        "conversation": str(flagged.pk),
        "by": str(sam.pk),
    }
    assert Entry.objects.filter(
        actor=sam, action="triage.flag.clear.joke", target=str(flagged.pk)
    ).exists()
    # Its alert ends with it.
    assert not CrisisAlert.objects.filter(conversation=flagged, acknowledged_at__isnull=True)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"crisis cleared: conversation={flagged.pk} reason=joke" in logged
    for word in ("dad", "grades"):
        assert word not in logged


def test_a_later_text_that_matches_flags_the_conversation_again(channel_a, sam):
    conversation = text_in(channel_a, "this heat, i could die lol i want to die haha")
    conversation = text_in(channel_a, "I want to die")
    assert post(sam, "clear", conversation.pk, data={"reason": "joke"}).status_code == 200
    text_in(channel_a, "no really, I took all my pills")
    conversation.refresh_from_db()
    assert conversation.crisis_category == "suicide"
    assert CrisisAlert.objects.filter(conversation=conversation, acknowledged_at__isnull=True)


def test_clearing_takes_a_supervisor_of_the_program_a_known_reason_and_a_flag(
    channel_a, sam, alice, charlie
):
    conversation = text_in(channel_a, "I want to die")
    assert post(alice, "clear", conversation.pk, data={"reason": "joke"}).status_code == 403
    assert post(charlie, "clear", conversation.pk, data={"reason": "joke"}).status_code == 404
    for wrong in ({"reason": "he was joking, I know him"}, {"reason": 3}, {}):
        answer = post(sam, "clear", conversation.pk, data=wrong)
        assert answer.status_code == 400
        assert answer.json() == {"error": "unknown_reason"}
    conversation.refresh_from_db()
    assert conversation.crisis_category == "suicide"
    assert not Entry.objects.filter(action__startswith="triage.flag.clear").exists()

    assert post(sam, "clear", conversation.pk, data={"reason": "test"}).status_code == 200
    again = post(sam, "clear", conversation.pk, data={"reason": "test"})
    assert again.status_code == 409
    assert again.json() == {"error": "not_flagged"}


def test_the_reason_codes_are_offered_with_the_alerts(sam):
    answer = signed_in(sam).get(reverse("triage:alerts")).json()
    assert answer["reasons"] == list(CLEAR_REASONS)
