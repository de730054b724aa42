"""A fake Twilio for the gateway tests: its API served over HTTP on 127.0.0.1,
and its webhooks posted into Django in this thread, inside the test's
transaction, through Django's test client.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from django.test import Client

from havre.gateways.models import Channel
from havre.gateways.twilio.fake import FakeTwilio, SignedForm, twilio_signature
from havre.gateways.twilio.fake_server import fake_server
from tests.conftest import CHANNEL_A_SID

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "twilio" / "fixtures"


class DjangoTransport(httpx.BaseTransport):
    """Hands httpx requests to Django's test client, so they run in the test's transaction."""

    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        skip = {"content-type", "content-length", "host"}
        response = self.client.generic(
            request.method,
            request.url.raw_path.decode("ascii"),
            data=request.read(),
            content_type=request.headers.get("content-type", ""),
            headers={k: v for k, v in request.headers.items() if k.lower() not in skip},
        )
        return httpx.Response(
            response.status_code, headers=dict(response.items()), content=response.content
        )


@pytest.fixture
def twilio(settings: Any, channel_a_token: str) -> Iterator[FakeTwilio]:
    """The fake Twilio, knowing channel A's account, with Havre pointed at it."""
    fake = FakeTwilio(http=httpx.Client(transport=DjangoTransport()))
    fake.register_account(CHANNEL_A_SID, channel_a_token)
    with fake_server(fake):
        settings.HAVRE_TWILIO_API_BASE = fake.base_url
        yield fake


def fixture_form(name: str, **changes: str) -> dict[str, str]:
    """A sample webhook body from the fixtures, with some fields replaced."""
    params = dict(parse_qsl((FIXTURES / name).read_text(), keep_blank_values=True))
    params.update(changes)
    return params


def signed(url: str, params: dict[str, str], token: str) -> SignedForm:
    return SignedForm(url, params, twilio_signature(token, url, params))


def for_channel(channel: Channel, name: str, **changes: str) -> dict[str, str]:
    """A fixture form addressed to `channel`'s account and number."""
    base = {"AccountSid": str(channel.config["account_sid"])}
    if name.startswith("sms_"):
        base["To"] = channel.address
    else:
        base["From"] = channel.address
    return fixture_form(name, **{**base, **changes})
