"""A fake Messenger Platform that speaks Meta's wire format, for tests.

It keeps Pages (their access token and app secret), answers the Send API as
Meta does (bearer token, JSON, Meta's error answers, the 24-hour window),
records every call, can fail on demand, and plays Meta's side of the
webhook: the subscription handshake, messages with attachments, deliveries,
echoes and reactions, each signed with the app secret. Any other request
(the profile API, an attachment's URL) is recorded: Havre must never make one.
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from havre.gateways.fake_http import FakeRequest, FakeResponse
from havre.gateways.messenger.wire import OBJECT
from havre.gateways.meta import fake as meta
from havre.gateways.meta.fake import SignedPost
from havre.gateways.meta.graph import GRAPH_VERSION, REAL_GRAPH_BASE

WINDOW = timedelta(hours=24)


@dataclasses.dataclass(frozen=True)
class SendCall:
    page_id: str
    access_token: str | None
    authorized: bool
    payload: Any
    status_code: int
    mid: str | None

    @property
    def to(self) -> str | None:
        recipient = self.payload.get("recipient") if isinstance(self.payload, dict) else None
        return recipient.get("id") if isinstance(recipient, dict) else None

    @property
    def body(self) -> str | None:
        message = self.payload.get("message") if isinstance(self.payload, dict) else None
        return message.get("text") if isinstance(message, dict) else None


@dataclasses.dataclass
class _Page:
    access_token: str
    app_secret: str


def new_mid() -> str:
    return "m_" + secrets.token_urlsafe(48)


class FakeMessenger:
    def __init__(
        self, base_url: str = REAL_GRAPH_BASE, *, http: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url
        self.http = http or httpx.Client(timeout=30.0)
        self.pages: dict[str, _Page] = {}
        self.calls: list[SendCall] = []
        self.lookups: list[str] = []
        self.enforce_window = True
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._failures: list[tuple[int, int, int | None]] = []
        self._last_inbound: dict[tuple[str, str], datetime] = {}
        self._lock = threading.RLock()

    def register_page(self, page_id: str, *, access_token: str, app_secret: str) -> None:
        with self._lock:
            self.pages[page_id] = _Page(access_token, app_secret)

    def fail_next(
        self, n: int = 1, *, status: int = 500, code: int = 2, subcode: int | None = None
    ) -> None:
        with self._lock:
            self._failures.extend([(status, code, subcode)] * n)

    @property
    def sent(self) -> list[SendCall]:
        with self._lock:
            return [call for call in self.calls if call.mid is not None]

    # -- the Send API ----------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        parts = request.path.strip("/").split("/")
        if request.method == "POST" and len(parts) == 3 and parts[2] == "messages":
            if parts[0] != GRAPH_VERSION:
                return meta.graph_error(400, 2635)
            return self._send(parts[1], request)
        with self._lock:
            self.lookups.append(request.path)
        return meta.graph_error(400, 100)

    def _send(self, page_id: str, request: FakeRequest) -> FakeResponse:
        token = meta.bearer(request.header("Authorization"))
        payload = request.json()
        with self._lock:
            page = self.pages.get(page_id)
            authorized = page is not None and token == page.access_token
            mid: str | None = None
            if not authorized:
                response = meta.graph_error(401, 190)
            elif self._failures:
                response = meta.graph_error(*self._failures.pop(0))
            else:
                response, mid = self._accept(page_id, payload)
            self.calls.append(SendCall(page_id, token, authorized, payload, response.status, mid))
        return response

    def _accept(self, page_id: str, payload: Any) -> tuple[FakeResponse, str | None]:
        refused = meta.graph_error(400, 100), None
        if not isinstance(payload, dict) or payload.get("messaging_type") != "RESPONSE":
            return refused
        recipient, message = payload.get("recipient"), payload.get("message")
        if not isinstance(recipient, dict) or not isinstance(message, dict):
            return refused
        psid, text = recipient.get("id"), message.get("text")
        if not isinstance(psid, str) or not isinstance(text, str) or not text or len(text) > 2000:
            return refused
        if self.enforce_window:
            last = self._last_inbound.get((page_id, psid))
            if last is None or self.clock() - last > WINDOW:
                return meta.graph_error(400, 10, 2018278), None
        mid = new_mid()
        return FakeResponse.of_json(200, {"recipient_id": psid, "message_id": mid}), mid

    # -- webhooks Meta posts -----------------------------------------------------------

    def handshake_query(self, verify_token: str, challenge: str = "1903260781") -> dict[str, str]:
        return {
            "hub.mode": "subscribe",
            "hub.challenge": challenge,
            "hub.verify_token": verify_token,
        }

    def _stamp(self) -> int:
        return int(self.clock().timestamp() * 1000)

    def _payload(self, page_id: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "object": OBJECT,
            "entry": [{"id": page_id, "time": self._stamp(), "messaging": events}],
        }

    def message(
        self, page_id: str, psid: str, *, text: str | None = None, attachments: int = 0
    ) -> dict[str, Any]:
        """One message from a person to the Page (who writes, so the window opens)."""
        message: dict[str, Any] = {"mid": new_mid()}
        if text is not None:
            message["text"] = text
        if attachments:
            message["attachments"] = [
                {
                    "type": "image",
                    "payload": {"url": f"{self.base_url}/attachment/{secrets.token_hex(8)}"},
                }
                for _ in range(attachments)
            ]
        with self._lock:
            self._last_inbound[(page_id, psid)] = self.clock()
        event = {
            "sender": {"id": psid},
            "recipient": {"id": page_id},
            "timestamp": self._stamp(),
            "message": message,
        }
        return self._payload(page_id, [event])

    def delivery(self, page_id: str, psid: str, mids: list[str]) -> dict[str, Any]:
        event = {
            "sender": {"id": psid},
            "recipient": {"id": page_id},
            "delivery": {"mids": mids, "watermark": self._stamp()},
        }
        return self._payload(page_id, [event])

    def echo(self, page_id: str, psid: str, mid: str, text: str) -> dict[str, Any]:
        event = {
            "sender": {"id": page_id},
            "recipient": {"id": psid},
            "timestamp": self._stamp(),
            "message": {"is_echo": True, "app_id": 1517776481860111, "mid": mid, "text": text},
        }
        return self._payload(page_id, [event])

    def sign(self, url: str, page_id: str, payload: dict[str, Any]) -> SignedPost:
        with self._lock:
            secret = self.pages[page_id].app_secret
        return meta.signed(url, payload, secret)

    def post(self, webhook: SignedPost) -> httpx.Response:
        return meta.post(self.http, webhook)

    def send_text(self, url: str, page_id: str, psid: str, text: str) -> httpx.Response:
        return self.post(self.sign(url, page_id, self.message(page_id, psid, text=text)))
