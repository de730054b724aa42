"""Signal (through signal-cli) as the registry lists it: settings and gateway; no webhook."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from havre.config import is_loopback_host
from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Channel
from havre.gateways.signal.client import SignalGateway
from havre.gateways.signal.wire import EVENTS_PATH
from havre.gateways.spec import Field, NewChannel, ProviderSpec, program_number
from havre.vault.addresses import AddressKind


def _rpc_url(raw: str) -> str:
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or parts.path not in ("", "/"):
        raise ChannelError(
            "the RPC URL is signal-cli's --http address, such as http://127.0.0.1:8080"
        )
    if not is_loopback_host(parts.hostname):
        raise ChannelError(
            "signal-cli's HTTP daemon has no authentication: run it on this computer, bound to "
            "127.0.0.1, and give http://127.0.0.1:PORT"
        )
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        raise ChannelError("give the port signal-cli listens on, such as http://127.0.0.1:8080")
    return url


def validate(values: Mapping[str, str]) -> NewChannel:
    number = program_number(values.get("number", ""))
    return NewChannel(number, {"rpc_url": _rpc_url(values.get("rpc_url", ""))}, {})


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    port = urlsplit(str(channel.config["rpc_url"])).port
    return (
        "Run signal-cli's daemon for this number on this computer (see docs/channels.md):\n"
        f"  signal-cli -a {channel.address} daemon --http 127.0.0.1:{port} "
        "--receive-mode on-connection \\\n"
        "    --ignore-attachments --ignore-stories --ignore-avatars --ignore-stickers\n"
        "Havre reads its events from `havre worker` (or from `havre serve` in embedded mode),\n"
        "and sends through it; no webhook is needed."
    )


PROVIDER = ProviderSpec(
    name="signal",
    label="Signal (signal-cli daemon)",
    address_kind=AddressKind.SIGNAL,
    fields=(
        Field("rpc_url", "rpc-url", "signal-cli's --http address, e.g. http://127.0.0.1:8080"),
        Field("number", "number", "the helpline's Signal number in E.164 form"),
    ),
    validate=validate,
    gateway=SignalGateway(),
    setup=setup,
    after_removal="signal-cli still holds the account: stop its daemon if nothing else uses it.",
    summary=lambda channel: {
        "rpc_url": channel.config.get("rpc_url"),
        "events": str(channel.config.get("rpc_url", "")) + EVENTS_PATH,
    },
)
