"""Sending through Twilio's REST API, against the fake Twilio served over HTTP."""

from __future__ import annotations

import base64
import json
import logging
import socket

import httpx
import pytest

from havre.conversations.actions.channels import remove_channel
from havre.gateways import http
from havre.gateways.base import SendError
from havre.gateways.registry import gateway_for, webhook_urls
from havre.gateways.twilio.client import TwilioGateway
from havre.gateways.twilio.fake import FakeTwilio
from tests.conftest import CHANNEL_A_SID, CHANNEL_A_TOKEN
from tests.gateways.conftest import FIXTURES

pytestmark = pytest.mark.django_db

TEXTER = "+33600000001"


def send(channel, body: str = "We are here.", gateway: TwilioGateway | None = None) -> str:
    gateway = gateway or gateway_for(channel)  # type: ignore[assignment]
    assert gateway is not None
    return gateway.send(
        channel, to=TEXTER, body=body, status_callback=webhook_urls(channel)["status"]
    )


def test_a_send_posts_twilios_form_with_basic_auth(twilio: FakeTwilio, channel_a):
    body = "Bonjour 👋 vous pouvez écrire ici."
    sid = send(channel_a, body)

    call = twilio.calls[-1]
    assert call.sid == sid
    assert sid.startswith("SM")
    assert len(sid) == 34
    assert call.status_code == 201
    assert (call.auth_sid, call.auth_token, call.authorized) == (
        CHANNEL_A_SID,
        CHANNEL_A_TOKEN,
        True,
    )
    assert (call.account_sid, call.to, call.from_, call.body) == (
        CHANNEL_A_SID,
        TEXTER,
        channel_a.address,
        body,
    )
    assert call.status_callback == webhook_urls(channel_a)["status"]


def test_the_fake_answers_with_every_field_twilio_sends(twilio: FakeTwilio):
    status, answer = twilio.create_message(
        CHANNEL_A_SID,
        "Basic " + base64.b64encode(f"{CHANNEL_A_SID}:{CHANNEL_A_TOKEN}".encode()).decode(),
        {"To": [TEXTER], "From": ["+33700000001"], "Body": ["hi"]},
    )
    sample = json.loads((FIXTURES / "message_created.json").read_text())
    assert status == 201
    assert set(answer) == set(sample)
    assert answer["status"] == "queued"
    assert answer["direction"] == "outbound-api"


def test_a_wrong_token_is_a_permanent_401(twilio: FakeTwilio, channel_a):
    twilio.register_account(CHANNEL_A_SID, "the token was rotated at Twilio")
    with pytest.raises(SendError) as refused:
        send(channel_a)
    assert (refused.value.transient, refused.value.code) == (False, "20003")
    assert twilio.calls[-1].status_code == 401
    assert not twilio.calls[-1].authorized
    sample = json.loads((FIXTURES / "error_401_20003.json").read_text())
    assert set(sample) == {"code", "detail", "message", "more_info", "status"}


@pytest.mark.parametrize(
    ("status", "code", "transient", "expected"),
    [
        (429, 20429, True, "20429"),
        (500, None, True, "20500"),
        (503, 20503, True, "20503"),
        (400, 21610, False, "21610"),
        (400, 21211, False, "21211"),
        (404, None, False, "20404"),
    ],
)
def test_errors_are_transient_or_permanent(
    twilio: FakeTwilio, channel_a, status, code, transient, expected
):
    twilio.fail_next(1, status=status, code=code)
    with pytest.raises(SendError) as refused:
        send(channel_a)
    assert (refused.value.transient, refused.value.code) == (transient, expected)
    # The failure was used up: the next send goes through.
    assert send(channel_a).startswith("SM")


def test_twilios_own_refusals_are_permanent(twilio: FakeTwilio, channel_a):
    with pytest.raises(SendError) as too_long:
        send(channel_a, "x" * 1601)
    assert (too_long.value.transient, too_long.value.code) == (False, "21617")


def test_a_timeout_is_transient(twilio: FakeTwilio, channel_a):
    twilio.set_delay(1.0)
    with pytest.raises(SendError) as refused:
        send(channel_a, gateway=TwilioGateway(timeout=0.2))
    assert (refused.value.transient, refused.value.code) == (True, "timeout")


def test_an_unreachable_api_is_transient(channel_a, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.HAVRE_TWILIO_API_BASE = f"http://127.0.0.1:{port}"
    with pytest.raises(SendError) as refused:
        send(channel_a)
    assert (refused.value.transient, refused.value.code) == (True, "network")


def test_error_messages_and_numbers_stay_out_of_errors_and_logs(
    twilio: FakeTwilio, channel_a, caplog
):
    caplog.set_level(logging.DEBUG)
    twilio.fail_next(1, status=400, code=21211)
    body = "the words of a reply"
    with pytest.raises(SendError) as refused:
        send(channel_a, body)
    assert send(channel_a, body).startswith("SM")
    logged = "\n".join(r.getMessage() for r in caplog.records) + str(refused.value)
    for private in (TEXTER, channel_a.address, body, CHANNEL_A_TOKEN, "Invalid"):
        assert private not in logged


def test_a_removed_channel_sends_nothing(twilio: FakeTwilio, channel_a):
    remove_channel(channel_a)
    with pytest.raises(SendError) as refused:
        send(channel_a)
    assert (refused.value.transient, refused.value.code) == (False, "channel-removed")
    assert twilio.calls == []


def test_every_send_shares_the_process_client(twilio: FakeTwilio, channel_a, monkeypatch):
    shared = http.client("twilio")
    built: list[object] = []
    original = httpx.Client.__init__

    def counting(self: httpx.Client, *args: object, **kwargs: object) -> None:
        built.append(self)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "__init__", counting)
    send(channel_a)
    send(channel_a)
    assert built == []
    assert http.client("twilio") is shared
    assert len(twilio.sent) == 2
