"""Any SMS gateway: Havre's signed JSON both ways, replays older than five minutes refused."""

from __future__ import annotations

import json
import time
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest

from havre.conversations import actions
from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Delivery, Message
from havre.gateways.actions import add_channel, remove_channel
from havre.gateways.base import SendError
from havre.gateways.refs import provider_ref
from havre.gateways.registry import gateway_for
from havre.gateways.sms_gateway import wire
from havre.gateways.sms_gateway.fake import sign
from tests.conftest import SEALED_REPLY
from tests.gateways.fakes import GATEWAY_NUMBER, GATEWAY_SECRET, url_of
from tests.gateways.fuzz import mutations, noise
from tests.gateways.scan import address_of, found_in_database, received, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "sms_gateway" / "fixtures"
TEXTER = "+33612340001"


def fixture(name: str) -> dict[str, Any]:
    text = (FIXTURES / name).read_text().replace("+33700000001", GATEWAY_NUMBER)
    payload: dict[str, Any] = json.loads(text)
    return payload


def test_signatures_agree_between_havre_and_a_gateway_written_from_the_docs():
    body = json.dumps(fixture("send_request.json")).encode()
    headers = sign(GATEWAY_SECRET, body, 1764580000)
    assert wire.signed_headers(GATEWAY_SECRET, body, now=1764580000) == headers
    assert wire.is_signed(
        GATEWAY_SECRET,
        headers["X-Havre-Timestamp"],
        headers["X-Havre-Signature"],
        body,
        now=1764580000 + 299,
    )
    assert not wire.is_signed(
        GATEWAY_SECRET,
        headers["X-Havre-Timestamp"],
        headers["X-Havre-Signature"],
        body,
        now=1764580000 + 301,
    )


def test_a_signed_text_is_stored_sealed(fake_sms_gateway, gateway_a, keys_a):
    response = fake_sms_gateway.send_text(url_of(gateway_a, "sms"), TEXTER, "Il lit mes SMS")
    assert response.status_code == 200
    [message] = received()
    assert text_of(message, keys_a) == "Il lit mes SMS"
    assert address_of(message.conversation, keys_a) == TEXTER
    assert found_in_database(["612340001", "lit mes SMS"]) == []


@pytest.mark.parametrize(
    ("name", "body", "media"),
    [("inbound_text.json", "Bonjour, c'est possible d'écrire ?", 0), ("inbound_photo.json", "", 1)],
)
def test_the_samples_are_stored(fake_sms_gateway, gateway_a, keys_a, name, body, media):
    assert fake_sms_gateway.post(url_of(gateway_a, "sms"), fixture(name)).status_code == 200
    [message] = received()
    assert (text_of(message, keys_a), message.media_count) == (body, media)


def test_a_retried_text_is_stored_once(fake_sms_gateway, gateway_a):
    payload = fixture("inbound_text.json")
    for _ in range(2):
        assert fake_sms_gateway.post(url_of(gateway_a, "sms"), payload).status_code == 200
    assert len(received()) == 1


# A few seconds past the bound, so that the time the request takes to
# arrive cannot bring a future stamp back inside it.
@pytest.mark.parametrize("age", [305, 3600, -305])
def test_a_request_signed_more_than_five_minutes_away_is_refused(fake_sms_gateway, gateway_a, age):
    stamp = int(time.time()) - age
    response = fake_sms_gateway.post(
        url_of(gateway_a, "sms"), fixture("inbound_text.json"), timestamp=stamp
    )
    assert response.status_code == 403
    assert received() == []


@pytest.mark.parametrize("bad", ["other-secret", "no-signature", "no-timestamp", "tampered", "v0"])
def test_a_bad_signature_is_refused_and_stores_nothing(fake_sms_gateway, gateway_a, bad):
    body = json.dumps(fixture("inbound_text.json")).encode()
    headers = sign(GATEWAY_SECRET, body)
    if bad == "other-secret":
        headers = sign("another-secret-of-forty-characters-00000", body)
    elif bad == "no-signature":
        del headers["X-Havre-Signature"]
    elif bad == "no-timestamp":
        del headers["X-Havre-Timestamp"]
    elif bad == "tampered":
        body = body.replace(b"Bonjour", b"Bonsoir")
    else:
        headers["X-Havre-Signature"] = headers["X-Havre-Signature"].replace("v1=", "v0=")
    response = fake_sms_gateway.http.post(url_of(gateway_a, "sms"), content=body, headers=headers)
    assert response.status_code == 403
    assert received() == []


MALFORMED = {
    "no-id": lambda p: p.pop("id"),
    "id-with-spaces": lambda p: p.update(id="a b"),
    "id-too-long": lambda p: p.update(id="x" * 65),
    "national-number": lambda p: p.update(**{"from": "0612340001"}),
    "to-another-number": lambda p: p.update(to="+33700000099"),
    "text-not-a-string": lambda p: p.update(text=None),
    "negative-media": lambda p: p.update(media=-1),
    "media-as-text": lambda p: p.update(media="1"),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_text_is_refused(fake_sms_gateway, gateway_a, change):
    payload = fixture("inbound_text.json")
    change(payload)
    assert fake_sms_gateway.post(url_of(gateway_a, "sms"), payload).status_code == 400
    assert received() == []


def test_an_oversized_body_is_refused(fake_sms_gateway, gateway_a, settings):
    payload = fixture("inbound_text.json")
    payload["text"] = "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert fake_sms_gateway.post(url_of(gateway_a, "sms"), payload).status_code == 413


@pytest.mark.parametrize("name", ["inbound_text.json", "inbound_photo.json", "status_failed.json"])
def test_mutated_samples_never_cause_a_server_error(fake_sms_gateway, gateway_a, name):
    url = url_of(gateway_a, "status" if name.startswith("status") else "sms")
    for payload in mutations(fixture(name), count=40, seed=zlib.crc32(name.encode())):
        assert fake_sms_gateway.post(url, payload).status_code in (200, 400), payload
    for body in noise(8, seed=3):
        response = fake_sms_gateway.http.post(url, content=body, headers=sign(GATEWAY_SECRET, body))
        assert response.status_code in (400, 413)


# -- sending ---------------------------------------------------------------------


def reply(author, body: str, on_commit) -> Message:
    """An advocate's reply to the texter of the first conversation, sent, as stored."""
    with on_commit(execute=True):
        message = actions.queue_reply(
            received()[0].conversation,
            author=author,
            message_id=uuid.uuid4(),
            body=body,
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=1,
        )
    message.refresh_from_db()
    return message


def test_a_reply_is_posted_signed_to_the_send_url_and_its_reports_follow(
    fake_sms_gateway, gateway_a, alice, django_capture_on_commit_callbacks
):
    assert fake_sms_gateway.send_text(url_of(gateway_a, "sms"), TEXTER, "allo").status_code == 200
    message = reply(alice, "Nous sommes là.", django_capture_on_commit_callbacks)
    call = fake_sms_gateway.calls[-1]
    assert call.authorized
    assert (call.to, call.body) == (TEXTER, "Nous sommes là.")
    assert call.payload["from"] == GATEWAY_NUMBER
    assert call.payload["status_url"] == url_of(gateway_a, "status")
    # Kept as a keyed digest: a gateway may build its ids from the number.
    assert message.provider_id == provider_ref(gateway_a.pk, call.gateway_id)

    assert fake_sms_gateway.post_status(call.gateway_id, "delivered").status_code == 200
    message.refresh_from_db()
    assert message.status == Delivery.DELIVERED
    assert (
        fake_sms_gateway.post_status(call.gateway_id, "failed", error="no_signal").status_code
        == 200
    )
    message.refresh_from_db()
    assert (message.status, message.error_code) == (Delivery.FAILED, "no_signal")


@pytest.mark.parametrize(
    ("status", "error", "transient", "code"),
    [
        (503, None, True, "http-503"),
        (429, "busy", True, "busy"),
        (400, "no_such_number", False, "no_such_number"),
    ],
)
def test_send_errors_say_whether_to_try_again(
    fake_sms_gateway, gateway_a, status, error, transient, code
):
    fake_sms_gateway.fail_next(status=status, error=error)
    with pytest.raises(SendError) as failed:
        gateway_for(gateway_a).send(gateway_a, to=TEXTER, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (transient, code)


@pytest.mark.parametrize("quoted", ["33612340001", "no-route-to-33612340001", "336-1234-0001"])
def test_an_error_that_quotes_the_number_is_neither_kept_nor_logged(
    fake_sms_gateway, gateway_a, alice, django_capture_on_commit_callbacks, caplog, quoted
):
    """A gateway may put the recipient in its error: Havre keeps its HTTP status instead."""
    assert fake_sms_gateway.send_text(url_of(gateway_a, "sms"), TEXTER, "allo").status_code == 200
    fake_sms_gateway.fail_next(status=400, error=quoted)
    message = reply(alice, "Nous sommes là.", django_capture_on_commit_callbacks)
    assert (message.status, message.error_code) == (Delivery.FAILED, "http-400")
    # A delivery report that quotes it is refused, and leaves nothing either.
    assert fake_sms_gateway.send_text(url_of(gateway_a, "sms"), TEXTER, "encore").status_code == 200
    sent = reply(alice, "Toujours là.", django_capture_on_commit_callbacks)
    refused = fake_sms_gateway.post_status(
        str(fake_sms_gateway.calls[-1].gateway_id), "failed", error=quoted
    )
    assert refused.status_code == 400
    sent.refresh_from_db()
    assert sent.error_code == ""
    digits = "".join(ch for ch in quoted if ch.isdigit())
    for needle in (quoted, digits, digits[-9:]):
        assert needle not in caplog.text
    assert found_in_database([quoted, digits[-9:]]) == []


def test_ids_built_from_the_number_are_neither_stored_nor_logged(
    fake_sms_gateway, gateway_a, alice, django_capture_on_commit_callbacks, caplog
):
    fake_sms_gateway.ids_from_number = True
    assert fake_sms_gateway.send_text(url_of(gateway_a, "sms"), TEXTER, "allo").status_code == 200
    message = reply(alice, "Nous sommes là.", django_capture_on_commit_callbacks)
    call = fake_sms_gateway.calls[-1]
    assert str(call.gateway_id).startswith(TEXTER.lstrip("+"))
    assert fake_sms_gateway.post_status(str(call.gateway_id), "delivered").status_code == 200
    message.refresh_from_db()
    assert message.status == Delivery.DELIVERED
    digits = TEXTER.lstrip("+")
    for needle in (digits, digits[-9:]):
        assert needle not in caplog.text
    assert found_in_database([digits[-9:]]) == []


def test_a_gateway_that_does_not_know_the_secret_refuses_and_the_send_fails_for_good(
    fake_sms_gateway, gateway_a
):
    fake_sms_gateway.secret = "another-secret-of-forty-characters-00000"
    with pytest.raises(SendError) as failed:
        gateway_for(gateway_a).send(gateway_a, to=TEXTER, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (False, "bad_signature")


@pytest.mark.parametrize(
    ("send_url", "secret", "message"),
    [
        ("ftp://gw.example/send", GATEWAY_SECRET, "http"),
        ("https://user:pw@gw.example/send", GATEWAY_SECRET, "credentials"),
        ("https://gw.example/send", "short", "at least 32"),
    ],
)
def test_bad_settings_are_refused(program_a, send_url, secret, message):
    with pytest.raises(ChannelError, match=message):
        add_channel(program_a, "gateway", send_url=send_url, secret=secret, number=GATEWAY_NUMBER)


def test_plain_http_is_refused_in_production_but_to_this_computer(program_a, settings):
    settings.HAVRE_MODE = "production"
    with pytest.raises(ChannelError, match="https"):
        add_channel(
            program_a,
            "gateway",
            send_url="http://192.168.1.20:8080/send",
            secret=GATEWAY_SECRET,
            number=GATEWAY_NUMBER,
        )
    channel = add_channel(
        program_a,
        "gateway",
        send_url="http://127.0.0.1:8080/send",
        secret=GATEWAY_SECRET,
        number=GATEWAY_NUMBER,
    )
    assert channel.config["send_url"] == "http://127.0.0.1:8080/send"


def test_a_removed_channel_takes_nothing_more(fake_sms_gateway, gateway_a):
    url = url_of(gateway_a, "sms")
    remove_channel(gateway_a)
    assert fake_sms_gateway.send_text(url, TEXTER, "allo").status_code == 404
    assert received() == []
