"""The intake benchmark's baseline: a bare ASGI app doing the least a webhook must.

It verifies Twilio's signature exactly as Havre does (the `twilio` package's
RequestValidator over the public URL and the form), then stores the text in
one durable insert: SQLite in WAL mode with synchronous=FULL, committed before
the answer. Served by uvicorn with the options `havre serve` uses:

    BENCH_BARE_DB=... BENCH_BARE_TOKEN=... BENCH_BARE_URL=http://127.0.0.1:P \
        python -m uvicorn bench.intake.bare:app --port P --lifespan off --no-access-log
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from twilio.request_validator import RequestValidator

EMPTY_TWIML = b'<?xml version="1.0" encoding="UTF-8"?><Response/>'

_validator = RequestValidator(os.environ.get("BENCH_BARE_TOKEN", ""))
_public_url = os.environ.get("BENCH_BARE_URL", "").rstrip("/")
_lock = threading.Lock()
_db = sqlite3.connect(
    os.environ.get("BENCH_BARE_DB", ":memory:"), check_same_thread=False, isolation_level=None
)
_db.execute("PRAGMA journal_mode=WAL")
_db.execute("PRAGMA synchronous=FULL")
_db.execute(
    "CREATE TABLE IF NOT EXISTS message "
    "(id INTEGER PRIMARY KEY, provider_id TEXT UNIQUE, sender TEXT, body BLOB)"
)


def _store(params: dict[str, str]) -> None:
    with _lock:
        _db.execute("BEGIN IMMEDIATE")
        _db.execute(
            "INSERT OR IGNORE INTO message (provider_id, sender, body) VALUES (?, ?, ?)",
            (params.get("MessageSid"), params.get("From"), params.get("Body", "").encode()),
        )
        _db.execute("COMMIT")


async def app(
    scope: dict[str, Any],
    receive: Callable[[], Awaitable[dict[str, Any]]],
    send: Callable[[dict[str, Any]], Awaitable[None]],
) -> None:
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    params = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    headers = dict(scope["headers"])
    signature = headers.get(b"x-twilio-signature", b"").decode()
    path = scope["path"] + (("?" + scope["query_string"].decode()) if scope["query_string"] else "")
    status = 403
    if _validator.validate(_public_url + path, params, signature):
        await asyncio.to_thread(_store, params)
        status = 200
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/xml"),
                (b"content-length", b"%d" % len(EMPTY_TWIML)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": EMPTY_TWIML})
