"""Messenger: page-scoped ids in through Meta's signed webhook, replies out within the window."""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest

from havre.conversations import actions
from havre.conversations.models import Delivery, Direction, Message
from havre.gateways.actions import remove_channel
from havre.gateways.base import SendError
from havre.gateways.messenger.fake import FakeMessenger
from havre.gateways.meta.fake import SignedPost, meta_signature, signed
from havre.gateways.refs import provider_ref
from havre.gateways.registry import gateway_for
from havre.vault import addresses, sealing
from tests.gateways.fakes import MESSENGER_A, MESSENGER_B, url_of
from tests.gateways.fuzz import mutations, noise
from tests.gateways.scan import address_of, found_in_database, received, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "messenger" / "fixtures"
PAGE = MESSENGER_A["page_id"]
SECRET = MESSENGER_A["app_secret"]
PSID = "6456078781510718"
SAMPLE_PAGE = "107223471209548"


def fixture(name: str, page_id: str = PAGE) -> dict[str, Any]:
    text = (FIXTURES / name).read_text().replace(SAMPLE_PAGE, page_id)
    payload: dict[str, Any] = json.loads(text)
    return payload


def post(fake: FakeMessenger, channel, payload: dict[str, Any], secret: str = SECRET):
    return fake.post(signed(url_of(channel), payload, secret))


def event(payload: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = payload["entry"][0]["messaging"][0]
    return found


def test_the_handshake_echoes_the_challenge_only_for_the_right_token(fake_messenger, messenger_a):
    url = url_of(messenger_a)
    right = fake_messenger.http.get(url, params=fake_messenger.handshake_query("page-a-verify"))
    assert (right.status_code, right.text) == (200, "1903260781")
    wrong = fake_messenger.handshake_query(MESSENGER_B["verify_token"])
    assert fake_messenger.http.get(url, params=wrong).status_code == 403


def test_a_signed_message_is_stored_sealed_under_the_page_scoped_id(
    fake_messenger, messenger_a, keys_a, caplog
):
    caplog.set_level(logging.DEBUG)
    response = fake_messenger.send_text(url_of(messenger_a), PAGE, PSID, "Il me surveille")
    assert response.status_code == 200
    [message] = received()
    assert text_of(message, keys_a) == "Il me surveille"
    conversation = message.conversation
    assert address_of(conversation, keys_a) == PSID
    subject = addresses.route_subject("messenger", PSID)
    assert conversation.route == sealing.route_for(keys_a.program.pk, subject)
    assert message.provider_id.startswith("h1:")
    assert found_in_database([PSID, "surveille"]) == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert PSID not in logged
    assert "surveille" not in logged


@pytest.mark.parametrize(
    ("name", "body", "media"),
    [
        ("text_received.json", "Bonjour, je peux vous écrire ici ?", 0),
        ("image_received.json", "", 1),
        ("sticker_received.json", "", 1),
        ("file_with_text_received.json", "the message he sent me", 1),
        ("reaction_received.json", "❤", 0),
    ],
)
def test_the_samples_keep_only_her_words_and_a_count(
    fake_messenger, messenger_a, keys_a, name, body, media
):
    assert post(fake_messenger, messenger_a, fixture(name)).status_code == 200
    [message] = received()
    assert (text_of(message, keys_a), message.media_count) == (body, media)
    assert found_in_database(["fbcdn", "fbsbx", "screenshot_2026"]) == []
    assert fake_messenger.lookups == []


def test_a_batch_stores_both_messages_in_one_conversation(fake_messenger, messenger_a, keys_a):
    assert post(fake_messenger, messenger_a, fixture("batch_received.json")).status_code == 200
    assert [text_of(m, keys_a) for m in received()] == [
        "Bonjour, je peux vous écrire ici ?",
        "C'est urgent.",
    ]
    assert len({m.conversation_id for m in received()}) == 1


@pytest.mark.parametrize("name", ["postback.json", "read.json", "delivery.json", "echo.json"])
def test_events_that_are_not_her_messages_store_nothing(fake_messenger, messenger_a, name):
    assert post(fake_messenger, messenger_a, fixture(name)).status_code == 200
    assert received() == []


def test_another_pages_events_are_left_alone(fake_messenger, messenger_a):
    other = fixture("text_received.json", page_id=MESSENGER_B["page_id"])
    assert post(fake_messenger, messenger_a, other).status_code == 200
    assert received() == []


def test_a_retried_payload_is_stored_once(fake_messenger, messenger_a):
    payload = fixture("text_received.json")
    assert post(fake_messenger, messenger_a, payload).status_code == 200
    assert post(fake_messenger, messenger_a, payload).status_code == 200
    assert len(received()) == 1


@pytest.mark.parametrize("tamper", ["other-secret", "no-header", "tampered-body"])
def test_a_bad_signature_is_refused_and_stores_nothing(fake_messenger, messenger_a, tamper):
    good = signed(url_of(messenger_a), fixture("text_received.json"), SECRET)
    headers, body = good.headers(), good.body
    if tamper == "other-secret":
        headers["X-Hub-Signature-256"] = meta_signature(MESSENGER_B["app_secret"], body)
    elif tamper == "no-header":
        del headers["X-Hub-Signature-256"]
    else:
        body = body.replace(b"Bonjour", b"Bonsoir")
    response = fake_messenger.http.post(good.url, content=body, headers=headers)
    assert response.status_code == 403
    assert received() == []


MALFORMED = {
    "other-object": lambda p: p.update(object="whatsapp_business_account"),
    "entry-not-a-list": lambda p: p.update(entry={}),
    "messaging-not-a-list": lambda p: p["entry"][0].update(messaging="x"),
    "no-mid": lambda p: event(p)["message"].pop("mid"),
    "no-sender": lambda p: event(p).pop("sender"),
    "sender-not-a-psid": lambda p: event(p).update(sender={"id": "Jean Dupont"}),
    "text-not-a-string": lambda p: event(p)["message"].update(text=["a"]),
    "attachments-not-a-list": lambda p: event(p)["message"].update(attachments="x"),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_payload_is_refused_whole(fake_messenger, messenger_a, change):
    payload = fixture("batch_received.json")
    change(payload)
    assert post(fake_messenger, messenger_a, payload).status_code == 400
    assert received() == []


def test_an_oversized_body_is_refused(fake_messenger, messenger_a, settings):
    payload = fixture("text_received.json")
    event(payload)["message"]["text"] = "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert post(fake_messenger, messenger_a, payload).status_code == 413


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name for p in FIXTURES.glob("*.json") if "error" not in p.name and "send" not in p.name
    ),
)
def test_mutated_samples_never_cause_a_server_error(fake_messenger, messenger_a, name):
    url = url_of(messenger_a)
    for payload in mutations(fixture(name), count=30, seed=zlib.crc32(name.encode())):
        body = json.dumps(payload).encode()
        response = fake_messenger.post(SignedPost(url, body, meta_signature(SECRET, body)))
        assert response.status_code in (200, 400), payload


def test_signed_noise_is_refused_as_malformed(fake_messenger, messenger_a):
    url = url_of(messenger_a)
    for body in noise(12, seed=11):
        response = fake_messenger.post(SignedPost(url, body, meta_signature(SECRET, body)))
        assert response.status_code in (400, 413)


# -- replies ------------------------------------------------------------------------


def reply(conversation, alice, capture=None) -> Message:
    with capture(execute=True) if capture else contextlib.nullcontext():
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="Nous sommes là.",
            body_sealed=b"sealed by the browser" * 4,
            number=PSID,
            epoch=1,
        )
    message.refresh_from_db()
    return message


def test_a_reply_goes_to_the_page_scoped_id_and_its_deliveries_follow(
    fake_messenger, messenger_a, alice, django_capture_on_commit_callbacks
):
    assert fake_messenger.send_text(url_of(messenger_a), PAGE, PSID, "allo").status_code == 200
    conversation = received()[0].conversation

    message = reply(conversation, alice, django_capture_on_commit_callbacks)

    call = fake_messenger.calls[-1]
    assert call.authorized
    assert call.payload == {
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "message": {"text": "Nous sommes là."},
    }
    assert call.mid is not None
    assert message.provider_id == provider_ref(messenger_a.pk, call.mid)
    url = url_of(messenger_a)
    echo = fake_messenger.echo(PAGE, PSID, call.mid, "Nous sommes là.")
    assert fake_messenger.post(fake_messenger.sign(url, PAGE, echo)).status_code == 200
    message.refresh_from_db()
    assert message.status == Delivery.SENT
    delivered = fake_messenger.delivery(PAGE, PSID, [call.mid])
    assert fake_messenger.post(fake_messenger.sign(url, PAGE, delivered)).status_code == 200
    message.refresh_from_db()
    assert message.status == Delivery.DELIVERED
    assert Message.objects.filter(direction=Direction.INBOUND).count() == 1


def test_outside_the_window_the_reply_fails_with_the_reason(
    fake_messenger, messenger_a, alice, django_capture_on_commit_callbacks
):
    assert fake_messenger.send_text(url_of(messenger_a), PAGE, PSID, "allo").status_code == 200
    fake_messenger._last_inbound.clear()
    message = reply(received()[0].conversation, alice, django_capture_on_commit_callbacks)
    assert (message.status, message.error_code) == (Delivery.FAILED, "window-closed")


@pytest.mark.parametrize(
    ("status", "code", "subcode", "transient", "word"),
    [
        (500, 2, None, True, "2"),
        (400, 613, None, True, "613"),
        (400, 551, 1545041, False, "551.1545041"),
        (400, 10, 2018278, False, "window-closed"),
    ],
)
def test_send_errors_say_whether_to_try_again(
    fake_messenger, messenger_a, status, code, subcode, transient, word
):
    fake_messenger.fail_next(status=status, code=code, subcode=subcode)
    with pytest.raises(SendError) as failed:
        gateway_for(messenger_a).send(messenger_a, to=PSID, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (transient, word)


def test_a_removed_channel_takes_nothing_more(fake_messenger, messenger_a):
    url = url_of(messenger_a)
    remove_channel(messenger_a)
    assert fake_messenger.send_text(url, PAGE, PSID, "allo").status_code == 404
    assert received() == []
