"""Forwarded headers, believed only from the proxies the operator named.

`HAVRE_TRUSTED_PROXIES` lists the addresses (or ranges) of the reverse proxies
in front of Havre; none by default. A request whose peer is one of them gets
its client address from `X-Forwarded-For` (the rightmost address that is not
itself a trusted proxy) and its scheme from `X-Forwarded-Proto`. From any
other peer, these headers are dropped, so that no local process or distant
client can pose as many addresses (which sign-in counts) or claim https.

Applied to the ASGI scope before Django sees the request, and the headers are
removed either way: Django never reads them itself (no SECURE_PROXY_SSL_HEADER).
`havre serve` turns uvicorn's own handling off, which by default would believe
these headers from 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

type Scope = MutableMapping[str, Any]
type Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
type Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
type ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
type Network = ipaddress.IPv4Network | ipaddress.IPv6Network

FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto", b"forwarded"})


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def settle(scope: Scope, trusted: tuple[Network, ...]) -> Scope:
    """A copy of `scope` with the client and scheme a trusted proxy reported, and no forwarded headers."""
    headers = scope.get("headers", [])
    forwarded_for = b",".join(v for k, v in headers if k.lower() == b"x-forwarded-for")
    forwarded_proto = [v for k, v in headers if k.lower() == b"x-forwarded-proto"]
    settled = dict(scope)
    settled["headers"] = [(k, v) for k, v in headers if k.lower() not in FORWARDED]
    client = scope.get("client")
    peer = _address(client[0]) if client else None

    def is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in network for network in trusted)

    if peer is None or not is_trusted(peer):
        return settled
    hops = [h for h in forwarded_for.decode("latin-1").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Whatever lies left of a garbled entry was not written by our proxies.
            break
        settled["client"] = (str(address), 0)
        if not is_trusted(address):
            break
    if forwarded_proto:
        # The last value is the one our own proxy wrote.
        proto = forwarded_proto[-1].decode("latin-1").split(",")[-1].strip().lower()
        if proto in {"http", "https"}:
            secure = proto == "https"
            if scope["type"] == "websocket":
                settled["scheme"] = "wss" if secure else "ws"
            else:
                settled["scheme"] = proto
    return settled


class TrustedProxies:
    def __init__(self, app: ASGIApp, trusted: tuple[Network, ...]) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"}:
            scope = settle(scope, self.trusted)
        await self.app(scope, receive, send)
