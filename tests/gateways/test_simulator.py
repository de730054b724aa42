"""The demo's phone simulator and the fake Twilio API mounted in the demo server."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import pytest
from django.test import Client
from django.urls import reverse

from havre.conversations.actions.channels import remove_channel
from havre.conversations.models import Direction, Message
from havre.demo.fake import demo_fake, reset_demo_fake
from havre.demo.simulator import default_phones, demo_channel
from havre.gateways.twilio.fake import FakeTwilio
from havre.vault import formats
from tests.conftest import CHANNEL_A_SID, CHANNEL_A_TOKEN
from tests.gateways.conftest import DjangoTransport

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake() -> Iterator[FakeTwilio]:
    """The demo's fake, knowing channel A's account, posting webhooks into this test."""
    reset_demo_fake()
    fake = demo_fake()
    fake.register_account(CHANNEL_A_SID, CHANNEL_A_TOKEN)
    fake.http = httpx.Client(transport=DjangoTransport())
    yield fake
    reset_demo_fake()


def send(client: Client, **data: object) -> tuple[int, dict[str, object]]:
    response = client.post(reverse("demo:send"), json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


def test_the_page_says_it_is_a_demonstration(client, fake, channel_a):
    response = client.get(reverse("demo:simulator"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is a demonstration." in page
    assert channel_a.address in page
    assert 'id="simulator-config"' in page
    assert 'id="simulator-strings"' in page
    assert "havre/simulator.js" in page
    assert '<label for="new-phone">' in page


def test_the_page_speaks_french(client, fake, channel_a):
    response = client.get(reverse("demo:simulator"), HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Ceci est une démonstration." in page
    assert '"you": "Vous"' in page  # the script's catalogue


def test_without_a_known_account_there_is_no_channel(client, channel_a):
    reset_demo_fake()
    assert demo_channel() is None
    assert "havre demo" in client.get(reverse("demo:simulator")).content.decode()
    assert send(client, phone="+33600000001", body="hi") == (409, {"error": "no_channel"})


def test_the_channel_is_the_first_live_one_the_fake_knows(fake, channel_a, channel_b):
    assert demo_channel() == channel_a
    remove_channel(channel_a)
    assert demo_channel() is None
    fake.register_account(channel_b.config["account_sid"], "b-twilio-auth-token-for-tests-00")
    assert demo_channel() == channel_b


def test_default_phones_are_fictitious_in_the_helplines_country(channel_a):
    assert default_phones(channel_a)[:2] == ["+33 6 00 00 00 01", "+33 6 00 00 00 02"]
    channel_a.address = "+15145550100"
    assert default_phones(channel_a)[0] == "+1 514 555 0101"
    assert default_phones(None)[0] == "+33 6 00 00 00 01"


def test_a_text_goes_through_the_signed_webhook_and_is_stored_sealed(
    client, fake, channel_a, keys_a
):
    status, answer = send(client, phone="+33 6 00 00 00 01", body="Allô ? 🙏", photo=True)

    assert status == 200
    assert answer["status"] == 200
    assert answer["phone"] == "+33600000001"
    message = Message.objects.get(direction=Direction.INBOUND)
    assert message.provider_id == answer["sid"]
    assert message.media_count == 1
    info = formats.message_info(keys_a.program.pk, message.conversation_id, message.pk, "in")
    assert keys_a.open(message.body_sealed, info) == "Allô ? 🙏"
    assert fake.media_requests == []

    listed = client.get(reverse("demo:messages"), {"phone": "+33600000001"}).json()
    assert [(m["direction"], m["body"], m["media"]) for m in listed["messages"]] == [
        ("in", "Allô ? 🙏", 1)
    ]
    assert listed["last"] == 1
    later = client.get(reverse("demo:messages"), {"phone": "+33600000001", "after": 1}).json()
    assert later["messages"] == []
    other = client.get(reverse("demo:messages"), {"phone": "+33600000002"}).json()
    assert other["messages"] == []


@pytest.mark.parametrize(
    "data",
    [
        {"phone": "not a phone", "body": "hi"},
        {"phone": "+33600000001", "body": ""},
        {"phone": "+33600000001", "body": "x" * 1601},
        {"phone": "+33600000001", "body": 12},
    ],
)
def test_bad_sends_are_refused(client, fake, channel_a, data):
    status, answer = send(client, **data)
    assert status == 400
    assert "error" in answer
    assert not Message.objects.exists()


def test_send_needs_the_csrf_token(fake, channel_a):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("demo:send"),
        json.dumps({"phone": "+33600000001", "body": "hi"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_the_mounted_fake_api_answers_like_twilio(client, fake):
    url = reverse("demo:twilio-messages", args=[CHANNEL_A_SID])
    auth = base64.b64encode(f"{CHANNEL_A_SID}:{CHANNEL_A_TOKEN}".encode()).decode()
    form = "To=%2B33600000001&From=%2B33700000001&Body=On+est+l%C3%A0"
    fake.auto_status = False

    wrong = client.post(
        url, form, content_type="application/x-www-form-urlencoded", HTTP_AUTHORIZATION="Basic x"
    )
    right = client.post(
        url,
        form,
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )

    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Basic")
    assert right.status_code == 201
    assert right.json()["status"] == "queued"
    assert fake.calls[-1].body == "On est là"
    replies = client.get(reverse("demo:messages"), {"phone": "+33600000001"}).json()
    assert [(m["direction"], m["body"]) for m in replies["messages"]] == [("out", "On est là")]
    photo = client.get(
        f"/simulator/twilio/2010-04-01/Accounts/{CHANNEL_A_SID}/Messages/MM1/Media/ME1"
    )
    assert photo.status_code == 404
    assert len(fake.media_requests) == 1
