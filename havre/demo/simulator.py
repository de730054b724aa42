"""What the phone simulator needs: the demo channel and a texter's default numbers."""

from __future__ import annotations

import contextlib

import phonenumbers

from havre.conversations.models import Channel
from havre.demo.fake import demo_fake

# Numbers that reach nobody: France's 06 00 00 00 xx block, and North
# America's 555-01xx lines reserved for fiction.
_FICTITIOUS = {
    1: "+1 514 555 01{:02d}",
    33: "+33 6 00 00 00 {:02d}",
}


def demo_channel() -> Channel | None:
    """The first live Twilio channel whose account the demo's fake knows."""
    accounts = set(demo_fake().accounts)
    for channel in Channel.objects.filter(provider="twilio", removed_at__isnull=True).order_by(
        "created_at"
    ):
        if channel.config.get("account_sid") in accounts:
            return channel
    return None


def default_phones(channel: Channel | None, count: int = 9) -> list[str]:
    """Fictitious texters' numbers in the helpline's own country (France otherwise)."""
    country = 33
    if channel is not None:
        with contextlib.suppress(phonenumbers.NumberParseException):
            country = phonenumbers.parse(channel.address, None).country_code or 33
    pattern = _FICTITIOUS.get(country, _FICTITIOUS[33])
    return [pattern.format(n) for n in range(1, count + 1)]


def normalise_phone(raw: object) -> str | None:
    if not isinstance(raw, str) or len(raw) > 32:
        return None
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
