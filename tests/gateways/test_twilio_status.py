"""Twilio's delivery reports move a reply's status, signed and mapped to Havre's."""

from __future__ import annotations

import uuid

import pytest
from django.http import QueryDict

from havre.conversations import actions
from havre.conversations.models import Delivery, Direction, Message
from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import FakeTwilio, SignedForm, twilio_signature
from havre.gateways.twilio.forms import parse_status
from tests.conftest import CHANNEL_A_TOKEN, SEALED_REPLY
from tests.gateways.conftest import for_channel, signed

pytestmark = pytest.mark.django_db

TEXTER = "+33600000001"


@pytest.fixture
def reply(twilio: FakeTwilio, channel_a, alice, django_capture_on_commit_callbacks) -> Message:
    """A reply handed to the fake Twilio through the real send path."""
    inbound = twilio.inbound(
        webhook_urls(channel_a)["sms"], sender=TEXTER, to=channel_a.address, body="help"
    )
    assert inbound.status_code == 200
    conversation = Message.objects.get(direction=Direction.INBOUND).conversation
    with django_capture_on_commit_callbacks(execute=True):
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="We are here. Is it safe to text?",
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=1,
        )
    message.refresh_from_db()
    assert message.status == Delivery.SENDING
    call = twilio.calls[-1]
    assert (call.to, call.from_, call.body) == (TEXTER, channel_a.address, message_body())
    assert call.status_callback == webhook_urls(channel_a)["status"]
    assert message.provider_id == call.sid
    return message


def message_body() -> str:
    return "We are here. Is it safe to text?"


@pytest.mark.parametrize(
    ("reports", "expected", "code"),
    [
        ([("sent", None)], Delivery.SENT, ""),
        ([("sent", None), ("delivered", None)], Delivery.DELIVERED, ""),
        ([("read", None)], Delivery.DELIVERED, ""),
        ([("undelivered", "30003")], Delivery.UNDELIVERED, "30003"),
        ([("failed", "30008")], Delivery.FAILED, "30008"),
        ([("canceled", None)], Delivery.FAILED, ""),
        ([("delivered", None), ("sent", None)], Delivery.DELIVERED, ""),
        ([("queued", None)], Delivery.SENDING, ""),
        ([("partially_delivered", None)], Delivery.SENDING, ""),
    ],
)
def test_delivery_reports_move_the_reply_on(twilio, reply, reports, expected, code):
    for status, error_code in reports:
        response = twilio.post_status(reply.provider_id, status, error_code=error_code)
        assert response.status_code == 200
        assert response.content == b""
    reply.refresh_from_db()
    assert (reply.status, reply.error_code) == (expected, code)


def test_the_fixture_reports_are_understood(twilio, reply, channel_a, channel_a_token):
    url = webhook_urls(channel_a)["status"]
    for name in ("status_sent.form", "status_undelivered_30003.form"):
        params = for_channel(
            channel_a, name, MessageSid=reply.provider_id, SmsSid=reply.provider_id
        )
        assert twilio.post(signed(url, params, channel_a_token)).status_code == 200
    reply.refresh_from_db()
    assert (reply.status, reply.error_code) == (Delivery.UNDELIVERED, "30003")


def test_a_report_with_a_bad_signature_changes_nothing(twilio, reply):
    form = twilio.status_form(reply.provider_id, "failed", error_code="30008")
    forged = twilio_signature("not-the-token-0000000000000000", form.url, form.params)
    assert twilio.post(SignedForm(form.url, form.params, forged)).status_code == 403
    unsigned = twilio.http.post(
        form.url,
        content=form.encoded(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert unsigned.status_code == 403
    reply.refresh_from_db()
    assert reply.status == Delivery.SENDING


@pytest.mark.parametrize(
    "changes",
    [
        {"MessageStatus": None, "SmsStatus": None},
        {"MessageSid": "nonsense"},
        {"ErrorCode": "thirty"},
        # As long as a phone number: never kept, in case it is one.
        {"ErrorCode": "6505551234"},
        {"AccountSid": "AC" + "9" * 32},
    ],
)
def test_a_malformed_report_is_refused(twilio, reply, changes):
    form = twilio.status_form(reply.provider_id, "failed", error_code="30008")
    params = {k: v for k, v in {**form.params, **changes}.items() if v is not None}
    response = twilio.post(signed(form.url, params, CHANNEL_A_TOKEN))
    assert response.status_code == 400
    reply.refresh_from_db()
    assert reply.status == Delivery.SENDING


def test_a_report_for_an_unknown_message_is_acknowledged(twilio, reply, channel_a):
    form = twilio.status_form(reply.provider_id, "delivered")
    params = {**form.params, "MessageSid": "SM" + "0" * 32, "SmsSid": "SM" + "0" * 32}
    response = twilio.post(signed(form.url, params, CHANNEL_A_TOKEN))
    assert response.status_code == 200
    reply.refresh_from_db()
    assert reply.status == Delivery.SENDING


@pytest.mark.parametrize(
    ("twilio_status", "havre_status"),
    [
        ("accepted", "queued"),
        ("scheduled", "queued"),
        ("queued", "queued"),
        ("sending", "sending"),
        ("sent", "sent"),
        ("delivered", "delivered"),
        ("read", "delivered"),
        ("undelivered", "undelivered"),
        ("failed", "failed"),
        ("canceled", "failed"),
        ("receiving", None),
        ("something-new", None),
    ],
)
def test_status_mapping(channel_a, twilio_status, havre_status):
    params = QueryDict(mutable=True)
    params.update(
        {
            "AccountSid": channel_a.config["account_sid"],
            "MessageSid": "SM" + "a" * 32,
            "MessageStatus": twilio_status,
        }
    )
    report = parse_status(params, channel_a)
    assert report is not None
    assert report.status == havre_status
