"""What a provider's folder declares, so that the registry can list it in one line.

Each provider folder exports one `ProviderSpec`: its name, the kind of address
its texters have, the settings `havre channel add <name>` asks for and how to
check them, its gateway (one per process), its webhook URLs, and what to tell
the operator once the channel is added.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import phonenumbers
from django.urls import URLPattern

from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Channel
from havre.gateways.base import Gateway
from havre.vault import addresses
from havre.vault.addresses import AddressKind


@dataclasses.dataclass(frozen=True)
class Field:
    """One setting of `havre channel add`: `--<flag>`, or `--<flag>-file` for a secret."""

    name: str
    flag: str
    help: str
    secret: bool = False
    required: bool = True
    # A secret read whole, newlines kept (a PEM private key), rather than one stripped line.
    multiline: bool = False


@dataclasses.dataclass(frozen=True)
class NewChannel:
    """A channel's settings once checked: its own address, public settings and credentials."""

    address: str
    config: dict[str, Any]
    secret: dict[str, str]


@dataclasses.dataclass(frozen=True)
class ProviderSpec:
    name: str
    label: str
    address_kind: AddressKind
    fields: tuple[Field, ...]
    # Checks the settings given as text; raises ChannelError saying what is wrong.
    validate: Callable[[Mapping[str, str]], NewChannel]
    gateway: Gateway
    # What to tell the operator once the channel is added: where to paste each URL.
    setup: Callable[[Channel, Mapping[str, str]], str]
    # What is left to do at the provider once the channel is removed.
    after_removal: str
    urlpatterns: tuple[URLPattern, ...] = ()
    # Each webhook's event name and its URL name in the "gateways" namespace.
    webhooks: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # The channel's public settings worth showing in `havre channel list`.
    summary: Callable[[Channel], dict[str, Any]] = lambda channel: {}
    # Whether Havre has the provider delete its record of each message once it
    # is done (the gateway's `delete_records`; see havre/gateways/deletion.py).
    deletes_records: Callable[[Channel], bool] = lambda channel: False


def program_number(raw: str) -> str:
    """The program's own number in E.164, or ChannelError."""
    try:
        return addresses.e164(raw)
    except addresses.InvalidAddressError:
        try:
            phonenumbers.parse(raw, None)
        except phonenumbers.NumberParseException:
            raise ChannelError(
                "the number must be in international form, such as +15145550100"
            ) from None
        raise ChannelError("the number is not a possible phone number") from None


def token(values: Mapping[str, str], name: str, what: str) -> str:
    """A credential given as one word, or ChannelError."""
    value = values.get(name, "").strip()
    if not value or any(c.isspace() for c in value):
        raise ChannelError(f"the {what} is empty or contains spaces")
    return value
