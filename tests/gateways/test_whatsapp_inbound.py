"""A WhatsApp user's messages reach Havre through Meta's signed webhook, and nothing else does."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from havre.conversations.models import Delivery, Message
from havre.gateways.actions import remove_channel
from havre.gateways.meta.fake import SignedPost, meta_signature, signed
from havre.gateways.whatsapp.fake import FakeWhatsApp
from havre.vault import addresses, sealing
from tests.gateways.fakes import WHATSAPP_A, WHATSAPP_B, url_of
from tests.gateways.scan import address_of, found_in_database, received, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "whatsapp" / "fixtures"
PHONE_ID = WHATSAPP_A["phone_number_id"]
SECRET = WHATSAPP_A["app_secret"]
NAME = "Maya Lindqvist"


def fixture(name: str, phone_number_id: str = PHONE_ID) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    for entry in payload["entry"]:
        for change in entry["changes"]:
            change["value"]["metadata"]["phone_number_id"] = phone_number_id
    return payload


def post(fake: FakeWhatsApp, channel, payload: dict[str, Any], secret: str = SECRET):
    return fake.post(signed(url_of(channel), payload, secret))


# -- the handshake ------------------------------------------------------------------


def test_the_handshake_echoes_the_challenge_only_for_the_right_token(fake_whatsapp, whatsapp_a):
    url = url_of(whatsapp_a)
    right = fake_whatsapp.http.get(url, params=fake_whatsapp.handshake_query("refuge-a-verify"))
    assert right.status_code == 200
    assert right.text == "1158201444"
    assert right.headers["content-type"].startswith("text/plain")

    for query in (
        fake_whatsapp.handshake_query("refuge-b-verify"),
        fake_whatsapp.handshake_query(""),
        {**fake_whatsapp.handshake_query("refuge-a-verify"), "hub.mode": "unsubscribe"},
        {"hub.challenge": "1"},
    ):
        assert fake_whatsapp.http.get(url, params=query).status_code == 403
    evil = fake_whatsapp.handshake_query("refuge-a-verify", challenge="<script>x</script>")
    assert fake_whatsapp.http.get(url, params=evil).status_code == 400


def test_a_removed_channel_answers_neither_handshake_nor_messages(fake_whatsapp, whatsapp_a):
    url = url_of(whatsapp_a)
    remove_channel(whatsapp_a)
    query = fake_whatsapp.handshake_query("refuge-a-verify")
    assert fake_whatsapp.http.get(url, params=query).status_code == 404
    assert fake_whatsapp.send_text(url, PHONE_ID, body="hello").status_code == 404
    assert received() == []


# -- messages -------------------------------------------------------------------------


def test_a_signed_text_is_stored_sealed_under_her_number_and_never_her_name(
    fake_whatsapp, whatsapp_a, keys_a, caplog
):
    caplog.set_level(logging.DEBUG)
    response = fake_whatsapp.send_text(
        url_of(whatsapp_a), PHONE_ID, body="Je ne suis pas en sécurité"
    )

    assert response.status_code == 200
    [message] = received()
    assert text_of(message, keys_a) == "Je ne suis pas en sécurité"
    conversation = message.conversation
    assert address_of(conversation, keys_a) == "+16505551234"
    subject = addresses.route_subject("whatsapp", "+16505551234")
    assert conversation.route == sealing.route_for(keys_a.program.pk, subject)
    assert conversation.route != sealing.route_for(keys_a.program.pk, "+16505551234")
    # The wamid holds her number in base64: only a digest of it is kept.
    assert message.provider_id.startswith("h1:")
    assert "wamid" not in message.provider_id
    private = [NAME, "Maya", "16505551234", "US.13491208655302741918", "sécurité"]
    assert found_in_database(private) == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "whatsapp text stored" in logged
    for word in private:
        assert word not in logged


def test_the_sample_text_is_stored(fake_whatsapp, whatsapp_a, keys_a):
    assert post(fake_whatsapp, whatsapp_a, fixture("text_received.json")).status_code == 200
    [message] = received()
    assert text_of(message, keys_a) == "Bonjour, est-ce que je peux écrire ici ?"
    assert address_of(message.conversation, keys_a) == "+16505551234"


def test_a_texter_who_hides_her_number_is_known_by_her_business_scoped_id(
    fake_whatsapp, whatsapp_a, keys_a
):
    assert post(fake_whatsapp, whatsapp_a, fixture("username_received.json")).status_code == 200
    [message] = received()
    assert address_of(message.conversation, keys_a) == "US.18822937156310498021"
    assert found_in_database(["Noor", "@noor.h", "US.18822937156310498021"]) == []


@pytest.mark.parametrize(
    ("name", "body", "media"),
    [
        ("image_received.json", "this is what he did", 1),
        ("location_received.json", "", 1),
        ("contacts_received.json", "", 1),
        ("reaction_received.json", "🙏", 0),
        ("unsupported_received.json", "", 1),
    ],
)
def test_other_message_types_keep_only_her_words_and_a_count(
    fake_whatsapp, whatsapp_a, keys_a, name, body, media
):
    assert post(fake_whatsapp, whatsapp_a, fixture(name)).status_code == 200
    [message] = received()
    assert (text_of(message, keys_a), message.media_count) == (body, media)
    dropped = [
        "Harbour View", "Crescent Hollow", "37.483307", "122.148981", "Tomas", "Reyes",
        "16505559876", "1003383421387256", "lookaside", "HgarjuX8",
    ]  # fmt: skip
    assert found_in_database(dropped) == []
    assert fake_whatsapp.media_requests == []


def test_a_photo_gets_the_kind_explanation_and_is_never_fetched(fake_whatsapp, whatsapp_a):
    assert post(fake_whatsapp, whatsapp_a, fixture("image_received.json")).status_code == 200
    notices = set(Message.objects.exclude(notice="").values_list("notice", flat=True))
    assert "media" in notices
    assert fake_whatsapp.media_requests == []


def test_a_batch_stores_every_message_and_applies_its_status(fake_whatsapp, whatsapp_a, keys_a):
    assert post(fake_whatsapp, whatsapp_a, fixture("batch_received.json")).status_code == 200
    texts = [text_of(m, keys_a) for m in received()]
    assert texts == [
        "Bonjour, est-ce que je peux écrire ici ?",
        "Il est parti, je peux parler maintenant.",
    ]
    assert len({m.conversation_id for m in received()}) == 1


def test_a_retried_payload_is_stored_once(fake_whatsapp, whatsapp_a):
    payload = fixture("text_received.json")
    assert post(fake_whatsapp, whatsapp_a, payload).status_code == 200
    assert post(fake_whatsapp, whatsapp_a, payload).status_code == 200
    assert len(received()) == 1


def test_events_for_another_number_of_the_business_are_left_alone(fake_whatsapp, whatsapp_a):
    other = fixture("text_received.json", phone_number_id="999999999999999")
    assert post(fake_whatsapp, whatsapp_a, other).status_code == 200
    assert received() == []


def test_changes_other_than_messages_are_acknowledged_and_ignored(fake_whatsapp, whatsapp_a):
    payload = fixture("text_received.json")
    payload["entry"][0]["changes"][0]["field"] = "account_update"
    assert post(fake_whatsapp, whatsapp_a, payload).status_code == 200
    assert received() == []


# -- refusals: each stores nothing, and a valid text after it is stored once --------


def refused_then_valid(fake: FakeWhatsApp, channel, bad) -> int:
    status = bad().status_code
    assert received() == []
    assert fake.send_text(url_of(channel), PHONE_ID, body="after").status_code == 200
    assert len(received()) == 1
    return status


def _raw(fake: FakeWhatsApp, url: str, body: bytes, headers: dict[str, str]):
    return fake.http.post(url, content=body, headers=headers)


@pytest.mark.parametrize(
    "tamper",
    ["other-secret", "no-header", "empty-header", "sha1", "tampered-body", "uppercase-hex"],
)
def test_a_bad_signature_is_refused_and_stores_nothing(fake_whatsapp, whatsapp_a, tamper):
    good = signed(url_of(whatsapp_a), fixture("text_received.json"), SECRET)
    headers = good.headers()
    body = good.body
    if tamper == "other-secret":
        headers["X-Hub-Signature-256"] = meta_signature(WHATSAPP_B["app_secret"], body)
    elif tamper == "no-header":
        del headers["X-Hub-Signature-256"]
    elif tamper == "empty-header":
        headers["X-Hub-Signature-256"] = ""
    elif tamper == "sha1":
        headers["X-Hub-Signature-256"] = "sha1=" + good.signature.removeprefix("sha256=")[:40]
    elif tamper == "tampered-body":
        body = body.replace(b"Bonjour", b"Bonsoir")
    else:
        headers["X-Hub-Signature-256"] = "sha256=" + good.signature[7:].upper()

    status = refused_then_valid(
        fake_whatsapp, whatsapp_a, lambda: _raw(fake_whatsapp, good.url, body, headers)
    )
    assert status == 403


def _mutated(change) -> dict[str, Any]:
    payload = fixture("text_received.json")
    change(payload)
    return payload


def _value(payload: dict[str, Any]) -> dict[str, Any]:
    value: dict[str, Any] = payload["entry"][0]["changes"][0]["value"]
    return value


MALFORMED = {
    "other-object": lambda p: p.update(object="page"),
    "entry-not-a-list": lambda p: p.update(entry={"id": "1"}),
    "changes-not-a-list": lambda p: p["entry"][0].update(changes="x"),
    "no-metadata": lambda p: _value(p).pop("metadata"),
    "messages-not-a-list": lambda p: _value(p).update(messages={}),
    "no-id": lambda p: _value(p)["messages"][0].pop("id"),
    "numeric-id": lambda p: _value(p)["messages"][0].update(id=12),
    "no-sender": lambda p: [_value(p)["messages"][0].pop(k) for k in ("from", "from_user_id")],
    "sender-is-a-name": lambda p: _value(p)["messages"][0].update(from_="x", **{"from": NAME}),
    "no-type": lambda p: _value(p)["messages"][0].pop("type"),
    "text-without-body": lambda p: _value(p)["messages"][0].update(text={}),
    "body-not-a-string": lambda p: _value(p)["messages"][0].update(text={"body": 7}),
    "status-without-id": lambda p: _value(p).update(statuses=[{"status": "sent"}]),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_payload_is_refused_whole(fake_whatsapp, whatsapp_a, change):
    payload = _mutated(change)
    status = refused_then_valid(
        fake_whatsapp, whatsapp_a, lambda: post(fake_whatsapp, whatsapp_a, payload)
    )
    assert status == 400


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json", "application/json"),
        (b'["a", "list"]', "application/json"),
        (b"\xff\xfe", "application/json"),
        (b"[" * 100_00 + b"]" * 100_00, "application/json"),
        (b'{"object": "whatsapp_business_account"}', "application/x-www-form-urlencoded"),
    ],
    ids=["not-json", "a-list", "not-utf8", "too-deep", "form"],
)
def test_a_body_that_is_not_a_json_object_is_refused(
    fake_whatsapp, whatsapp_a, settings, body, content_type
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    url = url_of(whatsapp_a)
    headers = {"Content-Type": content_type, "X-Hub-Signature-256": meta_signature(SECRET, body)}
    status = refused_then_valid(
        fake_whatsapp, whatsapp_a, lambda: _raw(fake_whatsapp, url, body, headers)
    )
    assert status == 400


def test_an_oversized_body_is_refused_before_its_signature_is_checked(
    fake_whatsapp, whatsapp_a, settings
):
    payload = fixture("text_received.json")
    _value(payload)["messages"][0]["text"]["body"] = "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    status = refused_then_valid(
        fake_whatsapp, whatsapp_a, lambda: post(fake_whatsapp, whatsapp_a, payload)
    )
    assert status == 413


def test_a_program_without_a_key_refuses_for_now_and_stores_nothing(
    fake_whatsapp, whatsapp_a, keys_a
):
    keys_a.epoch.delete()
    assert post(fake_whatsapp, whatsapp_a, fixture("text_received.json")).status_code == 503
    assert received() == []


def test_refusals_carry_nothing_private(fake_whatsapp, whatsapp_a, caplog):
    caplog.set_level(logging.DEBUG)
    payload = fixture("text_received.json")
    bad_signature = SignedPost(url_of(whatsapp_a), json.dumps(payload).encode(), "sha256=00")
    malformed = fixture("text_received.json")
    _value(malformed)["messages"][0]["text"] = {"body": None}
    responses = [fake_whatsapp.post(bad_signature), post(fake_whatsapp, whatsapp_a, malformed)]
    assert [r.status_code for r in responses] == [403, 400]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for private in (NAME, "16505551234", "Bonjour"):
        assert private not in logged
        for response in responses:
            assert private not in response.text


# -- statuses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "code"),
    [
        ("status_sent.json", Delivery.SENT, ""),
        ("status_delivered.json", Delivery.DELIVERED, ""),
        ("status_read.json", Delivery.DELIVERED, ""),
        ("status_failed_131047.json", Delivery.FAILED, "window-closed"),
    ],
)
def test_the_sample_statuses_move_a_reply(
    fake_whatsapp, whatsapp_a, reply_on, name, expected, code
):
    payload = fixture(name)
    wamid = _value(payload)["statuses"][0]["id"]
    message = reply_on(whatsapp_a, wamid)
    assert post(fake_whatsapp, whatsapp_a, payload).status_code == 200
    message.refresh_from_db()
    assert (message.status, message.error_code) == (expected, code)


def test_a_status_of_an_unknown_message_is_acknowledged(fake_whatsapp, whatsapp_a):
    assert post(fake_whatsapp, whatsapp_a, fixture("status_delivered.json")).status_code == 200


@pytest.mark.parametrize("odd", ["\ud800", "a\udfffb", "\x00"])
def test_text_that_is_not_valid_unicode_is_refused_or_kept_whole(
    fake_whatsapp, whatsapp_a, keys_a, odd
):
    payload = fixture("text_received.json")
    _value(payload)["messages"][0]["text"]["body"] = odd
    response = post(fake_whatsapp, whatsapp_a, payload)
    if odd == "\x00":
        assert response.status_code == 200
        assert text_of(received()[0], keys_a) == odd
    else:
        assert response.status_code == 400
        assert received() == []
