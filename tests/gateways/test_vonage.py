"""Vonage: JWT-signed webhooks whose token covers the body, JWT sends, redaction once a message is done."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest

from havre.conversations import actions
from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Delivery
from havre.gateways.actions import add_channel, remove_channel
from havre.gateways.base import SendError
from havre.gateways.registry import gateway_for
from havre.gateways.vonage import tokens
from havre.gateways.vonage.fake import FakeVonage
from tests.conftest import SEALED_REPLY
from tests.gateways.fakes import url_of, vonage_account
from tests.gateways.fuzz import mutations
from tests.gateways.scan import address_of, found_in_database, received, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "vonage" / "fixtures"
A = vonage_account("a")
TEXTER = "+447700900123"
SAMPLE_NUMBER = "447700900000"


def fixture(name: str, number: str = A["number"]) -> dict[str, Any]:
    text = (FIXTURES / name).read_text().replace(SAMPLE_NUMBER, number.removeprefix("+"))
    payload: dict[str, Any] = json.loads(text)
    return payload


def post(fake: FakeVonage, url: str, payload: dict[str, Any]):
    return fake.post(*fake.signed(url, A["number"], payload))


def inbound_url(channel) -> str:
    return url_of(channel, "inbound")


def status_url(channel) -> str:
    return url_of(channel, "status")


# -- the webhook token -----------------------------------------------------------------


def token_for(body: bytes, secret: str = A["signature_secret"], **claims: Any) -> str:
    base = {
        "iat": int(time.time()),
        "jti": str(uuid.uuid4()),
        "iss": "Vonage",
        "payload_hash": hashlib.sha256(body).hexdigest(),
        "api_key": A["api_key"],
        "application_id": A["application_id"],
    }
    return "Bearer " + jwt.encode({**base, **claims}, secret, algorithm="HS256")


def test_a_token_made_as_vonage_makes_it_is_accepted():
    body = b'{"a":1}'
    claims = tokens.verify_webhook(token_for(body), body, A["signature_secret"])
    assert claims["application_id"] == A["application_id"]


def test_the_same_document_written_with_spaces_still_matches_its_hash():
    compact = b'{"text":"\xc3\xa9t\xc3\xa9","n":1}'
    spaced = b'{ "text": "\\u00e9t\\u00e9", "n": 1 }'
    tokens.verify_webhook(token_for(compact), spaced, A["signature_secret"])


@pytest.mark.parametrize(
    "bad",
    [
        "other-secret", "other-body", "no-hash", "old", "future", "expired", "none-alg",
        "rs256", "not-bearer", "two-parts", "garbage",
    ],
)  # fmt: skip
def test_any_other_token_is_refused(bad):
    body = b'{"a":1}'
    secret = A["signature_secret"]
    header = {
        "other-secret": token_for(body, secret="another-signature-secret-0000000000"),
        "other-body": token_for(b'{"a":2}'),
        "no-hash": token_for(body, payload_hash=None),
        "old": token_for(body, iat=int(time.time()) - 2 * 86400),
        "future": token_for(body, iat=int(time.time()) + 3600),
        "expired": token_for(body, exp=int(time.time()) - 3600),
        "none-alg": "Bearer "
        + jwt.encode(
            {"payload_hash": hashlib.sha256(body).hexdigest(), "iat": 1}, None, algorithm="none"
        ),
        "rs256": "Bearer "
        + jwt.encode(
            {"payload_hash": hashlib.sha256(body).hexdigest(), "iat": int(time.time())},
            A["private_key"],
            algorithm="RS256",
        ),
        "not-bearer": token_for(body).replace("Bearer", "Basic"),
        "two-parts": "Bearer a.b",
        "garbage": "Bearer !!!.###.$$$",
    }[bad]
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_webhook(header, body, secret)


# -- inbound ---------------------------------------------------------------------------


def test_a_signed_text_is_stored_sealed(fake_vonage, vonage_a, keys_a):
    response = fake_vonage.send_text(
        inbound_url(vonage_a), to=A["number"], sender=TEXTER, text="Il a pris mon téléphone"
    )
    assert response.status_code == 200
    [message] = received()
    assert text_of(message, keys_a) == "Il a pris mon téléphone"
    assert address_of(message.conversation, keys_a) == TEXTER
    assert found_in_database(["447700900123", "téléphone"]) == []


@pytest.mark.parametrize(
    ("name", "body", "media"),
    [
        ("inbound_sms.json", "Bonjour, je ne peux pas appeler.", 0),
        ("inbound_mms_image.json", "look at my arm", 1),
    ],
)
def test_the_samples_are_stored(fake_vonage, vonage_a, keys_a, name, body, media):
    payload = fixture(name)
    assert post(fake_vonage, inbound_url(vonage_a), payload).status_code == 200
    [message] = received()
    assert (text_of(message, keys_a), message.media_count) == (body, media)
    assert message.provider_id == payload["message_uuid"]
    assert fake_vonage.media_requests == []
    assert found_in_database(["v3/media", "3e9a1b2c"]) == []


def test_a_retried_inbound_is_stored_once(fake_vonage, vonage_a):
    signed = fake_vonage.signed(inbound_url(vonage_a), A["number"], fixture("inbound_sms.json"))
    assert fake_vonage.post(*signed).status_code == 200
    assert fake_vonage.post(*signed).status_code == 200
    assert len(received()) == 1


def test_a_text_to_another_number_of_the_application_is_left_alone(fake_vonage, vonage_a):
    other = fixture("inbound_sms.json", number="+447700900999")
    assert post(fake_vonage, inbound_url(vonage_a), other).status_code == 200
    assert received() == []


@pytest.mark.parametrize("bad", ["no-header", "other-secret", "other-body", "other-application"])
def test_a_bad_token_is_refused_and_stores_nothing(fake_vonage, vonage_a, bad):
    url, body, headers = fake_vonage.signed(
        inbound_url(vonage_a), A["number"], fixture("inbound_sms.json")
    )
    if bad == "no-header":
        del headers["Authorization"]
    elif bad == "other-secret":
        headers["Authorization"] = token_for(body, secret=vonage_account("b")["signature_secret"])
    elif bad == "other-body":
        body = body.replace(b"Bonjour", b"Bonsoir")
    else:
        headers["Authorization"] = token_for(
            body, application_id=vonage_account("b")["application_id"]
        )
    assert fake_vonage.post(url, body, headers).status_code == 403
    assert received() == []


MALFORMED = {
    "no-uuid": lambda p: p.pop("message_uuid"),
    "bad-uuid": lambda p: p.update(message_uuid="12"),
    "no-from": lambda p: p.pop("from"),
    "from-a-word": lambda p: p.update(**{"from": "PROMO"}),
    "to-not-digits": lambda p: p.update(to="+44 7700"),
    "no-type": lambda p: p.pop("message_type"),
    "text-not-a-string": lambda p: p.update(text=3),
    "no-channel": lambda p: p.pop("channel"),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_inbound_is_refused(fake_vonage, vonage_a, change):
    payload = fixture("inbound_sms.json")
    change(payload)
    assert post(fake_vonage, inbound_url(vonage_a), payload).status_code == 400
    assert received() == []


def test_an_oversized_body_is_refused(fake_vonage, vonage_a, settings):
    payload = fixture("inbound_sms.json")
    payload["text"] = "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert post(fake_vonage, inbound_url(vonage_a), payload).status_code == 413


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in FIXTURES.glob("*.json") if p.name.startswith(("inbound", "status"))),
)
def test_mutated_samples_never_cause_a_server_error(fake_vonage, vonage_a, name):
    url = inbound_url(vonage_a) if name.startswith("inbound") else status_url(vonage_a)
    for payload in mutations(fixture(name), count=30, seed=zlib.crc32(name.encode())):
        url_, body, headers = fake_vonage.signed(url, A["number"], payload)
        assert fake_vonage.post(url_, body, headers).status_code in (200, 400), payload


# -- sending and statuses ---------------------------------------------------------------


def reply(conversation, alice, capture) -> Any:
    with capture(execute=True):
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="Nous sommes là.",
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=1,
        )
    message.refresh_from_db()
    return message


def test_a_reply_is_sent_with_the_application_token_and_its_statuses_follow(
    fake_vonage, vonage_a, alice, django_capture_on_commit_callbacks
):
    assert (
        fake_vonage.send_text(
            inbound_url(vonage_a), to=A["number"], sender=TEXTER, text="allo"
        ).status_code
        == 200
    )
    message = reply(received()[0].conversation, alice, django_capture_on_commit_callbacks)

    call = fake_vonage.calls[-1]
    assert call.authorized
    assert call.application_id == A["application_id"]
    assert call.payload == {
        "message_type": "text",
        "text": "Nous sommes là.",
        "to": "447700900123",
        "from": "447700900000",
        "channel": "sms",
        "webhook_url": status_url(vonage_a),
    }
    assert message.provider_id == call.message_uuid
    for status, expected in (("submitted", Delivery.SENT), ("delivered", Delivery.DELIVERED)):
        assert (
            fake_vonage.post_status(status_url(vonage_a), call.message_uuid, status).status_code
            == 200
        )
        message.refresh_from_db()
        assert message.status == expected


@pytest.mark.parametrize(
    ("name", "expected", "code"),
    [
        ("status_submitted.json", Delivery.SENT, ""),
        ("status_delivered.json", Delivery.DELIVERED, ""),
        ("status_rejected.json", Delivery.FAILED, "1170"),
        ("status_undeliverable.json", Delivery.UNDELIVERED, "1320"),
    ],
)
def test_the_sample_statuses_move_a_reply(fake_vonage, vonage_a, reply_on, name, expected, code):
    payload = fixture(name)
    message = reply_on(vonage_a, payload["message_uuid"], sender=TEXTER)
    # Vonage's ids are random UUIDs, kept as they are (its redaction needs them).
    type(message).objects.filter(pk=message.pk).update(provider_id=payload["message_uuid"])
    assert post(fake_vonage, status_url(vonage_a), payload).status_code == 200
    message.refresh_from_db()
    assert (message.status, message.error_code) == (expected, code)


@pytest.mark.parametrize(
    ("status", "code", "transient"),
    [(500, "1000", True), (429, "1000", True), (422, "1150", False), (402, "1010", False)],
)
def test_send_errors_say_whether_to_try_again(fake_vonage, vonage_a, status, code, transient):
    fake_vonage.fail_next(status=status, code=code)
    with pytest.raises(SendError) as failed:
        gateway_for(vonage_a).send(vonage_a, to=TEXTER, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (transient, code)


def test_an_error_code_as_long_as_a_number_is_not_kept(fake_vonage, vonage_a, caplog):
    """The code is stored and logged; one that could be the recipient's number is not."""
    quoted = TEXTER.lstrip("+")
    fake_vonage.fail_next(status=422, code=quoted)
    with pytest.raises(SendError) as failed:
        gateway_for(vonage_a).send(vonage_a, to=TEXTER, body="x", status_callback="")
    assert failed.value.code == "http-422"
    assert quoted[-9:] not in caplog.text


def test_a_key_vonage_does_not_know_is_refused_for_good(fake_vonage, vonage_a, program_b):
    fake_vonage.public_keys[A["application_id"]] = fake_vonage.public_keys[
        vonage_account("b")["application_id"]
    ]
    with pytest.raises(SendError) as failed:
        gateway_for(vonage_a).send(vonage_a, to=TEXTER, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (False, "unauthorized")


# -- redaction -----------------------------------------------------------------------------


def test_a_done_message_is_redacted_once_vonage_allows_it(fake_vonage, vonage_a):
    uuid_ = gateway_for(vonage_a).send(vonage_a, to=TEXTER, body="x", status_callback="")
    gateway = gateway_for(vonage_a)

    with pytest.raises(SendError) as early:
        gateway.delete_records(vonage_a, provider_id=uuid_, direction="out")  # type: ignore[attr-defined]
    assert (early.value.transient, early.value.code) == (True, "premature")

    later = fake_vonage.clock() + timedelta(hours=1, minutes=1)
    fake_vonage.clock = lambda: later
    gateway.delete_records(vonage_a, provider_id=uuid_, direction="out")  # type: ignore[attr-defined]
    assert fake_vonage.messages[uuid_].redacted
    assert [r.payload for r in fake_vonage.redactions][-1] == {
        "id": uuid_,
        "product": "messages",
        "type": "outbound",
    }
    assert all(r.authorized for r in fake_vonage.redactions)


def test_an_inbound_text_is_redacted_as_inbound(fake_vonage, vonage_a):
    fake_vonage.send_text(inbound_url(vonage_a), to=A["number"], sender=TEXTER, text="allo")
    stored = received()[0].provider_id
    later = fake_vonage.clock() + timedelta(hours=2)
    fake_vonage.clock = lambda: later
    gateway_for(vonage_a).delete_records(vonage_a, provider_id=stored, direction="in")  # type: ignore[attr-defined]
    assert fake_vonage.messages[stored].redacted


def test_without_api_credentials_redaction_says_so(fake_vonage, program_a):
    account = {k: v for k, v in vonage_account("a").items() if k not in ("api_key", "api_secret")}
    channel = add_channel(program_a, "vonage", **account)
    assert channel.config["redaction"] is False
    with pytest.raises(SendError) as failed:
        gateway_for(channel).delete_records(channel, provider_id=str(uuid.uuid4()), direction="out")  # type: ignore[attr-defined]
    assert (failed.value.transient, failed.value.code) == (False, "no-redact-credentials")
    assert fake_vonage.redactions == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"application_id": "not-a-uuid"}, "application ID"),
        (
            {"private_key": "-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----\n"},
            "PEM",
        ),
        ({"signature_secret": ""}, "signature secret"),
        ({"api_secret": ""}, "API secret"),
    ],
)
def test_bad_settings_are_refused(program_a, change, message):
    with pytest.raises(ChannelError, match=message):
        add_channel(program_a, "vonage", **{**vonage_account("a"), **change})


def test_a_removed_channel_takes_nothing_more(fake_vonage, vonage_a):
    url = inbound_url(vonage_a)
    remove_channel(vonage_a)
    assert fake_vonage.send_text(url, to=A["number"], sender=TEXTER, text="allo").status_code == 404
    assert received() == []
