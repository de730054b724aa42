"""A fake SMS gateway (the phone's side of Havre's protocol), for tests.

It takes Havre's signed sends on POST /send (refusing a bad or stale
signature as a gateway must), records them, can fail or slow down on
demand, and posts texts and delivery reports to Havre's webhooks, signed with
the shared secret. Its signing is written from the protocol's description,
not with Havre's own module, so that the two check each other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import threading
import time
from typing import Any

import httpx

from havre.gateways.fake_http import FakeRequest, FakeResponse


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Havre-Timestamp": stamp,
        "X-Havre-Signature": f"v1={mac}",
    }


@dataclasses.dataclass(frozen=True)
class SendCall:
    authorized: bool
    payload: Any
    status_code: int
    gateway_id: str | None

    @property
    def to(self) -> str | None:
        return self.payload.get("to") if isinstance(self.payload, dict) else None

    @property
    def body(self) -> str | None:
        return self.payload.get("text") if isinstance(self.payload, dict) else None


class FakeSmsGateway:
    def __init__(self, secret: str, number: str, *, http: httpx.Client | None = None) -> None:
        self.secret = secret
        self.number = number
        self.base_url = ""
        self.http = http or httpx.Client(timeout=30.0)
        self.calls: list[SendCall] = []
        self.delay = 0.0
        # Some gateways build their ids from the number (here: digits, then a count).
        self.ids_from_number = False
        self._failures: list[tuple[int, dict[str, Any]]] = []
        self._sent: dict[str, dict[str, Any]] = {}
        self._lock = threading.RLock()

    @property
    def send_url(self) -> str:
        return f"{self.base_url}/send"

    def fail_next(self, n: int = 1, *, status: int = 503, error: str | None = None) -> None:
        with self._lock:
            self._failures.extend([(status, {"error": error} if error else {})] * n)

    @property
    def sent(self) -> list[SendCall]:
        with self._lock:
            return [c for c in self.calls if c.gateway_id is not None]

    def _authorized(self, request: FakeRequest) -> bool:
        stamp = request.header("X-Havre-Timestamp") or ""
        sent = request.header("X-Havre-Signature") or ""
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > 300:
            return False
        expected = sign(self.secret, request.body, int(stamp))["X-Havre-Signature"]
        return hmac.compare_digest(sent, expected)

    def handle(self, request: FakeRequest) -> FakeResponse:
        if self.delay:
            time.sleep(self.delay)
        if request.method != "POST" or request.path != "/send":
            return FakeResponse.of_json(404, {"error": "not_found"})
        payload = request.json()
        with self._lock:
            authorized = self._authorized(request)
            gateway_id: str | None = None
            if not authorized:
                response = FakeResponse.of_json(401, {"error": "bad_signature"})
            elif self._failures:
                response = FakeResponse.of_json(*self._failures.pop(0))
            elif not isinstance(payload, dict) or not payload.get("to") or not payload.get("text"):
                response = FakeResponse.of_json(400, {"error": "bad_request"})
            else:
                gateway_id = self._new_id("gw", str(payload["to"]))
                self._sent[gateway_id] = payload
                response = FakeResponse.of_json(202, {"id": gateway_id})
            self.calls.append(SendCall(authorized, payload, response.status, gateway_id))
        return response

    # -- what the phone posts to Havre ------------------------------------------------

    def post(
        self, url: str, payload: dict[str, Any], *, timestamp: int | None = None
    ) -> httpx.Response:
        try:
            body = json.dumps(payload, ensure_ascii=False).encode()
        except UnicodeEncodeError:  # text that is not Unicode can only travel escaped
            body = json.dumps(payload).encode()
        return self.http.post(url, content=body, headers=sign(self.secret, body, timestamp))

    def inbound_payload(self, sender: str, text: str, media: int = 0) -> dict[str, Any]:
        return {
            "id": self._new_id("in", sender),
            "from": sender,
            "to": self.number,
            "text": text,
            "media": media,
            "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }

    def _new_id(self, kind: str, number: str) -> str:
        if self.ids_from_number:
            return f"{number.lstrip('+')}-{kind}-{len(self.calls)}-{secrets.randbelow(10**6)}"
        return f"{kind}-{secrets.token_hex(8)}"

    def send_text(self, url: str, sender: str, text: str, media: int = 0) -> httpx.Response:
        return self.post(url, self.inbound_payload(sender, text, media))

    def post_status(
        self, gateway_id: str, status: str, *, error: str | None = None
    ) -> httpx.Response:
        with self._lock:
            url = str(self._sent[gateway_id]["status_url"])
        payload: dict[str, Any] = {"id": gateway_id, "status": status}
        if error:
            payload["error"] = error
        return self.post(url, payload)
