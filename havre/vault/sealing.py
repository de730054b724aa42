"""What the server itself seals and indexes: inbound texts, numbers, routes.

The server only ever encrypts to the program's public key; it cannot open
what it stores. Routes are keyed hashes under a secret kept outside the
database, so a stolen database does not map rows to numbers on its own.
"""

from __future__ import annotations

import hmac
import uuid

import phonenumbers

from havre.vault import formats, routekeys
from havre.vault.models import Epoch


class InvalidNumberError(ValueError):
    """Not a phone number we can route (the message never includes the number)."""


def normalize_number(raw: str) -> str:
    """E.164 form of an international number, as providers send it."""
    try:
        parsed = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        raise InvalidNumberError("not a phone number") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidNumberError("not a possible phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def route_for(program_id: uuid.UUID | str, e164: str) -> str:
    """The route under the current route key: what a new conversation is filed under."""
    return formats.route(routekeys.keyring().current.secret, str(program_id), e164)


def routes_for(program_id: uuid.UUID | str, e164: str) -> list[tuple[int, str]]:
    """(key generation, route) under each route key in use: the current one first.

    A lookup tries them all; a new conversation takes the first.
    """
    return [
        (key.generation, formats.route(key.secret, str(program_id), e164))
        for key in routekeys.keyring().candidates()
    ]


def routes_match(expected: str | None, candidate: str) -> bool:
    return expected is not None and hmac.compare_digest(expected, candidate)


def route_matches(expected: str | None, program_id: uuid.UUID | str, e164: str) -> bool:
    """Whether a stored route is this address's, under any route key in use."""
    return any(routes_match(expected, route) for _, route in routes_for(program_id, e164))


def current_epoch(program_id: uuid.UUID) -> Epoch | None:
    """The epoch that new texts and numbers are sealed to, or None before the key ceremony."""
    return (
        Epoch.objects.filter(program_id=program_id, retired_at__isnull=True)
        .order_by("-number")
        .first()
    )


def number_info(program_id: uuid.UUID | str, conversation_id: uuid.UUID | str) -> bytes:
    return formats.info("number", str(program_id), str(conversation_id))


def code_word_info(program_id: uuid.UUID | str, conversation_id: uuid.UUID | str) -> bytes:
    """Info of a conversation's code word, which the advocate's browser seals and opens."""
    return formats.info("codeword", str(program_id), str(conversation_id))


def block_label_info(program_id: uuid.UUID | str, block_id: uuid.UUID | str) -> bytes:
    """Info of the label staff write to recognise a blocked number, sealed by their browser."""
    return formats.info("block", str(program_id), str(block_id))


def note_info(
    program_id: uuid.UUID | str, conversation_id: uuid.UUID | str, note_id: uuid.UUID | str
) -> bytes:
    """Info of a staff note (a handoff note), sealed by its author's browser to the program key.

    The browser builds the same bytes with crypto.ts `info("note", ...)`.
    """
    return formats.info("note", str(program_id), str(conversation_id), str(note_id))


def seal_number(epoch: Epoch, conversation_id: uuid.UUID, e164: str) -> bytes:
    return formats.seal(
        bytes(epoch.public_key), e164.encode(), number_info(epoch.program_id, conversation_id)
    )


def seal_message(
    epoch: Epoch, conversation_id: uuid.UUID, message_id: uuid.UUID, direction: str, text: str
) -> bytes:
    return formats.seal(
        bytes(epoch.public_key),
        text.encode(),
        formats.message_info(epoch.program_id, conversation_id, message_id, direction),
    )
