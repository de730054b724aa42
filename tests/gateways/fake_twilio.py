"""The `fake_twilio` fixture, for any test that sends or receives through Twilio.

Its API is served over HTTP on 127.0.0.1 with Havre pointed at it; the
webhooks it posts go into Django in the test's own thread and transaction.
Import the fixture into a conftest to use it:
`from tests.gateways.fake_twilio import fake_twilio  # noqa: F401`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.test import Client

from havre.gateways.twilio.fake import FakeTwilio
from havre.gateways.twilio.fake_server import fake_server
from tests.conftest import CHANNEL_A_NUMBER, CHANNEL_A_SID, CHANNEL_A_TOKEN

# Channel B's account, as tests/conftest.py makes it.
CHANNEL_B_SID = "AC" + "b2" * 16
CHANNEL_B_TOKEN = "b-twilio-auth-token-for-tests-00"
CHANNEL_B_NUMBER = "+33700000002"


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
def fake_twilio(settings: Any) -> Iterator[FakeTwilio]:
    """The fake Twilio, knowing channels A's and B's accounts, with Havre pointed at it."""
    fake = FakeTwilio(http=httpx.Client(transport=DjangoTransport()))
    fake.register_account(CHANNEL_A_SID, CHANNEL_A_TOKEN, [CHANNEL_A_NUMBER])
    fake.register_account(CHANNEL_B_SID, CHANNEL_B_TOKEN, [CHANNEL_B_NUMBER])
    with fake_server(fake):
        settings.HAVRE_TWILIO_API_BASE = fake.base_url
        yield fake
