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
from typing import Any

import httpx

from havre.gateways.fake_http import FakeResponse
from havre.gateways.meta import fake as meta
from havre.gateways.whatsapp.wire import OBJECT


@dataclasses.dataclass(frozen=True)
class SendCall(meta.GraphCall):
    """One request to /<phone number id>/messages, as the fake received it."""

    @property
    def phone_number_id(self) -> str:
        return self.account_id

    @property
    def wamid(self) -> str | None:
        return self.message_id

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
class _Number(meta.Account):
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


class FakeWhatsApp(meta.GraphFake):
    call_type = SendCall
    failure_code = 131000
    challenge = "1158201444"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.media_requests: list[str] = []
        self._sent: dict[str, tuple[str, str]] = {}

    @property
    def numbers(self) -> dict[str, meta.Account]:
        """The business numbers, by phone number id."""
        return self.accounts

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
            self.accounts[phone_number_id] = _Number(
                access_token, app_secret, display_number.removeprefix("+"), waba_id
            )

    # -- the Graph API ---------------------------------------------------------------

    def _elsewhere(self, path: str) -> FakeResponse:
        self.media_requests.append(path)
        return meta.graph_error(404, 100)

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
        if self._outside_window(phone_number_id, user):
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

    def _envelope(self, phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
        number = self.accounts[phone_number_id]
        assert isinstance(number, _Number)  # noqa: S101 (register_number makes them)
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
        self._opened_window(phone_number_id, wa_id, user_id)
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
