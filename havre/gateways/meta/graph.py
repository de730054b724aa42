"""Calling Meta's Graph API, which both WhatsApp and Messenger send through.

An error answer is `{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}`. Only the numeric codes are kept: the message may quote the
recipient. Rate limits, Meta's own outages and network trouble are worth
trying again; everything else is not.
"""

from __future__ import annotations

import logging
from typing import Any, Final

import httpx

from havre.gateways import http
from havre.gateways.base import SendError

logger = logging.getLogger(__name__)

GRAPH_VERSION: Final = "v25.0"
REAL_GRAPH_BASE: Final = "https://graph.facebook.com"

# Codes Meta documents as temporary: unknown/service errors, throttling, and
# WhatsApp's "something went wrong", "service unavailable" and pair rate limits.
TRANSIENT_CODES: Final = frozenset(
    {1, 2, 4, 17, 32, 341, 613, 80007, 130429, 131000, 131016, 131048, 131056, 133004}
)
# Sending outside the 24-hour window: WhatsApp's "re-engagement message", and
# Messenger's (#10) with subcode 2018278.
WINDOW_CLOSED: Final = "window-closed"
_WINDOW_ERRORS: Final = frozenset({(131047, None), (10, 2018278)})


def graph_url(path: str) -> str:
    return f"{http.api_base('graph', REAL_GRAPH_BASE)}/{GRAPH_VERSION}/{path}"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def error_of(response: httpx.Response) -> SendError:
    """Meta's error answer as a SendError: its codes only, never its message."""
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    code, subcode = _int(error.get("code")), _int(error.get("error_subcode"))
    if (code, subcode) in _WINDOW_ERRORS or (code, None) in _WINDOW_ERRORS:
        return SendError(transient=False, code=WINDOW_CLOSED)
    if code is None:
        word = f"http-{response.status_code}"
    else:
        word = str(code) if subcode is None else f"{code}.{subcode}"
    transient = response.status_code >= 500 or response.status_code == 429
    return SendError(transient=transient or code in TRANSIENT_CODES, code=word[:32])


def post(provider: str, url: str, access_token: str, payload: dict[str, Any]) -> dict[str, Any]:
    """POST JSON to the Graph API with the bearer token; the JSON answer, or SendError."""
    try:
        response = http.client(provider).post(
            url, json=payload, headers={"Authorization": f"Bearer {access_token}"}
        )
    except httpx.TimeoutException:
        raise SendError(transient=True, code="timeout") from None
    except httpx.HTTPError:
        raise SendError(transient=True, code="network") from None
    if response.status_code != 200:
        raise error_of(response)
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        # Meta may have taken the message: trying again could send it twice.
        raise SendError(transient=False, code="bad-response")
    return answer
