"""A fake WhatsApp Cloud API that speaks Meta's wire format, for tests.

It keeps business phone numbers (their access token and app secret), answers
the Graph API's messages endpoint as Meta does (bearer token, JSON, Meta's
error answers, the 24-hour customer-service window), records every call, can
fail or slow down on demand, and plays Meta's side of the webhook: the
subscription handshake, texts and other message types with the sender's
profile name, and statuses, each signed with the app secret. Any request for
a media id is recorded: Havre must never make one.
"""

from __future__ import annotations

import base64
import dataclasses
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from havre.gateways.fake_http import FakeRequest, FakeResponse
from havre.gateways.meta import fake as meta
from havre.gateways.meta.fake import SignedPost
from havre.gateways.meta.graph import GRAPH_VERSION, REAL_GRAPH_BASE
from havre.gateways.whatsapp.wire import OBJECT

WINDOW = timedelta(hours=24)


@dataclasses.dataclass(frozen=True)
class SendCall:
    """One request to /<phone number id>/messages, as the fake received it."""

    phone_number_id: str
    access_token: str | None
    authorized: bool
    payload: Any
    status_code: int
    wamid: str | None

    @property
    def to(self) -> str | None:
        if not isinstance(self.payload, dict):
            return None
        return self.payload.get("to") or self.payload.get("recipient")

    @property
    def body(self) -> str | None:
        text = self.payload.get("text") if isinstance(self.payload, dict) else None
        return text.get("body") if isinstance(text, dict) else None


@dataclasses.dataclass
class _Number:
    access_token: str
    app_secret: str
    display_number: str
    waba_id: str


def new_wamid(digits: str, *, inbound: bool) -> str:
    """A message id shaped as Meta's: base64 of a structure that holds the user's number."""
    user = digits.encode()
    tail = secrets.token_hex(10).upper().encode()
    raw = (
        b"\x1c\x18"
        + bytes([len(user)])
        + user
        + b"\x15\x02\x00"
        + (b"\x12" if inbound else b"\x11")
        + b"\x18"
        + bytes([len(tail)])
        + tail
        + b"\x00"
    )
    return "wamid." + base64.b64encode(raw).decode()


class FakeWhatsApp:
    def __init__(
        self, base_url: str = REAL_GRAPH_BASE, *, http: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url
        self.http = http or httpx.Client(timeout=30.0)
        self.numbers: dict[str, _Number] = {}
        self.calls: list[SendCall] = []
        self.media_requests: list[str] = []
        self.enforce_window = True
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.delay = 0.0
        self._failures: list[tuple[int, int, int | None]] = []
        self._last_inbound: dict[tuple[str, str], datetime] = {}
        self._sent: dict[str, tuple[str, str]] = {}
        self._lock = threading.RLock()

    # -- set-up -------------------------------------------------------------------

    def register_number(
        self,
        phone_number_id: str,
        *,
        access_token: str,
        app_secret: str,
        display_number: str,
        waba_id: str = "102290129340398",
    ) -> None:
        with self._lock:
            self.numbers[phone_number_id] = _Number(
                access_token, app_secret, display_number.removeprefix("+"), waba_id
            )

    def fail_next(
        self, n: int = 1, *, status: int = 500, code: int = 131000, subcode: int | None = None
    ) -> None:
        """Answer the next `n` sends with this HTTP status and Meta error code."""
        with self._lock:
            self._failures.extend([(status, code, subcode)] * n)

    @property
    def sent(self) -> list[SendCall]:
        """The sends Meta accepted: the messages that would reach a phone."""
        with self._lock:
            return [call for call in self.calls if call.wamid is not None]

    # -- the Graph API ---------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        if self.delay:
            time.sleep(self.delay)
        parts = request.path.strip("/").split("/")
        if request.method == "POST" and len(parts) == 3 and parts[2] == "messages":
            if parts[0] != GRAPH_VERSION:
                return meta.graph_error(400, 2635)
            return self._send(parts[1], request)
        with self._lock:
            self.media_requests.append(request.path)
        return meta.graph_error(404, 100)

    def _send(self, phone_number_id: str, request: FakeRequest) -> FakeResponse:
        token = meta.bearer(request.header("Authorization"))
        payload = request.json()
        with self._lock:
            number = self.numbers.get(phone_number_id)
            authorized = number is not None and token == number.access_token
            wamid: str | None = None
            if not authorized:
                response = meta.graph_error(401, 190)
            elif self._failures:
                response = meta.graph_error(*self._failures.pop(0))
            else:
                response, wamid = self._accept(phone_number_id, payload)
            self.calls.append(
                SendCall(phone_number_id, token, authorized, payload, response.status, wamid)
            )
        return response

    def _accept(self, phone_number_id: str, payload: Any) -> tuple[FakeResponse, str | None]:
        refused = meta.graph_error(400, 100), None
        if not isinstance(payload, dict) or payload.get("messaging_product") != "whatsapp":
            return refused
        user = payload.get("to") or payload.get("recipient")
        text = payload.get("text")
        if payload.get("type") != "text" or not isinstance(text, dict):
            return refused
        body = text.get("body")
        if not isinstance(user, str) or not user or not isinstance(body, str) or not body:
            return refused
        if len(body) > 4096:
            return refused
        if self.enforce_window:
            last = self._last_inbound.get((phone_number_id, user))
            if last is None or self.clock() - last > WINDOW:
                return meta.graph_error(400, 131047), None
        wamid = new_wamid(user if user.isdigit() else "0", inbound=False)
        self._sent[wamid] = (phone_number_id, user)
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": user, "wa_id": user}],
            "messages": [{"id": wamid, "message_status": "accepted"}],
        }
        return FakeResponse.of_json(200, answer), wamid

    # -- webhooks Meta posts -----------------------------------------------------------

    def handshake_query(self, verify_token: str, challenge: str = "1158201444") -> dict[str, str]:
        return {
            "hub.mode": "subscribe",
            "hub.challenge": challenge,
            "hub.verify_token": verify_token,
        }

    def _envelope(self, phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
        number = self.numbers[phone_number_id]
        return {
            "object": OBJECT,
            "entry": [
                {
                    "id": number.waba_id,
                    "changes": [
                        {
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": number.display_number,
                                    "phone_number_id": phone_number_id,
                                },
                                **value,
                            },
                            "field": "messages",
                        }
                    ],
                }
            ],
        }

    def message(
        self,
        phone_number_id: str,
        *,
        wa_id: str | None,
        user_id: str,
        name: str,
        kind: str = "text",
        content: dict[str, Any] | None = None,
        body: str = "",
    ) -> dict[str, Any]:
        """The payload of one message from a WhatsApp user (who writes, so the window opens)."""
        message: dict[str, Any] = {}
        if wa_id is not None:
            message["from"] = wa_id
        message.update(
            {
                "from_user_id": user_id,
                "id": new_wamid(wa_id or "0", inbound=True),
                "timestamp": str(int(self.clock().timestamp())),
                "type": kind,
                kind: content if content is not None else {"body": body},
            }
        )
        contact: dict[str, Any] = {"profile": {"name": name}}
        if wa_id is not None:
            contact["wa_id"] = wa_id
        contact["user_id"] = user_id
        with self._lock:
            for user in (wa_id, user_id):
                if user is not None:
                    self._last_inbound[(phone_number_id, user)] = self.clock()
        return self._envelope(phone_number_id, {"contacts": [contact], "messages": [message]})

    def status(
        self, wamid: str, status: str, *, error_code: int | None = None
    ) -> tuple[str, dict[str, Any]]:
        """A status of a message the fake accepted: (its phone number id, the payload)."""
        with self._lock:
            phone_number_id, user = self._sent[wamid]
        item: dict[str, Any] = {
            "id": wamid,
            "status": status,
            "timestamp": str(int(self.clock().timestamp())),
            "recipient_id": user,
        }
        if error_code is not None:
            item["errors"] = [{"code": error_code, "title": "Error", "message": "Error"}]
        return phone_number_id, self._envelope(phone_number_id, {"statuses": [item]})

    def sign(self, url: str, phone_number_id: str, payload: dict[str, Any]) -> SignedPost:
        with self._lock:
            secret = self.numbers[phone_number_id].app_secret
        return meta.signed(url, payload, secret)

    def post(self, webhook: SignedPost) -> httpx.Response:
        return meta.post(self.http, webhook)

    def send_text(
        self,
        url: str,
        phone_number_id: str,
        *,
        body: str,
        wa_id: str | None = "16505551234",
        user_id: str = "US.13491208655302741918",
        name: str = "Maya Lindqvist",
    ) -> httpx.Response:
        """A user's text, posted to the webhook `url` as Meta does."""
        payload = self.message(phone_number_id, wa_id=wa_id, user_id=user_id, name=name, body=body)
        return self.post(self.sign(url, phone_number_id, payload))

    def post_status(
        self, url: str, wamid: str, status: str, *, error_code: int | None = None
    ) -> httpx.Response:
        phone_number_id, payload = self.status(wamid, status, error_code=error_code)
        return self.post(self.sign(url, phone_number_id, payload))
