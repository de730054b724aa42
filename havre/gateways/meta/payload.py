"""Reading Meta's webhook JSON (WhatsApp's and Messenger's) strictly.

Each reader takes a value from a decoded payload and returns it with the type
Meta documents, or raises `MalformedPayloadError`: a payload that is not what
Meta sends is refused whole, before anything is stored.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from havre.gateways.handling import DeliveryReport, InboundText

# Meta documents no length for its message ids (wamid..., m_...); this is generous.
MAX_ID_LENGTH: Final = 256


class MalformedPayloadError(ValueError):
    """Not a payload Meta would send; nothing of it is stored."""


@dataclasses.dataclass(frozen=True)
class Parsed:
    texts: list[InboundText]
    reports: list[DeliveryReport]


def as_list(value: object) -> list[Any]:
    """A JSON array; a missing one reads as empty."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedPayloadError
    return value


def as_dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedPayloadError
    return value


def as_str(value: object, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise MalformedPayloadError
    return value


def as_id(value: object) -> str:
    """A message id: a non-empty string of a plausible length."""
    text = as_str(value)
    if not text or len(text) > MAX_ID_LENGTH:
        raise MalformedPayloadError
    return text
