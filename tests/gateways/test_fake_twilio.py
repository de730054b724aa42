"""The fake Twilio itself: it must sign, answer and refuse as Twilio does."""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl

import httpx
import pytest
from twilio.request_validator import RequestValidator

from havre.gateways.twilio.fake import FakeTwilio
from havre.gateways.twilio.fake_server import fake_server
from havre.gateways.twilio.fake_wire import segments, twilio_signature

SID = "AC" + "c3" * 16
TOKEN = "fake-twilio-test-token-000000000"


def test_signature_matches_twilios_published_example():
    # Twilio's documented example: auth token 12345 and these voice parameters.
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+14158675309",
        "Digits": "1234",
        "From": "+14158675309",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert twilio_signature("12345", url, params) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_inbound_form_has_twilios_fields_and_a_signature_the_sdk_accepts():
    fake = FakeTwilio()
    fake.register_account(SID, TOKEN)
    url = "https://helpline.example/hooks/twilio/x/sms"
    form = fake.inbound_form(url, sender="+33600000001", to="+33700000001", body="hé", media=1)

    assert set(form.params) == {
        "ToCountry", "ToState", "SmsMessageSid", "NumMedia", "ToCity", "FromZip", "SmsSid",
        "FromState", "SmsStatus", "FromCity", "Body", "FromCountry", "To", "ToZip",
        "NumSegments", "MessageSid", "AccountSid", "From", "ApiVersion",
        "MediaContentType0", "MediaUrl0",
    }  # fmt: skip
    assert form.params["MessageSid"].startswith("MM")
    assert form.params["SmsStatus"] == "received"
    assert form.params["FromCountry"] == "FR"
    assert "MessagingServiceSid" not in form.params
    assert RequestValidator(TOKEN).validate(url, form.params, form.signature)
    assert dict(parse_qsl(form.encoded(), keep_blank_values=True)) == form.params


def test_segments_follow_gsm_and_ucs2_sizes():
    assert [segments("a" * 160), segments("a" * 161), segments("é" * 160)] == [1, 2, 1]
    assert [segments("ç" * 70), segments("ç" * 71), segments("🙂" * 35)] == [1, 2, 1]


def test_the_served_api_refuses_wrong_credentials_like_twilio():
    fake = FakeTwilio()
    fake.register_account(SID, TOKEN)
    with fake_server(fake):
        url = f"{fake.base_url}/2010-04-01/Accounts/{SID}/Messages.json"
        form = {"To": "+33600000001", "From": "+33700000001", "Body": "hi"}
        wrong = httpx.post(url, data=form, auth=(SID, "wrong"))
        other = httpx.post(url.replace(SID, "AC" + "d4" * 16), data=form, auth=(SID, TOKEN))
        right = httpx.post(url, data=form, auth=(SID, TOKEN))

    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"].startswith("Basic")
    assert wrong.json()["code"] == 20003
    assert other.status_code == 404
    assert right.status_code == 201
    assert right.json()["sid"] == fake.calls[-1].sid
    assert [c.status_code for c in fake.calls] == [401, 404, 201]


def test_photo_urls_are_served_and_every_request_is_recorded():
    fake = FakeTwilio()
    fake.register_account(SID, TOKEN)
    with fake_server(fake):
        form = fake.inbound_form(
            "https://x.example/", sender="+33600000001", to="+33700000001", body="", media=1
        )
        assert fake.media_requests == []
        httpx.get(form.params["MediaUrl0"])
    assert len(fake.media_requests) == 1


def test_after_a_send_it_reports_sent_then_delivered():
    posted: list[httpx.Request] = []

    def helpline(request: httpx.Request) -> httpx.Response:
        posted.append(request)
        return httpx.Response(200)

    fake = FakeTwilio(
        http=httpx.Client(transport=httpx.MockTransport(helpline)), auto_status=True, status_delay=0
    )
    fake.register_account(SID, TOKEN)
    auth = "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    callback = "https://helpline.example/hooks/twilio/x/status"
    status, answer = fake.create_message(
        SID,
        auth,
        {
            "To": ["+33600000001"],
            "From": ["+33700000001"],
            "Body": ["hi"],
            "StatusCallback": [callback],
        },
    )
    assert status == 201
    fake.wait_for_callbacks()

    reports = [dict(parse_qsl(r.content.decode())) for r in posted]
    assert [r["MessageStatus"] for r in reports] == ["sent", "delivered"]
    for request, report in zip(posted, reports, strict=True):
        assert str(request.url) == callback
        assert report["MessageSid"] == answer["sid"]
        assert RequestValidator(TOKEN).validate(
            callback, report, request.headers["X-Twilio-Signature"]
        )
    assert fake.status_posts == [(answer["sid"], "sent", 200), (answer["sid"], "delivered", 200)]


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"From": ["+33700000001"], "Body": ["hi"]}, 21604),
        ({"To": ["0600000001"], "From": ["+33700000001"], "Body": ["hi"]}, 21211),
        ({"To": ["+33600000001"], "Body": ["hi"]}, 21603),
        ({"To": ["+33600000001"], "From": ["+33700000001"]}, 21602),
        ({"To": ["+33600000001"], "From": ["+33700000001"], "Body": ["x" * 1601]}, 21617),
    ],
)
def test_it_refuses_what_twilio_refuses(form, code):
    fake = FakeTwilio()
    fake.register_account(SID, TOKEN)
    auth = "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    status, answer = fake.create_message(SID, auth, form)
    assert (status, answer["code"], answer["status"]) == (400, code, 400)
    assert set(answer) == {"code", "message", "more_info", "status"}
