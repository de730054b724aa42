"""What the fake WhatsApp and the fake Messenger share: Meta's side of webhooks and errors.

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
from typing import Any

import httpx

from havre.gateways.fake_http import FakeRequest, FakeResponse

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


class GraphRouter:
    """One Graph API address for several fakes (WhatsApp's numbers, Messenger's Pages).

    A Graph API path names the number or Page it is about (`/v25.0/<id>/messages`):
    the request goes to the fake that knows that id, or to the first one.
    """

    def __init__(self) -> None:
        self.base_url = ""
        self.fakes: list[Any] = []

    def add(self, fake: Any) -> None:
        fake.base_url = self.base_url
        self.fakes.append(fake)

    def handle(self, request: FakeRequest) -> FakeResponse:
        parts = request.path.strip("/").split("/")
        object_id = parts[1] if len(parts) > 1 else ""
        for fake in self.fakes:
            if object_id in getattr(fake, "numbers", {}) or object_id in getattr(fake, "pages", {}):
                response: FakeResponse = fake.handle(request)
                return response
        if self.fakes:
            first: FakeResponse = self.fakes[0].handle(request)
            return first
        return graph_error(404, 100)
