"""Calling signal-cli's JSON-RPC endpoint, and its answers as Havre's SendError."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from havre.gateways import http
from havre.gateways.base import SendError
from havre.gateways.signal.wire import (
    INTERNAL_ERROR,
    IO_ERROR,
    RATE_LIMIT_ERROR,
    RPC_PATH,
    UNTRUSTED_KEY_ERROR,
)

_TRANSIENT = {IO_ERROR: "io", RATE_LIMIT_ERROR: "rate-limited", INTERNAL_ERROR: "internal"}


class RpcError(Exception):
    def __init__(self, code: int, data: Any) -> None:
        super().__init__(f"signal-cli error {code}")
        self.code = code
        self.data = data


def call(rpc_url: str, method: str, params: dict[str, Any]) -> Any:
    """The JSON-RPC result; RpcError for signal-cli's error; SendError when it cannot be reached."""
    request = {"jsonrpc": "2.0", "method": method, "params": params, "id": str(uuid.uuid4())}
    try:
        response = http.client("signal").post(rpc_url.rstrip("/") + RPC_PATH, json=request)
    except httpx.TimeoutException:
        raise SendError(transient=True, code="timeout") from None
    except httpx.HTTPError:
        # signal-cli is not running, or restarting: the text waits.
        raise SendError(transient=True, code="network") from None
    if response.status_code != 200:
        raise SendError(transient=response.status_code >= 500, code=f"http-{response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or answer.get("id") != request["id"]:
        raise SendError(transient=False, code="bad-response")
    error = answer.get("error")
    if isinstance(error, dict):
        code = error.get("code")
        raise RpcError(code if isinstance(code, int) else INTERNAL_ERROR, error.get("data"))
    return answer.get("result")


def send_error(error: RpcError) -> SendError:
    """signal-cli's refusal of a send, as a SendError: its codes only, never its message."""
    if error.code == UNTRUSTED_KEY_ERROR:
        # Her safety number changed: someone else may hold her account now.
        return SendError(transient=False, code="untrusted-identity")
    if error.code in _TRANSIENT:
        return SendError(transient=True, code=_TRANSIENT[error.code])
    return SendError(transient=False, code=f"rpc{error.code}"[:32])
