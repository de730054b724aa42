"""A texter's text reaches Havre through Twilio's signed webhook, and nothing else does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Callable
from io import BytesIO
from urllib.parse import urlencode

import httpx
import pytest
from django.core.handlers.asgi import ASGIRequest
from django.db.models import QuerySet

from havre.conversations.actions.channels import remove_channel
from havre.conversations.models import Channel, Direction, Message
from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import FakeTwilio, SignedForm, twilio_signature
from havre.gateways.twilio.wire import EMPTY_TWIML
from havre.gateways.webhooks import BodyTooLargeError, read_body
from havre.vault import formats
from tests.conftest import CHANNEL_A_TOKEN, ProgramKeys
from tests.gateways.conftest import for_channel, signed

pytestmark = pytest.mark.django_db

TEXTER = "+33600000001"


def received() -> QuerySet[Message]:
    """The texts stored from the texter (the automatic replies answering them aside)."""
    return Message.objects.filter(direction=Direction.INBOUND)


def sms_url(channel: Channel) -> str:
    return webhook_urls(channel)["sms"]


def text_of(message: Message, keys: ProgramKeys) -> str:
    info = formats.message_info(keys.program.pk, message.conversation_id, message.pk, "in")
    return keys.open(message.body_sealed, info)


def send(twilio: FakeTwilio, channel: Channel, body: str, **kwargs: object) -> httpx.Response:
    return twilio.inbound(sms_url(channel), sender=TEXTER, to=channel.address, body=body, **kwargs)  # type: ignore[arg-type]


def test_a_signed_text_is_stored_sealed_then_acknowledged(twilio, channel_a, keys_a):
    response = send(twilio, channel_a, "Hello, is this the helpline?")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text == EMPTY_TWIML
    message = received().get(channel=channel_a)
    assert message.provider_id == twilio.exchanges[-1].sid
    assert message.media_count == 0
    assert text_of(message, keys_a) == "Hello, is this the helpline?"
    assert b"helpline" not in bytes(message.body_sealed)


def test_a_program_without_a_key_refuses_for_now_and_stores_nothing(
    twilio, channel_a, keys_a, caplog
):
    keys_a.epoch.delete()
    with caplog.at_level(logging.INFO):
        response = send(twilio, channel_a, "Hello, is anyone there?")
    assert response.status_code == 503
    assert not Message.objects.exists()
    assert "anyone there" not in caplog.text
    assert "600000001" not in caplog.text


def test_the_sample_payload_from_the_fixtures_is_stored(twilio, channel_a, keys_a, channel_a_token):
    params = for_channel(channel_a, "sms_received.form")
    response = twilio.post(signed(sms_url(channel_a), params, channel_a_token))

    assert response.status_code == 200
    message = received().get(channel=channel_a)
    assert message.provider_id == params["MessageSid"]
    assert text_of(message, keys_a) == "Bonjour, est-ce que je peux écrire ici ?"


@pytest.mark.parametrize(
    "body",
    [
        "Ça va ? J'ai peur. Où êtes-vous ? ñ ß Ω 中文 العربية",
        "🙏🏽 ❤️ 👩‍👧 help 🆘",
        ("Long message, café ünïcode 🙂. " * 60)[:1600],
        "",
    ],
    ids=["non-gsm", "emoji", "1600-chars", "empty"],
)
def test_any_text_passes_through_intact(twilio, channel_a, keys_a, body):
    assert send(twilio, channel_a, body).status_code == 200
    assert text_of(received().get(channel=channel_a), keys_a) == body


def test_a_retried_webhook_is_stored_once(twilio, channel_a):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="hi")
    first = twilio.post(form)
    again = twilio.post(form)

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.text == EMPTY_TWIML
    assert received().filter(channel=channel_a).count() == 1


def test_photos_are_counted_never_fetched(twilio, channel_a, channel_a_token):
    response = send(twilio, channel_a, "", media=2)

    assert response.status_code == 200
    assert received().get(channel=channel_a).media_count == 2
    form = twilio.inbound_form(
        sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="", media=1
    )
    assert form.params["MediaUrl0"].startswith(twilio.base_url)
    # The fake serves the photo URLs it hands out, so a fetch would show here.
    assert httpx.get(form.params["MediaUrl0"]).status_code == 404
    assert len(twilio.media_requests) == 1
    twilio.media_requests.clear()
    photo = for_channel(channel_a, "sms_received_photo.form")
    assert twilio.post(signed(sms_url(channel_a), photo, channel_a_token)).status_code == 200
    assert twilio.media_requests == []


# -- refusals: each bad request stores nothing, and a valid text on either side
#    of it is stored exactly once.


def between_two_valid_texts(
    twilio: FakeTwilio, channel: Channel, bad: Callable[[], httpx.Response]
) -> httpx.Response:
    assert send(twilio, channel, "before").status_code == 200
    response = bad()
    assert send(twilio, channel, "after").status_code == 200
    assert received().count() == 2
    assert sorted(m.provider_id for m in received().all()) == sorted(
        e.sid for e in twilio.exchanges if e.webhook_status == 200
    )
    return response


def post_raw(
    twilio: FakeTwilio, url: str, params: dict[str, str], headers: dict[str, str]
) -> httpx.Response:
    return twilio.http.post(url, content=urlencode(params), headers=headers)


def form_headers(signature: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return headers


def _wrong_token(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    sig = twilio_signature("not-the-channel-token-000000000", form.url, form.params)
    return form.url, form.params, form_headers(sig)


def _wrong_url(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    other = form.url.replace("127.0.0.1:8000", "attacker.example")
    return form.url, form.params, form_headers(twilio_signature(TOKEN, other, form.params))


def _missing_header(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    return form.url, form.params, form_headers(None)


def _empty_header(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    return form.url, form.params, form_headers("")


def _tampered_body(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    return form.url, {**form.params, "Body": "tampered"}, form_headers(form.signature)


def _added_field(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    return form.url, {**form.params, "Extra": "1"}, form_headers(form.signature)


def _query_added(form: SignedForm) -> tuple[str, dict[str, str], dict[str, str]]:
    return form.url + "?x=1", form.params, form_headers(form.signature)


TOKEN = CHANNEL_A_TOKEN


@pytest.mark.parametrize(
    "tamper",
    [
        _wrong_token,
        _wrong_url,
        _missing_header,
        _empty_header,
        _tampered_body,
        _added_field,
        _query_added,
    ],
)
def test_a_bad_signature_is_refused_and_stores_nothing(twilio, channel_a, channel_a_token, tamper):
    assert channel_a_token == TOKEN
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    url, params, headers = tamper(form)

    response = between_two_valid_texts(
        twilio, channel_a, lambda: post_raw(twilio, url, params, headers)
    )

    assert response.status_code == 403
    assert form.params["MessageSid"] not in {m.provider_id for m in received().all()}


def test_another_channels_token_does_not_sign_for_this_one(twilio, channel_a, channel_b):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    sig = twilio_signature("b-twilio-auth-token-for-tests-00", form.url, form.params)
    response = between_two_valid_texts(
        twilio, channel_a, lambda: post_raw(twilio, form.url, form.params, form_headers(sig))
    )
    assert response.status_code == 403


MALFORMED = {
    "no-message-sid": {"MessageSid": None},
    "bad-message-sid": {"MessageSid": "SM-not-a-sid"},
    "no-from": {"From": None},
    "empty-from": {"From": ""},
    "sender-not-a-number": {"From": "not a number"},
    "alphanumeric-sender": {"From": "PROMO"},
    "to-another-number": {"To": "+33700000099"},
    "no-to": {"To": None},
    "other-account": {"AccountSid": "AC" + "9" * 32},
    "no-body": {"Body": None},
    "bad-num-media": {"NumMedia": "two"},
    "too-much-media": {"NumMedia": "11"},
    "no-num-media": {"NumMedia": None},
}


@pytest.mark.parametrize("changes", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_signed_form_is_refused_and_stores_nothing(twilio, channel_a, changes):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    params = {k: v for k, v in {**form.params, **changes}.items() if v is not None}

    response = between_two_valid_texts(
        twilio, channel_a, lambda: twilio.post(signed(form.url, params, TOKEN))
    )

    assert response.status_code == 400


def test_a_repeated_field_is_refused(twilio, channel_a):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    pairs = [*form.params.items(), ("Body", "y")]
    # Signed as Twilio would sign a repeated field: every value, sorted.
    data = form.url + "".join(k + v for k, v in sorted(pairs))
    sig = base64.b64encode(hmac.new(TOKEN.encode(), data.encode(), hashlib.sha1).digest()).decode()

    response = between_two_valid_texts(
        twilio,
        channel_a,
        lambda: twilio.http.post(form.url, content=urlencode(pairs), headers=form_headers(sig)),
    )

    assert response.status_code == 400


def test_a_body_that_is_not_a_form_is_refused(twilio, channel_a):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    headers = {"Content-Type": "application/json", "X-Twilio-Signature": form.signature}
    response = between_two_valid_texts(
        twilio, channel_a, lambda: twilio.http.post(form.url, json=form.params, headers=headers)
    )
    assert response.status_code == 400


def test_an_oversized_body_is_refused_before_parsing(twilio, channel_a, settings):
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body=huge)

    response = between_two_valid_texts(twilio, channel_a, lambda: twilio.post(form))

    assert response.status_code == 413


def test_a_body_without_length_is_measured_as_read():
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/hooks/twilio/x/sms",
        "query_string": b"",
        "headers": [(b"content-type", b"application/x-www-form-urlencoded")],
    }
    big = ASGIRequest(scope, BytesIO(b"x" * (64 * 1024 + 1)))
    with pytest.raises(BodyTooLargeError):
        read_body(big)
    assert read_body(ASGIRequest(scope, BytesIO(b"Body=hi"))) == b"Body=hi"


def test_unknown_or_removed_channel_is_not_found(twilio, channel_a):
    form = twilio.inbound_form(sms_url(channel_a), sender=TEXTER, to=channel_a.address, body="x")
    unknown = form.url.replace(str(channel_a.pk), "00000000-0000-4000-8000-000000000000")
    assert twilio.post(SignedForm(unknown, form.params, form.signature)).status_code == 404

    remove_channel(channel_a)
    assert twilio.post(form).status_code == 404
    assert received().count() == 0


def test_only_post_is_accepted(twilio, channel_a):
    assert twilio.http.get(sms_url(channel_a)).status_code == 405


def test_logs_and_refusals_carry_no_text_and_no_number(twilio, channel_a, caplog):
    caplog.set_level(logging.DEBUG)
    secret_words = "my husband took my phone"
    send(twilio, channel_a, secret_words)
    form = twilio.inbound_form(
        sms_url(channel_a), sender=TEXTER, to=channel_a.address, body=secret_words
    )
    refused = [
        post_raw(twilio, form.url, form.params, form_headers("bad")),
        twilio.post(signed(form.url, {**form.params, "To": "+33700000099"}, TOKEN)),
        twilio.post(signed(form.url, {**form.params, "From": "nonsense"}, TOKEN)),
    ]
    assert [r.status_code for r in refused] == [403, 400, 400]

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "twilio" in logged
    for private in (secret_words, TEXTER, TEXTER[1:], channel_a.address, "33600000001"):
        assert private not in logged
        for response in refused:
            assert private not in response.text
