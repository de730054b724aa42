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
from typing import Any

import httpx

from havre.gateways.fake_http import FakeResponse
from havre.gateways.messenger.wire import OBJECT
from havre.gateways.meta import fake as meta


@dataclasses.dataclass(frozen=True)
class SendCall(meta.GraphCall):
    """One request to /<Page id>/messages, as the fake received it."""

    @property
    def page_id(self) -> str:
        return self.account_id

    @property
    def mid(self) -> str | None:
        return self.message_id

    @property
    def to(self) -> str | None:
        recipient = self.payload.get("recipient") if isinstance(self.payload, dict) else None
        return recipient.get("id") if isinstance(recipient, dict) else None

    @property
    def body(self) -> str | None:
        message = self.payload.get("message") if isinstance(self.payload, dict) else None
        return message.get("text") if isinstance(message, dict) else None


def new_mid() -> str:
    return "m_" + secrets.token_urlsafe(48)


class FakeMessenger(meta.GraphFake):
    call_type = SendCall
    failure_code = 2
    challenge = "1903260781"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lookups: list[str] = []

    @property
    def pages(self) -> dict[str, meta.Account]:
        """The Pages, by Page id."""
        return self.accounts

    def register_page(self, page_id: str, *, access_token: str, app_secret: str) -> None:
        with self._lock:
            self.accounts[page_id] = meta.Account(access_token, app_secret)

    # -- the Send API ----------------------------------------------------------------

    def _elsewhere(self, path: str) -> FakeResponse:
        self.lookups.append(path)
        return meta.graph_error(400, 100)

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
        if self._outside_window(page_id, psid):
            return meta.graph_error(400, 10, 2018278), None
        mid = new_mid()
        return FakeResponse.of_json(200, {"recipient_id": psid, "message_id": mid}), mid

    # -- webhooks Meta posts -----------------------------------------------------------

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
        self._opened_window(page_id, psid)
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

    def send_text(self, url: str, page_id: str, psid: str, text: str) -> httpx.Response:
        return self.post(self.sign(url, page_id, self.message(page_id, psid, text=text)))
