"""Request bodies over a bound are refused before they are read or spooled.

Django's ASGI handler reads a whole body before any view runs, spooling
what passes 2.5 MB to a temporary file, whatever its size; nothing of that
depends on who sent it. This guard sits in front of it: a body announced
larger than the bound for its path is answered 413 at once, unread; a body
sent without a length (chunked) is read only up to the bound, then answered
413 and left. Within the bound, the body is handed on from memory.

Bounds per path prefix, from the settings (`HAVRE_BODY_LIMITS`): provider
webhooks, the console's API, sign-in; everything else gets the smallest.
Nothing of the request (its path may hold a sign-up token) is logged but
the prefix whose bound it crossed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

type Scope = MutableMapping[str, Any]
type Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
type Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
type ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger(__name__)


def limit_for(path: str, limits: Mapping[str, int]) -> tuple[str, int]:
    """The longest prefix of `path` with a bound, and the bound ("" is the default)."""
    best = ""
    for prefix in limits:
        if prefix and path.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return best, limits[best]


async def refuse(send: Send, status: int, code: str) -> None:
    body = json.dumps({"error": code}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, limits: Mapping[str, int]) -> None:
        if "" not in limits:
            raise ValueError("the limits need a default, under the prefix ''")
        self.app = app
        self.limits = dict(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        prefix, limit = limit_for(scope.get("path", ""), self.limits)
        announced = [v for k, v in scope.get("headers", []) if k.lower() == b"content-length"]
        if announced:
            text = announced[0].decode("latin-1").strip()
            if len(announced) > 1 or not text.isdigit():
                await refuse(send, 400, "bad_content_length")
                return
            if int(text) > limit:
                self._refused(prefix, limit)
                await refuse(send, 413, "too_large")
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                # The client left before the body ended: let the app see that.
                await self.app(scope, _replay([], message, receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                self._refused(prefix, limit)
                await refuse(send, 413, "too_large")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([whole], None, receive), send)

    @staticmethod
    def _refused(prefix: str, limit: int) -> None:
        logger.warning("request body refused: over %d bytes under %r", limit, prefix or "/")


def _replay(
    first: list[MutableMapping[str, Any]], then: MutableMapping[str, Any] | None, receive: Receive
) -> Receive:
    queued = [*first, *([then] if then is not None else [])]

    async def replayed() -> MutableMapping[str, Any]:
        if queued:
            return queued.pop(0)
        return await receive()

    return replayed
