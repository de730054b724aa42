"""A fake Vonage Messages API that speaks Vonage's wire format, for tests.

It keeps applications (their public keys), accounts (API key and secret,
signature secret) and numbers; answers POST /v1/messages only with a valid
RS256 application token, and POST /v1/redact/transaction only with the API
key and secret and not before an hour has passed; records every call; can
fail on demand; and plays Vonage's side of the webhooks, signing each with an
HS256 token whose `payload_hash` covers the body.

Its tokens are made and checked with PyJWT, not with Havre's own code, so
that the two check each other.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization

from havre.gateways.fake_http import FakeRequest, FakeResponse
from havre.gateways.vonage.wire import MESSAGES_PATH, REAL_API_BASE, REDACT_PATH

REDACT_AFTER = timedelta(hours=1)
ERROR_TITLES = {
    "1000": "Throttled",
    "1020": "Invalid params",
    "1120": "Invalid sender",
    "1150": "Invalid params",
    "1170": "Invalid or Missing Msisdn Param",
    "1320": "Message already read",
    "unauthorized": "Unauthorized",
}


def problem(status: int, code: str, detail: str = "") -> FakeResponse:
    data = {
        "type": f"https://developer.vonage.com/api-errors/messages#{code}",
        "title": ERROR_TITLES.get(code, "Error"),
        "detail": detail or ERROR_TITLES.get(code, "Error"),
        "instance": str(uuid.uuid4()),
    }
    return FakeResponse(status, json.dumps(data).encode(), "application/problem+json")


@dataclasses.dataclass(frozen=True)
class SendCall:
    application_id: str | None
    authorized: bool
    payload: Any
    status_code: int
    message_uuid: str | None

    @property
    def to(self) -> str | None:
        return self.payload.get("to") if isinstance(self.payload, dict) else None

    @property
    def body(self) -> str | None:
        return self.payload.get("text") if isinstance(self.payload, dict) else None


@dataclasses.dataclass(frozen=True)
class RedactCall:
    authorized: bool
    payload: Any
    status_code: int


@dataclasses.dataclass
class _Account:
    api_secret: str
    signature_secret: str


@dataclasses.dataclass
class _Message:
    direction: str
    number: str
    own: str
    at: datetime
    redacted: bool = False


class FakeVonage:
    def __init__(self, base_url: str = REAL_API_BASE, *, http: httpx.Client | None = None) -> None:
        self.base_url = base_url
        self.http = http or httpx.Client(timeout=30.0)
        self.public_keys: dict[str, Any] = {}
        self.accounts: dict[str, _Account] = {}
        self.numbers: dict[str, tuple[str, str]] = {}
        self.calls: list[SendCall] = []
        self.redactions: list[RedactCall] = []
        self.media_requests: list[str] = []
        self.messages: dict[str, _Message] = {}
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._failures: list[tuple[int, str]] = []
        self._lock = threading.RLock()

    # -- set-up -------------------------------------------------------------------

    def register(
        self,
        *,
        application_id: str,
        private_key_pem: str,
        api_key: str,
        api_secret: str,
        signature_secret: str,
        number: str,
    ) -> None:
        key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
        with self._lock:
            self.public_keys[application_id] = key.public_key()
            self.accounts[api_key] = _Account(api_secret, signature_secret)
            self.numbers[number.removeprefix("+")] = (application_id, api_key)

    def fail_next(self, n: int = 1, *, status: int = 500, code: str = "1000") -> None:
        with self._lock:
            self._failures.extend([(status, code)] * n)

    @property
    def sent(self) -> list[SendCall]:
        with self._lock:
            return [c for c in self.calls if c.message_uuid is not None]

    # -- the API ------------------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        if request.method == "POST" and request.path == MESSAGES_PATH:
            return self._send(request)
        if request.method == "POST" and request.path == REDACT_PATH:
            return self._redact(request)
        with self._lock:
            self.media_requests.append(request.path)
        return problem(404, "1020", "Not found")

    def _application(self, authorization: str | None) -> str | None:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
            application_id = unverified.get("application_id")
            key = self.public_keys.get(str(application_id))
            if key is None:
                return None
            jwt.decode(token, key, algorithms=["RS256"], options={"require": ["iat", "exp", "jti"]})
        except jwt.PyJWTError:
            return None
        return str(application_id)

    def _send(self, request: FakeRequest) -> FakeResponse:
        payload = request.json()
        with self._lock:
            application_id = self._application(request.header("Authorization"))
            message_uuid: str | None = None
            if application_id is None:
                response = problem(401, "unauthorized", "You did not provide correct credentials.")
            elif self._failures:
                response = problem(*self._failures.pop(0))
            else:
                response, message_uuid = self._accept(application_id, payload)
            self.calls.append(
                SendCall(
                    application_id,
                    application_id is not None,
                    payload,
                    response.status,
                    message_uuid,
                )
            )
        return response

    def _accept(self, application_id: str, payload: Any) -> tuple[FakeResponse, str | None]:
        if not isinstance(payload, dict) or payload.get("channel") != "sms":
            return problem(422, "1150", "Invalid params"), None
        if payload.get("message_type") != "text" or not payload.get("text"):
            return problem(422, "1150", "Invalid params"), None
        to, from_ = payload.get("to"), payload.get("from")
        if not isinstance(to, str) or not to.isdigit():
            return problem(422, "1170", "Invalid or Missing Msisdn Param"), None
        if self.numbers.get(str(from_), ("", ""))[0] != application_id:
            return problem(422, "1120", "Invalid sender"), None
        message_uuid = str(uuid.uuid4())
        self.messages[message_uuid] = _Message("outbound", to, str(from_), self.clock())
        return FakeResponse.of_json(202, {"message_uuid": message_uuid}), message_uuid

    def _basic(self, authorization: str | None) -> str | None:
        scheme, _, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            key, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        account = self.accounts.get(key)
        return (
            key
            if account is not None and secrets.compare_digest(account.api_secret, secret)
            else None
        )

    def _redact(self, request: FakeRequest) -> FakeResponse:
        payload = request.json()
        with self._lock:
            authorized = self._basic(request.header("Authorization")) is not None
            if not authorized:
                response = FakeResponse.of_json(
                    401, {"type": "UNAUTHORIZED", "error_title": "Unauthorized"}
                )
            elif self._failures:
                response = problem(*self._failures.pop(0))
            else:
                response = self._redact_one(payload)
            self.redactions.append(RedactCall(authorized, payload, response.status))
        return response

    def _redact_one(self, payload: Any) -> FakeResponse:
        if not isinstance(payload, dict) or payload.get("product") != "messages":
            return problem(422, "invalid-product")
        message = self.messages.get(str(payload.get("id")))
        if message is None or payload.get("type") != message.direction:
            return problem(404, "invalid-id", "ID could not be found")
        if self.clock() - message.at < REDACT_AFTER:
            return FakeResponse.of_json(
                403,
                {
                    "type": "https://developer.nexmo.com/api-errors/redact#premature-redaction",
                    "title": "Premature Redaction",
                    "detail": "You must wait 60 minutes before redacting ID",
                    "instance": str(uuid.uuid4()),
                },
            )
        message.redacted = True
        return FakeResponse(204)

    # -- webhooks Vonage posts -------------------------------------------------------------

    def _token(self, api_key: str, application_id: str, body: bytes) -> str:
        claims = {
            "iat": int(time.time()),
            "jti": str(uuid.uuid4()),
            "iss": "Vonage",
            "payload_hash": hashlib.sha256(body).hexdigest(),
            "api_key": api_key,
            "application_id": application_id,
        }
        secret = self.accounts[api_key].signature_secret
        return jwt.encode(claims, secret, algorithm="HS256")

    def signed(
        self, url: str, number: str, payload: dict[str, Any]
    ) -> tuple[str, bytes, dict[str, str]]:
        """A webhook as Vonage posts it for the application that owns `number`: URL, body, headers."""
        application_id, api_key = self.numbers[number.removeprefix("+")]
        try:
            body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
        except UnicodeEncodeError:  # text that is not Unicode can only travel escaped
            body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": "Bearer " + self._token(api_key, application_id, body),
            "User-Agent": "Vonage-Messages-API/1.0",
        }
        return url, body, headers

    def inbound_payload(
        self, *, to: str, sender: str, text: str | None = None, image: bool = False
    ) -> dict[str, Any]:
        message_uuid = str(uuid.uuid4())
        with self._lock:
            self.messages[message_uuid] = _Message(
                "inbound", sender.removeprefix("+"), to.removeprefix("+"), self.clock()
            )
        payload: dict[str, Any] = {
            "channel": "mms" if image else "sms",
            "message_uuid": message_uuid,
            "to": to.removeprefix("+"),
            "from": sender.removeprefix("+"),
            "timestamp": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if image:
            payload["message_type"] = "image"
            payload["image"] = {"url": f"{self.base_url}/v3/media/{uuid.uuid4()}"}
        else:
            payload["text"] = text or ""
            payload["sms"] = {"num_messages": "1"}
            payload["message_type"] = "text"
        payload["usage"] = {"currency": "EUR", "price": "0.0057"}
        return payload

    def status_payload(
        self, message_uuid: str, status: str, *, error: str | None = None
    ) -> tuple[str, dict[str, Any]]:
        """A status of a message the fake accepted: (its sender number, the payload)."""
        with self._lock:
            message = self.messages[message_uuid]
            number = message.own
        payload: dict[str, Any] = {
            "message_uuid": message_uuid,
            "to": message.number,
            "from": number,
            "timestamp": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": status,
            "channel": "sms",
            "usage": {"currency": "EUR", "price": "0.0333"},
        }
        if error is not None:
            payload["error"] = {
                "type": f"https://developer.vonage.com/api-errors/messages#{error}",
                "title": int(error) if error.isdigit() else error,
                "detail": ERROR_TITLES.get(error, "Error"),
                "instance": str(uuid.uuid4()),
            }
        return number, payload

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        return self.http.post(url, content=body, headers=headers)

    def send_text(self, url: str, *, to: str, sender: str, text: str) -> httpx.Response:
        return self.post(
            *self.signed(url, to, self.inbound_payload(to=to, sender=sender, text=text))
        )

    def post_status(
        self, url: str, message_uuid: str, status: str, *, error: str | None = None
    ) -> httpx.Response:
        number, payload = self.status_payload(message_uuid, status, error=error)
        return self.post(*self.signed(url, number, payload))
