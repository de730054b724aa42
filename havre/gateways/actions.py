"""Adding a channel: each provider's credentials checked before they are stored.

The channel itself, its boxed credentials and their removal are kept by
`havre.conversations.actions.channels`; this door knows what a provider's
account and number look like.
"""

from __future__ import annotations

import phonenumbers

from havre.accounts.models import Program
from havre.conversations.actions.channels import ChannelError, store_channel
from havre.conversations.models import Channel
from havre.gateways.base import Provider
from havre.gateways.twilio.wire import ACCOUNT_SID_RE

__all__ = ["ChannelError", "add_channel", "normalise_address"]


def normalise_address(address: str) -> str:
    """The program's number in E.164, or ChannelError."""
    try:
        number = phonenumbers.parse(address, None)
    except phonenumbers.NumberParseException:
        raise ChannelError(
            "the number must be in international form, such as +15145550100"
        ) from None
    # Possible rather than valid: numbering plans change faster than the
    # metadata, and the provider has already accepted this number.
    if not phonenumbers.is_possible_number(number):
        raise ChannelError("the number is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def add_channel(
    program: Program, provider: str, *, address: str, account_sid: str, auth_token: str
) -> Channel:
    if provider != Provider.TWILIO:
        raise ChannelError(f"unknown provider {provider!r}")
    address = normalise_address(address)
    account_sid = account_sid.strip()
    auth_token = auth_token.strip()
    if not ACCOUNT_SID_RE.fullmatch(account_sid):
        raise ChannelError("a Twilio account SID is AC followed by 32 hexadecimal digits")
    if not auth_token or any(c.isspace() for c in auth_token):
        raise ChannelError("the auth token is empty or contains spaces")
    return store_channel(
        program,
        provider,
        address=address,
        config={"account_sid": account_sid},
        secret={"auth_token": auth_token},
    )
