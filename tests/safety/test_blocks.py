"""Blocking a number: nothing from it reaches anyone; supervisors see labels, never numbers."""

from __future__ import annotations

import logging
import uuid

import pytest

from havre.audit.models import Entry
from havre.conversations.models import Conversation, Message, Status
from havre.gateways.registry import webhook_urls
from havre.safety import actions as safety
from havre.safety.models import Block, CheckinReminder
from havre.vault import sealing
from havre.vault.formats import b64d, b64e
from tests.conftest import ProgramKeys
from tests.console.conftest import TEXTER, Thread
from tests.safety.conftest import get, post, sealed_label, signed_in

pytestmark = pytest.mark.django_db

LABEL = "Ex-partner, calls pretending to be a friend"
# The texter's number in every form a leak could take.
NUMBER_FORMS = (
    "+15145550123",
    "15145550123",
    "5145550123",
    "514-555-0123",
    "514 555 0123",
    "(514) 555-0123",
    "555-0123",
    "5550123",
)


def block_data(thread: Thread, *, number: str = TEXTER, label: str = LABEL, **overrides):
    block_id = uuid.uuid4()
    return {
        "id": str(block_id),
        "number": number,
        "label_sealed": b64e(sealed_label(thread.keys, block_id, label)),
        "epoch": thread.keys.epoch.number,
        **overrides,
    }


def block(client, thread: Thread, **kwargs):
    return post(client, "block", thread.conversation.pk, data=block_data(thread, **kwargs))


def text_from(twilio, channel, sender: str = TEXTER, body: str = "you can't hide"):
    return twilio.inbound(
        webhook_urls(channel)["sms"], sender=sender, to=channel.address, body=body
    )


def test_a_blocked_number_reaches_nobody_through_the_webhook(
    thread_a: Thread,
    alice,
    fake_twilio,
    channel_a,
    events,
    caplog,
    django_capture_on_commit_callbacks,
):
    response = block(signed_in(alice), thread_a)

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert (conversation.status, conversation.route, conversation.closed_by) == (
        Status.CLOSED,
        None,
        alice,
    )
    conversations, messages = Conversation.objects.count(), Message.objects.count()
    events.clear()

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        answer = text_from(fake_twilio, channel_a)

    # Acknowledged, so that the provider does not retry; nothing stored, nobody told.
    assert answer.status_code == 200
    assert (Conversation.objects.count(), Message.objects.count()) == (conversations, messages)
    assert events == []
    assert fake_twilio.sent == []
    for form in NUMBER_FORMS:
        assert form not in caplog.text
    assert "hide" not in caplog.text


def test_other_numbers_still_get_through(thread_a: Thread, alice, fake_twilio, channel_a):
    block(signed_in(alice), thread_a)
    assert text_from(fake_twilio, channel_a, sender="+33612345678").status_code == 200
    assert Conversation.objects.filter(status=Status.OPEN).count() == 1


def test_the_label_is_sealed_and_the_block_index_is_keyed(
    thread_a: Thread, alice, keys_a: ProgramKeys
):
    block(signed_in(alice), thread_a)
    stored = Block.objects.get()
    info = sealing.block_label_info(keys_a.program.pk, stored.uid)
    assert keys_a.open(bytes(stored.label_sealed), info) == LABEL
    assert stored.block_hash not in {sealing.route_for(keys_a.program.pk, TEXTER)}
    assert len(stored.block_hash) == 64
    assert (stored.created_by, stored.lifted_at) == (alice, None)
    assert Entry.objects.filter(action="block", target=str(stored.uid)).exists()
    assert Entry.objects.filter(
        action="blocked_and_closed", target=str(thread_a.conversation.pk)
    ).exists()


def test_supervisors_list_labels_never_numbers_then_lift(
    thread_a: Thread, alice, sam, fake_twilio, channel_a, keys_a
):
    block(signed_in(alice), thread_a)
    client = signed_in(sam)

    listing = get(client, "blocks")
    assert listing.status_code == 200
    [entry] = listing.json()["blocks"]
    assert set(entry) == {"id", "label_sealed", "label_epoch", "created_at", "created_by"}
    info = sealing.block_label_info(keys_a.program.pk, entry["id"])
    assert keys_a.open(b64d(entry["label_sealed"]), info) == LABEL
    for form in NUMBER_FORMS:
        assert form not in listing.content.decode(), form
    assert Block.objects.get().block_hash not in listing.content.decode()

    lifted = post(client, "lift", entry["id"])
    assert lifted.status_code == 200
    assert get(client, "blocks").json() == {"blocks": []}
    assert Entry.objects.filter(action="lift_block", actor=sam, target=entry["id"]).exists()
    assert post(client, "lift", entry["id"]).json() == {"error": "already_lifted"}
    # Texts from the number open a conversation again.
    assert text_from(fake_twilio, channel_a).status_code == 200
    assert Conversation.objects.filter(status=Status.OPEN).count() == 1


def test_advocates_block_but_only_supervisors_list_and_lift(thread_a: Thread, alice):
    client = signed_in(alice)
    block(client, thread_a)
    block_id = Block.objects.get().uid
    assert get(client, "blocks").json() == {"error": "supervisors_only"}
    assert post(client, "lift", block_id).status_code == 403
    assert Block.objects.get().lifted_at is None


def test_charlie_of_program_b_sees_and_lifts_nothing_of_a(thread_a: Thread, alice, charlie):
    block(signed_in(alice), thread_a)
    client = signed_in(charlie)
    assert get(client, "blocks").json() == {"blocks": []}
    assert post(client, "lift", Block.objects.get().uid).status_code == 404
    assert block(client, thread_a).status_code == 404
    assert Block.objects.get().lifted_at is None


def test_a_number_that_is_not_the_conversations_is_refused(thread_a: Thread, alice):
    response = block(signed_in(alice), thread_a, number="+33612345678")
    assert (response.status_code, response.json()) == (400, {"error": "route_mismatch"})
    assert not Block.objects.exists()
    assert Conversation.objects.get(pk=thread_a.conversation.pk).status == Status.OPEN


def test_a_label_in_clear_or_an_old_epoch_is_refused(thread_a: Thread, alice):
    client = signed_in(alice)
    plain = block_data(thread_a, label_sealed=b64e(LABEL.encode()))
    assert post(client, "block", thread_a.conversation.pk, data=plain).json() == {
        "error": "invalid_label"
    }
    assert block(client, thread_a, epoch=7).json() == {"error": "stale_epoch"}
    assert not Block.objects.exists()


def test_blocking_ends_check_ins(thread_a: Thread, alice):
    from datetime import timedelta

    safety.set_checkins(thread_a.conversation, by=alice, every=timedelta(hours=1))
    Conversation.objects.filter(pk=thread_a.conversation.pk).update(
        checkin_due_at="2020-01-01T00:00:00Z"
    )
    safety.sweep_checkins()
    block(signed_in(alice), thread_a)
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert (conversation.checkin_every, conversation.checkin_due_at) == (None, None)
    assert not CheckinReminder.objects.exists()


def test_adding_and_lifting_a_block_is_announced_after_commit(
    thread_a: Thread, alice, sam, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert block(signed_in(alice), thread_a).status_code == 200
    assert {"type": "blocks"} in events
    assert Entry.objects.filter(action="block", actor=alice).count() == 1
    events.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(signed_in(sam), "lift", Block.objects.get().uid).status_code == 200
    assert events == [{"type": "blocks"}]


def test_blocking_closes_through_the_close_action(thread_a: Thread, alice, sam):
    # Taken by someone first: the close gives the holder room again, as any close does.
    Conversation.objects.filter(pk=thread_a.conversation.pk).update(assigned_to=sam)
    assert block(signed_in(alice), thread_a).status_code == 200
    closed = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert (closed.status, closed.route, closed.closed_by) == (Status.CLOSED, None, alice)
    assert closed.stopped_at is None
    assert Entry.objects.filter(action="blocked_and_closed", target=str(closed.pk)).exists()
    # Closed once: blocking again finds nothing open.
    assert block(signed_in(alice), thread_a).json() == {"error": "conversation_closed"}
