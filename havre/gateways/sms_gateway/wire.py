"""Havre's SMS gateway protocol, version 1: signed JSON both ways.

Every request, either way, carries `X-Havre-Timestamp` (Unix seconds) and
`X-Havre-Signature: v1=<hex>`, the HMAC-SHA256 under the channel's shared
secret of the timestamp, a dot, then the raw body. A request whose timestamp
is more than five minutes away from the receiver's clock is refused, so a
captured request cannot be played again later.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from typing import Final

TIMESTAMP_HEADER: Final = "X-Havre-Timestamp"
SIGNATURE_HEADER: Final = "X-Havre-Signature"
VERSION: Final = "v1"
MAX_SKEW_SECONDS: Final = 300
MIN_SECRET_LENGTH: Final = 32

ID_RE: Final = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# A gateway's error code is kept in the database and the log: a word or a
# short number, never one with as many digits as a phone number, in case a
# gateway quotes the recipient in it.
ERROR_RE: Final = re.compile(r"(?!(?:[^0-9]*[0-9]){7})[A-Za-z0-9_-]{1,32}")
MAX_MEDIA: Final = 20

STATUSES: Final = frozenset({"sent", "delivered", "undelivered", "failed"})


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"{VERSION}={digest.hexdigest()}"


def signed_headers(secret: str, body: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if now is None else now))
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def is_signed(
    secret: str,
    timestamp: str | None,
    sent: str | None,
    body: bytes,
    *,
    now: float | None = None,
) -> bool:
    """Whether a request is signed with `secret` and recent."""
    if not secret or not timestamp or not sent:
        return False
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > MAX_SKEW_SECONDS:
        return False
    return hmac.compare_digest(sent.encode(), signature(secret, timestamp, body).encode())
