"""Texters' addresses on every channel: what is sealed, routed and blocked.

A texter is reached at an address whose kind depends on the channel: a phone
number (SMS), a WhatsApp id (the phone number WhatsApp gives, or the
business-scoped user id it gives instead when she hides her number), a
Messenger page-scoped id, or a Signal account (its UUID, or its number when
Signal gives no UUID), or a web chat session's id. Each kind has one canonical text form: the one sealed to
the program key, the one the advocate's browser sends back with a reply, and
the one routes and blocks are computed from.

Routes keep the kinds apart: her WhatsApp conversation and her SMS
conversation are two conversations, each answered on its own channel, since
she chose the channel. Blocks join what is one phone: a number blocked on SMS
is blocked on WhatsApp and on Signal too, because an abusive contact who is
blocked on one app would otherwise simply switch.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from enum import StrEnum
from typing import Final

import phonenumbers


class AddressKind(StrEnum):
    PHONE = "phone"
    WHATSAPP = "whatsapp"
    MESSENGER = "messenger"
    SIGNAL = "signal"
    # A visitor of the program's web chat: the id of her chat session, which
    # her browser holds in memory only (see havre.chat).
    WEBCHAT = "webchat"


class InvalidAddressError(ValueError):
    """Not an address of this kind (the message never quotes the address)."""


# WhatsApp's business-scoped user id: a country code, a dot, then letters and
# digits (a parent id shared across a group of businesses has "ENT." inside).
_BSUID_RE: Final = re.compile(r"[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}")
_PSID_RE: Final = re.compile(r"[0-9]{1,32}")
_DIGITS_RE: Final = re.compile(r"[0-9]{2,15}")

# Meta lets a business answer only within 24 hours of the person's last message.
_REPLY_WINDOWS: Final = {
    AddressKind.WHATSAPP: timedelta(hours=24),
    AddressKind.MESSENGER: timedelta(hours=24),
}


def e164(raw: str) -> str:
    """E.164 form of an international phone number, or InvalidAddressError."""
    try:
        parsed = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        raise InvalidAddressError("not a phone number") from None
    # Possible rather than valid: numbering plans change faster than the
    # metadata, and the provider has already delivered from this number.
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidAddressError("not a possible phone number")
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def normalize(kind: AddressKind | str, raw: str) -> str:
    """The canonical form of an address of this kind, or InvalidAddressError."""
    if not isinstance(raw, str):
        raise InvalidAddressError("not an address")
    raw = raw.strip()
    kind = AddressKind(kind)
    if kind is AddressKind.WHATSAPP:
        if _BSUID_RE.fullmatch(raw):
            return raw
        # WhatsApp writes its ids as the number's digits, without "+".
        if _DIGITS_RE.fullmatch(raw):
            raw = "+" + raw
        if not raw.startswith("+"):
            raise InvalidAddressError("not a WhatsApp id")
    elif kind is AddressKind.MESSENGER:
        if not _PSID_RE.fullmatch(raw):
            raise InvalidAddressError("not a page-scoped id")
        return raw
    elif kind is AddressKind.WEBCHAT:
        try:
            session = uuid.UUID(raw)
        except ValueError:
            raise InvalidAddressError("not a chat session") from None
        if str(session) != raw:
            raise InvalidAddressError("not a chat session")
        return raw
    elif kind is AddressKind.SIGNAL and not raw.startswith("+"):
        try:
            parsed = uuid.UUID(raw)
        except ValueError:
            raise InvalidAddressError("not a Signal account") from None
        if str(parsed) != raw.lower():
            raise InvalidAddressError("not a Signal account")
        return str(parsed)
    return e164(raw)


def is_phone_number(address: str) -> bool:
    return address.startswith("+")


def route_subject(kind: AddressKind | str, address: str) -> str:
    """What the route index is computed from: kinds never share a route.

    SMS keeps the bare number, so routes made before other channels existed
    still find their conversations.
    """
    kind = AddressKind(kind)
    if kind is AddressKind.PHONE:
        return address
    return f"{kind.value}:{address}"


def block_subject(kind: AddressKind | str, address: str) -> str:
    """What the block index is computed from: a phone number is one, on any app."""
    if is_phone_number(address):
        return address
    return f"{AddressKind(kind).value}:{address}"


def reply_window(kind: AddressKind | str) -> timedelta | None:
    """How long after the texter's last message a reply may go, when the channel limits it."""
    return _REPLY_WINDOWS.get(AddressKind(kind))
