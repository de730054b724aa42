"""Fixtures for the fake providers other than Twilio, and channels of programs A and B on them.

Each fake's API is served over HTTP on 127.0.0.1 with Havre pointed at it;
the webhooks it posts go into Django in the test's own thread and
transaction. Import the fixtures into a conftest to use them.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from havre import intake
from havre.accounts.models import Program
from havre.conversations import actions as conversations
from havre.conversations.models import Channel, Delivery, Message
from havre.gateways.actions import add_channel
from havre.gateways.fake_http import serve
from havre.gateways.messenger.fake import FakeMessenger
from havre.gateways.meta.fake import GraphRouter
from havre.gateways.refs import provider_ref
from havre.gateways.registry import webhook_urls
from havre.gateways.signal.fake import FakeSignalCli
from havre.gateways.sms_gateway.fake import FakeSmsGateway
from havre.gateways.vonage.fake import FakeVonage
from havre.gateways.whatsapp.fake import FakeWhatsApp
from havre.vault import addresses
from tests.gateways.fake_twilio import DjangoTransport

WHATSAPP_A = {
    "phone_number_id": "106540352242922",
    "access_token": "EAAwhatsapp-access-token-of-a-0001",
    "app_secret": "0f5c2b8e4a1d9c7b3e6f8a2d4c1b9e7a",
    "verify_token": "refuge-a-verify",
    "number": "+15550783881",
}
WHATSAPP_B = {
    "phone_number_id": "117650463353033",
    "access_token": "EAAwhatsapp-access-token-of-b-0002",
    "app_secret": "1a6d3c9f5b2e0d8c4f7a9b3e5d2c0f8b",
    "verify_token": "refuge-b-verify",
    "number": "+15550783882",
}

MESSENGER_A = {
    "page_id": "107223471209548",
    "page_access_token": "EAAmessenger-page-token-of-a-0001",
    "app_secret": "7c3e9a1f5d2b8c4e6a0f9d3b7e1c5a2f",
    "verify_token": "page-a-verify",
}
MESSENGER_B = {
    "page_id": "118334582310659",
    "page_access_token": "EAAmessenger-page-token-of-b-0002",
    "app_secret": "8d4f0b2a6e3c9d5f7b1a0e4c8f2d6b3a",
    "verify_token": "page-b-verify",
}

GATEWAY_SECRET = "a-shared-secret-of-forty-characters-0001"
GATEWAY_NUMBER = "+33700000011"

SIGNAL_NUMBER = "+15550101000"


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@functools.cache
def vonage_account(which: str) -> dict[str, str]:
    """Channel A's or B's Vonage settings, with an RSA key made once per test run."""
    if which == "a":
        return {
            "application_id": "aaaa1111-2222-4333-8444-555566667777",
            "private_key": _rsa_pem(),
            "signature_secret": "vonage-signature-secret-of-program-a-0001",
            "number": "+447700900000",
            "api_key": "a1b2c3d4",
            "api_secret": "vonage-api-secret-a",
        }
    return {
        "application_id": "bbbb1111-2222-4333-8444-555566667777",
        "private_key": _rsa_pem(),
        "signature_secret": "vonage-signature-secret-of-program-b-0002",
        "number": "+447700900001",
        "api_key": "e5f6a7b8",
        "api_secret": "vonage-api-secret-b",
    }


def django_http() -> httpx.Client:
    return httpx.Client(transport=DjangoTransport())


@pytest.fixture
def graph(settings: Any) -> Iterator[GraphRouter]:
    """Meta's Graph API address, served on 127.0.0.1, shared by the fake WhatsApp and Messenger."""
    with serve(GraphRouter()) as router:
        settings.HAVRE_API_BASES = {**settings.HAVRE_API_BASES, "graph": router.base_url}
        yield router


@pytest.fixture
def fake_whatsapp(graph: GraphRouter) -> FakeWhatsApp:
    """The fake WhatsApp, knowing channels A's and B's numbers, with Havre pointed at it."""
    fake = FakeWhatsApp(http=django_http())
    for account in (WHATSAPP_A, WHATSAPP_B):
        fake.register_number(
            account["phone_number_id"],
            access_token=account["access_token"],
            app_secret=account["app_secret"],
            display_number=account["number"],
        )
    graph.add(fake)
    return fake


@pytest.fixture
def fake_messenger(graph: GraphRouter) -> FakeMessenger:
    """The fake Messenger, knowing channels A's and B's Pages, with Havre pointed at it."""
    fake = FakeMessenger(http=django_http())
    for page in (MESSENGER_A, MESSENGER_B):
        fake.register_page(
            page["page_id"], access_token=page["page_access_token"], app_secret=page["app_secret"]
        )
    graph.add(fake)
    return fake


@pytest.fixture
def fake_vonage(settings: Any) -> Iterator[FakeVonage]:
    """The fake Vonage, knowing channels A's and B's applications, with Havre pointed at it."""
    fake = FakeVonage(http=django_http())
    for which in ("a", "b"):
        account = vonage_account(which)
        fake.register(
            application_id=account["application_id"],
            private_key_pem=account["private_key"],
            api_key=account["api_key"],
            api_secret=account["api_secret"],
            signature_secret=account["signature_secret"],
            number=account["number"],
        )
    with serve(fake):
        settings.HAVRE_API_BASES = {**settings.HAVRE_API_BASES, "vonage": fake.base_url}
        yield fake


@pytest.fixture
def fake_sms_gateway() -> Iterator[FakeSmsGateway]:
    """The phone's side of the protocol, served on 127.0.0.1, sharing channel A's secret."""
    with serve(FakeSmsGateway(GATEWAY_SECRET, GATEWAY_NUMBER, http=django_http())) as fake:
        yield fake


@pytest.fixture
def gateway_a(program_a: Program, fake_sms_gateway: FakeSmsGateway) -> Channel:
    values = {"send_url": fake_sms_gateway.send_url, "secret": GATEWAY_SECRET}
    return _add(program_a, "gateway", {**values, "number": GATEWAY_NUMBER})


@pytest.fixture
def fake_signal() -> Iterator[FakeSignalCli]:
    """A fake signal-cli daemon for channel A's Signal number, served on 127.0.0.1."""
    fake = FakeSignalCli(SIGNAL_NUMBER)
    with serve(fake):
        try:
            yield fake
        finally:
            fake.close()


@pytest.fixture
def signal_a(program_a: Program, fake_signal: FakeSignalCli) -> Channel:
    return _add(program_a, "signal", {"rpc_url": fake_signal.base_url, "number": SIGNAL_NUMBER})


def _add(program: Program, provider: str, values: dict[str, str]) -> Channel:
    return add_channel(program, provider, **values)


@pytest.fixture
def whatsapp_a(program_a: Program) -> Channel:
    return _add(program_a, "whatsapp", WHATSAPP_A)


@pytest.fixture
def whatsapp_b(program_b: Program) -> Channel:
    return _add(program_b, "whatsapp", WHATSAPP_B)


@pytest.fixture
def messenger_a(program_a: Program) -> Channel:
    return _add(program_a, "messenger", MESSENGER_A)


@pytest.fixture
def messenger_b(program_b: Program) -> Channel:
    return _add(program_b, "messenger", MESSENGER_B)


@pytest.fixture
def vonage_a(program_a: Program) -> Channel:
    return _add(program_a, "vonage", vonage_account("a"))


@pytest.fixture
def vonage_b(program_b: Program) -> Channel:
    return _add(program_b, "vonage", vonage_account("b"))


def url_of(channel: Channel, event: str = "webhook") -> str:
    return webhook_urls(channel)[event]


@pytest.fixture
def reply_on(alice: Any) -> Any:
    """A reply the provider accepted under `raw_id`, in a conversation opened by `sender`.

    The reply is queued by the real action; only its hand-over to the
    provider is stood in for, so that a sample payload's id can match it.
    """

    def make(channel: Channel, raw_id: str, sender: str = "16505551234") -> Any:
        message, _ = intake.receive_inbound(
            channel, provider_id=provider_ref(channel.pk, "setup"), sender=sender, body="help"
        )
        assert message is not None
        conversation = message.conversation
        reply = conversations.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="We are here.",
            body_sealed=b"sealed by the browser" * 4,
            number=addresses.normalize(channel.address_kind, sender),
            epoch=1,
        )
        Message.objects.filter(pk=reply.pk).update(
            status=Delivery.SENDING, provider_id=provider_ref(channel.pk, raw_id)
        )
        reply.refresh_from_db()
        return reply

    return make
