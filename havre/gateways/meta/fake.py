"""What the fake WhatsApp and the fake Messenger share: Meta's Graph API, webhooks, errors.

Written from Meta's documented formats: a webhook is a JSON body signed with
`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body under the app
secret>`; a Graph API error is `{"error": {"message", "type", "code", ...}}`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from havre.gateways.fake_http import FakeRequest, FakeResponse
from havre.gateways.meta.graph import GRAPH_VERSION, REAL_GRAPH_BASE

# Meta answers a business only within 24 hours of the person's last message.
WINDOW = timedelta(hours=24)

_MESSAGES = {
    1: "An unknown error occurred",
    2: "Service temporarily unavailable",
    10: "(#10) This message is sent outside of allowed window.",
    100: "(#100) Invalid parameter",
    190: "Error validating access token: The session has been invalidated.",
    551: "This person isn't available right now.",
    130429: "(#130429) Rate limit hit",
    131000: "(#131000) Something went wrong",
    131047: "(#131047) Re-engagement message",
}


def meta_signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def graph_error(status: int, code: int, subcode: int | None = None) -> FakeResponse:
    error: dict[str, Any] = {
        "message": _MESSAGES.get(code, f"(#{code}) Error"),
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": secrets.token_urlsafe(16),
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return FakeResponse.of_json(status, {"error": error})


@dataclasses.dataclass(frozen=True)
class SignedPost:
    """A webhook as Meta would post it: URL, raw body and signature."""

    url: str
    body: bytes
    signature: str

    @property
    def payload(self) -> Any:
        return json.loads(self.body)

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "X-Hub-Signature-256": self.signature,
            "User-Agent": "facebookexternalua",
        }


def signed(url: str, payload: dict[str, Any], app_secret: str) -> SignedPost:
    # Meta writes non-ASCII characters as \\uXXXX escapes; the signature covers those bytes.
    body = json.dumps(payload).encode()
    return SignedPost(url, body, meta_signature(app_secret, body))


def bearer(authorization: str | None) -> str | None:
    scheme, _, value = (authorization or "").partition(" ")
    return value if scheme.lower() == "bearer" and value else None


def post(http: httpx.Client, webhook: SignedPost) -> httpx.Response:
    return http.post(webhook.url, content=webhook.body, headers=webhook.headers())


@dataclasses.dataclass(frozen=True)
class GraphCall:
    """One request to /<number or Page id>/messages, as the fake received it."""

    account_id: str
    access_token: str | None
    authorized: bool
    payload: Any
    status_code: int
    # Meta's id of the message it accepted; None when it refused the send.
    message_id: str | None


@dataclasses.dataclass
class Account:
    """A WhatsApp business number or a Messenger Page: its token and app secret."""

    access_token: str
    app_secret: str


class GraphFake:
    """A fake of one Meta product: its accounts, the messages endpoint, signed webhooks.

    A subclass says how a send is judged (`_accept`), what any other request
    is answered (`_elsewhere`), and how its calls are recorded (`call_type`).
    """

    call_type: ClassVar[type[GraphCall]] = GraphCall
    # The Meta error code of the failures `fail_next` asks for, unless told.
    failure_code: ClassVar[int] = 1
    # The `hub.challenge` of the subscription handshake, unless told.
    challenge: ClassVar[str] = "1158201444"

    def __init__(
        self, base_url: str = REAL_GRAPH_BASE, *, http: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url
        self.http = http or httpx.Client(timeout=30.0)
        self.accounts: dict[str, Account] = {}
        self.calls: list[Any] = []
        self.enforce_window = True
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.delay = 0.0
        self._failures: list[tuple[int, int, int | None]] = []
        self._last_inbound: dict[tuple[str, str], datetime] = {}
        self._lock = threading.RLock()

    def fail_next(
        self, n: int = 1, *, status: int = 500, code: int | None = None, subcode: int | None = None
    ) -> None:
        """Answer the next `n` sends with this HTTP status and Meta error code."""
        with self._lock:
            self._failures.extend(
                [(status, self.failure_code if code is None else code, subcode)] * n
            )

    @property
    def sent(self) -> list[Any]:
        """The sends Meta accepted: the messages that would reach a person."""
        with self._lock:
            return [call for call in self.calls if call.message_id is not None]

    # -- the Graph API ---------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        if self.delay:
            time.sleep(self.delay)
        parts = request.path.strip("/").split("/")
        if request.method == "POST" and len(parts) == 3 and parts[2] == "messages":
            if parts[0] != GRAPH_VERSION:
                return graph_error(400, 2635)
            return self._send(parts[1], request)
        with self._lock:
            return self._elsewhere(request.path)

    def _send(self, account_id: str, request: FakeRequest) -> FakeResponse:
        token = bearer(request.header("Authorization"))
        payload = request.json()
        with self._lock:
            account = self.accounts.get(account_id)
            authorized = account is not None and token == account.access_token
            message_id: str | None = None
            if not authorized:
                response = graph_error(401, 190)
            elif self._failures:
                response = graph_error(*self._failures.pop(0))
            else:
                response, message_id = self._accept(account_id, payload)
            self.calls.append(
                self.call_type(account_id, token, authorized, payload, response.status, message_id)
            )
        return response

    def _accept(self, account_id: str, payload: Any) -> tuple[FakeResponse, str | None]:
        """Meta's answer to a send it is authorised for, and the id of the message accepted."""
        raise NotImplementedError

    def _elsewhere(self, path: str) -> FakeResponse:
        """Meta's answer to any other request (called under the lock, to record it)."""
        raise NotImplementedError

    def _outside_window(self, account_id: str, user: str) -> bool:
        """Whether the person has not written in the last 24 hours (when that is enforced)."""
        if not self.enforce_window:
            return False
        last = self._last_inbound.get((account_id, user))
        return last is None or self.clock() - last > WINDOW

    def _opened_window(self, account_id: str, *users: str | None) -> None:
        """The person wrote now (as each of her ids): the window opens."""
        with self._lock:
            for user in users:
                if user is not None:
                    self._last_inbound[(account_id, user)] = self.clock()

    # -- webhooks Meta posts -----------------------------------------------------------

    def handshake_query(self, verify_token: str, challenge: str | None = None) -> dict[str, str]:
        return {
            "hub.mode": "subscribe",
            "hub.challenge": challenge or self.challenge,
            "hub.verify_token": verify_token,
        }

    def sign(self, url: str, account_id: str, payload: dict[str, Any]) -> SignedPost:
        with self._lock:
            secret = self.accounts[account_id].app_secret
        return signed(url, payload, secret)

    def post(self, webhook: SignedPost) -> httpx.Response:
        return post(self.http, webhook)


class GraphRouter:
    """One Graph API address for several fakes (WhatsApp's numbers, Messenger's Pages).

    A Graph API path names the number or Page it is about (`/v25.0/<id>/messages`):
    the request goes to the fake that knows that id, or to the first one.
    """

    def __init__(self) -> None:
        self.base_url = ""
        self.fakes: list[GraphFake] = []

    def add(self, fake: GraphFake) -> None:
        fake.base_url = self.base_url
        self.fakes.append(fake)

    def handle(self, request: FakeRequest) -> FakeResponse:
        parts = request.path.strip("/").split("/")
        object_id = parts[1] if len(parts) > 1 else ""
        for fake in self.fakes:
            if object_id in fake.accounts:
                return fake.handle(request)
        if self.fakes:
            return self.fakes[0].handle(request)
        return graph_error(404, 100)
