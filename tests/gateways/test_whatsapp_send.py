"""Replies leave through WhatsApp's Graph API, within the 24-hour window, and say why when they cannot."""

from __future__ import annotations

import contextlib
import uuid

import httpx
import pytest

from havre.conversations import actions
from havre.conversations.models import Delivery, Direction, Message
from havre.gateways import http
from havre.gateways.actions import remove_channel
from havre.gateways.base import SendError
from havre.gateways.meta.graph import GRAPH_VERSION
from havre.gateways.refs import provider_ref
from havre.gateways.registry import gateway_for
from havre.gateways.whatsapp.fake import FakeWhatsApp
from tests.gateways.fakes import WHATSAPP_A, url_of

pytestmark = pytest.mark.django_db

PHONE_ID = WHATSAPP_A["phone_number_id"]
REPLY = "Nous sommes là. Pouvez-vous écrire sans danger ?"


def texted(fake: FakeWhatsApp, channel, **who: str) -> Message:
    assert fake.send_text(url_of(channel), PHONE_ID, body="à l'aide", **who).status_code == 200
    return Message.objects.filter(direction=Direction.INBOUND).latest("created_at")


def reply(conversation, alice, capture, number: str) -> Message:
    with capture(execute=True):
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body=REPLY,
            body_sealed=b"sealed by the browser" * 4,
            number=number,
            epoch=1,
        )
    message.refresh_from_db()
    return message


def test_a_reply_goes_to_her_number_with_the_access_token_and_its_statuses_follow(
    fake_whatsapp, whatsapp_a, alice, django_capture_on_commit_callbacks
):
    conversation = texted(fake_whatsapp, whatsapp_a).conversation

    message = reply(conversation, alice, django_capture_on_commit_callbacks, "+16505551234")

    call = fake_whatsapp.calls[-1]
    assert call.authorized
    assert call.access_token == WHATSAPP_A["access_token"]
    assert call.payload == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "16505551234",
        "type": "text",
        "text": {"preview_url": False, "body": REPLY},
    }
    assert message.status == Delivery.SENDING
    assert call.wamid is not None
    assert message.provider_id == provider_ref(whatsapp_a.pk, call.wamid)

    for status, expected in (("sent", Delivery.SENT), ("read", Delivery.DELIVERED)):
        assert fake_whatsapp.post_status(url_of(whatsapp_a), call.wamid, status).status_code == 200
        message.refresh_from_db()
        assert message.status == expected


def test_a_texter_known_only_by_her_business_scoped_id_is_answered_by_it(
    fake_whatsapp, whatsapp_a, alice, django_capture_on_commit_callbacks
):
    bsuid = "US.18822937156310498021"
    conversation = texted(fake_whatsapp, whatsapp_a, wa_id=None, user_id=bsuid).conversation

    message = reply(conversation, alice, django_capture_on_commit_callbacks, bsuid)

    assert message.status == Delivery.SENDING
    payload = fake_whatsapp.calls[-1].payload
    assert payload["recipient"] == bsuid
    assert "to" not in payload


def test_a_reply_for_another_number_than_the_conversations_is_refused(
    fake_whatsapp, whatsapp_a, alice
):
    conversation = texted(fake_whatsapp, whatsapp_a).conversation
    for number in ("+16505559999", "16505551234x", "+16505551234".replace("+", "")[:-1]):
        with pytest.raises(actions.RouteMismatch):
            reply(conversation, alice, lambda execute: contextlib.nullcontext(), number)
    assert fake_whatsapp.calls == []


def test_outside_the_window_the_reply_fails_with_the_reason_and_is_not_retried(
    fake_whatsapp, whatsapp_a, alice, django_capture_on_commit_callbacks
):
    conversation = texted(fake_whatsapp, whatsapp_a).conversation
    fake_whatsapp.enforce_window = True
    fake_whatsapp._last_inbound.clear()

    message = reply(conversation, alice, django_capture_on_commit_callbacks, "+16505551234")

    assert (message.status, message.error_code) == (Delivery.FAILED, "window-closed")
    assert len(fake_whatsapp.calls) == 1


def send(channel, to: str = "+16505551234") -> str:
    return gateway_for(channel).send(channel, to=to, body=REPLY, status_callback="")


@pytest.mark.parametrize(
    ("status", "code", "transient", "word"),
    [
        (500, 131000, True, "131000"),
        (400, 130429, True, "130429"),
        (503, 2, True, "2"),
        (401, 190, False, "190"),
        (400, 131047, False, "window-closed"),
        (400, 100, False, "100"),
    ],
)
def test_meta_errors_say_whether_to_try_again(
    fake_whatsapp, whatsapp_a, status, code, transient, word
):
    fake_whatsapp.enforce_window = False
    fake_whatsapp.fail_next(status=status, code=code)
    with pytest.raises(SendError) as failed:
        send(whatsapp_a)
    assert (failed.value.transient, failed.value.code) == (transient, word)


def test_a_wrong_token_is_a_permanent_failure(fake_whatsapp, whatsapp_a):
    fake_whatsapp.numbers[PHONE_ID].access_token = "another"
    with pytest.raises(SendError) as failed:
        send(whatsapp_a)
    assert (failed.value.transient, failed.value.code) == (False, "190")


def test_a_timeout_is_worth_trying_again(fake_whatsapp, whatsapp_a, monkeypatch):
    fake_whatsapp.enforce_window = False
    fake_whatsapp.delay = 0.5
    monkeypatch.setattr(http.client("whatsapp"), "timeout", httpx.Timeout(0.1))
    with pytest.raises(SendError) as failed:
        send(whatsapp_a)
    assert (failed.value.transient, failed.value.code) == (True, "timeout")


def test_a_removed_channel_sends_nothing(fake_whatsapp, whatsapp_a):
    remove_channel(whatsapp_a)
    whatsapp_a.refresh_from_db()
    with pytest.raises(SendError) as failed:
        send(whatsapp_a)
    assert failed.value.code == "channel-removed"
    assert fake_whatsapp.calls == []


def test_every_send_shares_one_client_and_speaks_the_pinned_graph_version(
    fake_whatsapp, whatsapp_a
):
    fake_whatsapp.enforce_window = False
    before = http.client("whatsapp")
    send(whatsapp_a)
    send(whatsapp_a)
    assert http.client("whatsapp") is before
    assert len(fake_whatsapp.sent) == 2
    assert GRAPH_VERSION.startswith("v")
