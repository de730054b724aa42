"""signal-cli's HTTP daemon (`signal-cli daemon --http`), as Havre speaks to it.

- POST /api/v1/rpc takes one JSON-RPC 2.0 request; `send` answers
  `{"timestamp": T, "results": [{"recipientAddress": {...}, "type": "SUCCESS"}]}`.
- GET /api/v1/events?account=<number> is a server-sent event stream: each
  `receive` event's data is `{"envelope": {...}, "account": ...}`, each event
  has an id, and signal-cli keeps the last 1,000: a client that reconnects
  with `Last-Event-ID` first gets those it missed.
- GET /api/v1/check answers 200 while the daemon runs.

Signal has no message ids: a message is known by its sender and timestamp,
and a receipt names the timestamps of the messages it acknowledges.
"""

from __future__ import annotations

from typing import Final

RPC_PATH: Final = "/api/v1/rpc"
EVENTS_PATH: Final = "/api/v1/events"
CHECK_PATH: Final = "/api/v1/check"

# signal-cli's JSON-RPC error codes (besides JSON-RPC's own -32xxx).
USER_ERROR: Final = -1
IO_ERROR: Final = -3
UNTRUSTED_KEY_ERROR: Final = -4
RATE_LIMIT_ERROR: Final = -5
INTERNAL_ERROR: Final = -32603

# Per-recipient results of a send, as Havre's error codes.
RESULT_CODES: Final = {
    "NETWORK_FAILURE": ("network", True),
    "RATE_LIMIT_FAILURE": ("rate-limited", True),
    "UNREGISTERED_FAILURE": ("unregistered", False),
    "IDENTITY_FAILURE": ("untrusted-identity", False),
    "INVALID_PRE_KEY_FAILURE": ("invalid-pre-key", True),
}


def inbound_key(sender: str, timestamp: int) -> str:
    return f"in:{sender}:{timestamp}"


def outbound_key(recipient: str, timestamp: int) -> str:
    return f"out:{recipient}:{timestamp}"
