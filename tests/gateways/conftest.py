"""The gateway tests' fake Twilio (see fake_twilio.py) and sample payloads."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from havre.conversations.models import Channel
from havre.gateways.twilio.fake import FakeTwilio, SignedForm, twilio_signature
from tests.gateways.fake_twilio import DjangoTransport, fake_twilio  # noqa: F401

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "twilio" / "fixtures"


@pytest.fixture(name="twilio")
def _twilio(fake_twilio: FakeTwilio) -> FakeTwilio:  # noqa: F811 (the fixture, by name)
    return fake_twilio


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


from tests.gateways.fakes import (  # noqa: E402, F401
    fake_messenger,
    fake_signal,
    fake_sms_gateway,
    fake_vonage,
    fake_whatsapp,
    gateway_a,
    graph,
    messenger_a,
    messenger_b,
    reply_on,
    signal_a,
    vonage_a,
    vonage_b,
    whatsapp_a,
    whatsapp_b,
)
