"""Twilio's copies: once a message is done, Havre deletes Twilio's record of it.

The fake Twilio checks each DELETE as Twilio would (Basic auth, the account
in the path, 204 with no body, 404 for a record already gone, 20009 for a
message still on its way) and keeps a set of the records it holds.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from havre.conversations import actions
from havre.conversations.models import Delivery, Direction, Message
from havre.gateways import deletion
from havre.gateways.actions import add_channel
from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import FakeTwilio
from tests.conftest import CHANNEL_A_SID, SEALED_REPLY
from tests.gateways.fake_twilio import CHANNEL_B_SID

pytestmark = pytest.mark.django_db

TEXTER = "+33600000001"
WORDS = "il a pris mes clés ce matin"


def text_in(twilio: FakeTwilio, channel) -> Message:
    answer = twilio.inbound(
        webhook_urls(channel)["sms"], sender=TEXTER, to=channel.address, body=WORDS
    )
    assert answer.status_code == 200
    return Message.objects.filter(direction=Direction.INBOUND).latest("created_at")


def reply(twilio: FakeTwilio, conversation, alice, capture) -> Message:
    with capture(execute=True):
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="We are here.",
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=1,
        )
    message.refresh_from_db()
    return message


def wait_out_retries(message: Message) -> None:
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - deletion.INBOUND_DELAY - timedelta(seconds=1)
    )


def test_a_done_message_is_deleted_at_twilio_and_its_id_erased(
    twilio, channel_a, alice, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    inbound = text_in(twilio, channel_a)
    sid_in = inbound.provider_id
    out = reply(twilio, inbound.conversation, alice, django_capture_on_commit_callbacks)
    sid_out = out.provider_id
    # Nothing is done yet: the text just came, and the reply is on its way.
    assert deletion.sweep() == 0
    assert twilio.deletions == []

    wait_out_retries(inbound)
    twilio.post_status(sid_out, "delivered")
    assert deletion.sweep() == 2
    assert set(twilio.deleted) == {sid_in, sid_out}
    assert all(call.authorized and call.account_sid == CHANNEL_A_SID for call in twilio.deletions)
    assert twilio.records == set()
    for message in (inbound, out):
        message.refresh_from_db()
        assert message.provider_id is None
        assert message.provider_deleted_at is not None
    # Done once: the next sweep asks nothing more.
    assert deletion.sweep() == 0
    assert len(twilio.deletions) == 2
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert WORDS not in logged
    assert TEXTER not in logged


def test_failures_are_tried_again_at_the_next_sweep(twilio, channel_a):
    inbound = text_in(twilio, channel_a)
    wait_out_retries(inbound)
    twilio.fail_next(1, status=503)
    assert deletion.sweep() == 0
    inbound.refresh_from_db()
    assert inbound.provider_id is not None
    assert deletion.sweep() == 1
    assert twilio.deleted == [inbound.provider_id]


def test_a_message_still_on_its_way_waits(twilio, channel_a):
    inbound = text_in(twilio, channel_a)
    wait_out_retries(inbound)
    assert inbound.provider_id is not None
    twilio.in_progress.add(inbound.provider_id)
    assert deletion.sweep() == 0
    assert twilio.deletions[-1].status_code == 400
    twilio.in_progress.clear()
    assert deletion.sweep() == 1


def test_a_record_already_gone_counts_as_deleted(twilio, channel_a):
    inbound = text_in(twilio, channel_a)
    wait_out_retries(inbound)
    twilio.records.clear()
    assert deletion.sweep() == 1
    assert twilio.deletions[-1].status_code == 404


def test_a_reply_stuck_at_sent_is_deleted_after_a_day(
    twilio, channel_a, alice, django_capture_on_commit_callbacks
):
    inbound = text_in(twilio, channel_a)
    out = reply(twilio, inbound.conversation, alice, django_capture_on_commit_callbacks)
    twilio.post_status(out.provider_id or "", "sent")
    Message.objects.filter(pk=inbound.pk).update(provider_id=None)  # only the reply matters here
    assert deletion.sweep() == 0
    Message.objects.filter(pk=out.pk).update(status_at=timezone.now() - timedelta(days=2))
    assert deletion.sweep() == 1
    out.refresh_from_db()
    assert out.status == Delivery.SENT
    assert out.provider_id is None


def test_a_channel_can_keep_its_records_at_twilio(twilio, program_b):
    kept = add_channel(
        program_b,
        "twilio",
        address="+33700000002",
        account_sid="AC" + "b2" * 16,
        auth_token="b-twilio-auth-token-for-tests-00",
        delete_records="no",
    )
    assert not deletion.deletes_records(kept)
    inbound = text_in(twilio, kept)
    wait_out_retries(inbound)
    assert deletion.sweep() == 0
    assert twilio.deletions == []


def test_another_accounts_credentials_are_never_used(twilio, channel_a, channel_b):
    mine = text_in(twilio, channel_a)
    theirs = text_in(twilio, channel_b)
    for message in (mine, theirs):
        wait_out_retries(message)
    assert deletion.sweep() == 2
    by_account = {call.message_sid: call.account_sid for call in twilio.deletions}
    assert by_account == {mine.provider_id: CHANNEL_A_SID, theirs.provider_id: CHANNEL_B_SID}
