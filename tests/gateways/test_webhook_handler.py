"""Webhooks through the ASGI application, as `havre serve` takes them.

They go their own way (`havre.hooks`): a fixed set of threads and only the
middleware a webhook needs. The answers are what the full handler gave:
stored and acknowledged, refused when unsigned, 404 for an unknown channel,
400 for a Host that is not allowed, with the security headers. Every other
request still goes through the whole middleware.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from asgiref.sync import sync_to_async

from havre.asgi import application
from havre.conversations.models import Direction, HeldText, Message
from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import FakeTwilio
from tests.conftest import CHANNEL_A_NUMBER, CHANNEL_A_SID, CHANNEL_A_TOKEN

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]

TEXTER = "+33600000001"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def signer() -> FakeTwilio:
    fake = FakeTwilio()
    fake.register_account(CHANNEL_A_SID, CHANNEL_A_TOKEN, [CHANNEL_A_NUMBER])
    return fake


def _client(host: str = "testserver") -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url=f"http://{host}"
    )


async def _post(form: Any, host: str = "testserver", **headers: str) -> httpx.Response:
    path = httpx.URL(form.url).raw_path.decode()
    async with _client(host) as client:
        return await client.post(
            path, content=form.encoded(), headers={**form.headers(), **headers}
        )


def _stored() -> tuple[int, int]:
    inbound = Message.objects.filter(direction=Direction.INBOUND).count()
    return inbound, HeldText.objects.count()


async def test_a_signed_text_is_stored_and_acknowledged_with_the_security_headers(
    channel_a, keys_a, signer
):
    url = await sync_to_async(lambda: webhook_urls(channel_a)["sms"])()
    form = signer.inbound_form(url, sender=TEXTER, to=channel_a.address, body="are you there?")
    response = await _post(form)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.headers["x-content-type-options"] == "nosniff"
    # None of the console's middleware: no session, no language, no frame policy.
    assert "set-cookie" not in response.headers
    assert "vary" not in response.headers
    assert "x-frame-options" not in response.headers
    # The text, and its welcome notices waiting for the provider.
    assert await sync_to_async(_stored)() == (1, 4)

    again = await _post(form)
    assert again.status_code == 200
    assert await sync_to_async(_stored)() == (1, 4)


async def test_an_unsigned_text_an_unknown_channel_and_a_foreign_host_are_refused(
    channel_a, keys_a, signer, settings
):
    url = await sync_to_async(lambda: webhook_urls(channel_a)["sms"])()
    form = signer.inbound_form(url, sender=TEXTER, to=channel_a.address, body="hello")
    assert (await _post(form, **{"X-Twilio-Signature": "forged"})).status_code == 403

    elsewhere = url.replace(str(channel_a.pk), str(uuid.uuid4()))
    unknown = signer.inbound_form(elsewhere, sender=TEXTER, to=channel_a.address, body="hello")
    assert (await _post(unknown)).status_code == 404

    settings.ALLOWED_HOSTS = ["havre.example"]
    assert (await _post(form, host="attacker.example")).status_code == 400
    assert await sync_to_async(_stored)() == (0, 0)


async def test_other_requests_still_go_through_the_whole_middleware(db):
    async with _client() as client:
        response = await client.get("/accounts/login/")
    # The console's own: its content security policy, frame refusal and language.
    assert "content-security-policy" in response.headers
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-language"] == "en"
