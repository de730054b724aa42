"""The ASGI guards in front of Django: forwarded headers and request body bounds.

Driven as a server drives them, with scopes and messages, around a small app
that records what reached it.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import MutableMapping
from typing import Any

import pytest

from havre.bodylimit import BodyLimit, limit_for
from havre.proxies import TrustedProxies

LIMITS = {"/hooks/": 1000, "/accounts/api/": 100, "": 50}
PROXY = (ipaddress.ip_network("10.0.0.5/32"), ipaddress.ip_network("fd00::/64"))


class Recorder:
    def __init__(self) -> None:
        self.scopes: list[MutableMapping[str, Any]] = []
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.scopes.append(scope)
        if scope["type"] == "http":
            message = await receive()
            self.bodies.append(message.get("body", b""))
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})


def http_scope(
    path: str = "/", headers: list[tuple[bytes, bytes]] | None = None, client: str = "192.0.2.1"
) -> dict[str, Any]:
    return {
        "type": "http",
        "path": path,
        "scheme": "http",
        "headers": headers or [],
        "client": (client, 5555),
    }


def run(app: Any, scope: dict[str, Any], chunks: list[bytes]) -> tuple[list[dict[str, Any]], int]:
    """Send `chunks` as the body; returns what the app sent, and how many chunks it asked for."""
    sent: list[dict[str, Any]] = []
    asked = 0

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        if asked <= len(chunks):
            return {
                "type": "http.request",
                "body": chunks[asked - 1],
                "more_body": asked < len(chunks),
            }
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent, asked


def status_of(sent: list[dict[str, Any]]) -> int:
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


# -- forwarded headers ------------------------------------------------------------


def through_proxies(
    scope: dict[str, Any], trusted: tuple[Any, ...] = PROXY
) -> MutableMapping[str, Any]:
    app = Recorder()
    run(TrustedProxies(app, trusted), scope, [b""])
    return app.scopes[0]


def test_forwarded_headers_from_an_untrusted_peer_are_dropped() -> None:
    seen = through_proxies(
        http_scope(
            headers=[
                (b"x-forwarded-for", b"203.0.113.9"),
                (b"x-forwarded-proto", b"https"),
                (b"host", b"h"),
            ]
        ),
        trusted=(),
    )
    assert seen["client"] == ("192.0.2.1", 5555)
    assert seen["scheme"] == "http"
    assert seen["headers"] == [(b"host", b"h")]


def test_a_trusted_proxy_gives_the_client_address_and_scheme() -> None:
    seen = through_proxies(
        http_scope(
            headers=[
                (b"X-Forwarded-For", b"198.51.100.7, 10.0.0.5"),
                (b"x-forwarded-proto", b"https"),
            ],
            client="10.0.0.5",
        )
    )
    # The rightmost address that is not one of our proxies is the client.
    assert seen["client"] == ("198.51.100.7", 0)
    assert seen["scheme"] == "https"
    assert all(k.lower() != b"x-forwarded-for" for k, _v in seen["headers"])


def test_addresses_a_client_wrote_itself_are_not_believed() -> None:
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the real peer.
    seen = through_proxies(
        http_scope(headers=[(b"x-forwarded-for", b"1.2.3.4, 198.51.100.8")], client="10.0.0.5")
    )
    assert seen["client"] == ("198.51.100.8", 0)
    garbled = through_proxies(
        http_scope(headers=[(b"x-forwarded-for", b"1.2.3.4, not-an-address")], client="10.0.0.5")
    )
    assert garbled["client"] == ("10.0.0.5", 5555)


def test_a_trusted_proxy_over_ipv6_and_a_secure_websocket() -> None:
    scope = http_scope(
        headers=[(b"x-forwarded-for", b"2001:db8::1"), (b"x-forwarded-proto", b"https")],
        client="fd00::2",
    )
    scope["type"] = "websocket"
    scope["scheme"] = "ws"
    app = Recorder()

    async def go() -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "websocket.connect"}

        async def send(message: dict[str, Any]) -> None:
            return None

        await TrustedProxies(app, PROXY)(scope, receive, send)

    asyncio.run(go())
    assert app.scopes[0]["client"] == ("2001:db8::1", 0)
    assert app.scopes[0]["scheme"] == "wss"


# -- body bounds ----------------------------------------------------------------------


def test_the_longest_prefix_chooses_the_bound() -> None:
    assert limit_for("/hooks/twilio/x/sms", LIMITS) == ("/hooks/", 1000)
    assert limit_for("/accounts/api/login", LIMITS) == ("/accounts/api/", 100)
    assert limit_for("/console/", LIMITS) == ("", 50)


def test_an_announced_length_over_the_bound_is_refused_unread() -> None:
    app = Recorder()
    scope = http_scope("/accounts/api/login", [(b"content-length", b"268435456")])
    sent, asked = run(BodyLimit(app, LIMITS), scope, [b"x" * 100] * 5)
    assert status_of(sent) == 413
    assert asked == 0
    assert app.scopes == []


def test_a_chunked_body_is_read_only_up_to_the_bound() -> None:
    app = Recorder()
    # 256 MiB announced by no length, in 64 KiB chunks: the guard stops after the bound.
    chunks = [b"x" * 65536] * 4096
    sent, asked = run(BodyLimit(app, {"": 200_000}), http_scope("/hooks/"), chunks)
    assert status_of(sent) == 413
    assert asked == 4  # 4 x 64 KiB is the first total over 200 000 bytes
    assert app.scopes == []


def test_a_body_within_the_bound_reaches_the_app_whole() -> None:
    app = Recorder()
    sent, _asked = run(BodyLimit(app, LIMITS), http_scope("/hooks/a"), [b"a" * 400, b"b" * 600])
    assert status_of(sent) == 200
    assert app.bodies == [b"a" * 400 + b"b" * 600]


@pytest.mark.parametrize("value", [b"12x", b"-1", b""])
def test_a_malformed_length_is_a_bad_request(value: bytes) -> None:
    app = Recorder()
    sent, _asked = run(BodyLimit(app, LIMITS), http_scope("/", [(b"content-length", value)]), [b""])
    assert status_of(sent) == 400
    assert app.scopes == []


def test_bounds_need_a_default() -> None:
    with pytest.raises(ValueError, match="default"):
        BodyLimit(Recorder(), {"/hooks/": 10})
