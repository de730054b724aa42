"""A fake signal-cli HTTP daemon that speaks its wire format, for tests.

It serves /api/v1/rpc (JSON-RPC 2.0: `send`, with signal-cli's results and
error codes), /api/v1/events (a server-sent event stream whose events carry
ids of the form "<start>-<sequence>", of which it keeps the last 1,000 and
replays those after a `Last-Event-ID`, as signal-cli does) and /api/v1/check.
It records every call and connection, can fail on demand, drop its
connections or "restart" (forgetting the events it kept), and plays the
texters' side: messages with their profile names and attachments, receipts.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from havre.gateways.fake_http import FakeRequest, FakeResponse
from havre.gateways.signal.wire import CHECK_PATH, EVENTS_PATH, RPC_PATH, USER_ERROR

KEPT_EVENTS = 1000


@dataclasses.dataclass(frozen=True)
class RpcCall:
    method: str
    params: Any
    error: int | None
    timestamp: int | None

    @property
    def to(self) -> str | None:
        recipients = self.params.get("recipient") if isinstance(self.params, dict) else None
        if isinstance(recipients, list) and recipients:
            return str(recipients[0])
        return recipients if isinstance(recipients, str) else None

    @property
    def body(self) -> str | None:
        return self.params.get("message") if isinstance(self.params, dict) else None


class FakeSignalCli:
    def __init__(self, account: str, *, keepalive: float = 0.2) -> None:
        self.account = account
        self.base_url = ""
        self.keepalive = keepalive
        self.calls: list[RpcCall] = []
        # The Last-Event-ID header of each connection to the event stream (None: none sent).
        self.connections: list[str | None] = []
        self.people: dict[str, str | None] = {}
        self._events: list[tuple[int, str]] = []
        self._next = 1
        self._start = str(int(time.time() * 1000))
        self._generation = 0
        self._closed = False
        self._failures: list[dict[str, Any]] = []
        self._last_stamp = 0
        self._cond = threading.Condition()

    # -- set-up and control ---------------------------------------------------------

    def fail_next(self, *, code: int | None = None, result: str | None = None) -> None:
        """Refuse the next send with a JSON-RPC error code, or with a recipient's result type."""
        with self._cond:
            self._failures.append({"code": code, "result": result})

    def drop_connections(self) -> None:
        """End every open event stream, as a network hiccup would."""
        with self._cond:
            self._generation += 1
            self._cond.notify_all()

    def restart(self) -> None:
        """Come back as a new daemon: new event ids, nothing kept."""
        with self._cond:
            self._start = str(int(time.time() * 1000) + 1)
            self._events.clear()
            self._next = 1
            self._generation += 1
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def sent(self) -> list[RpcCall]:
        with self._cond:
            return [c for c in self.calls if c.method == "send" and c.error is None]

    # -- the HTTP daemon ---------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        if request.path == CHECK_PATH and request.method == "GET":
            return FakeResponse(200)
        if request.path == RPC_PATH:
            if request.method != "POST":
                return FakeResponse(405)
            if not (request.header("Content-Type") or "").startswith("application/json"):
                return FakeResponse(415)
            return self._rpc(request.json())
        if request.path == EVENTS_PATH and request.method == "GET":
            if request.query.get("account", [self.account])[0] != self.account:
                return FakeResponse(400)
            return FakeResponse(
                200,
                content_type="text/event-stream",
                stream=self._stream(request.header("Last-Event-ID")),
            )
        return FakeResponse(404)

    def _rpc(self, request: Any) -> FakeResponse:
        if not isinstance(request, dict) or not isinstance(request.get("method"), str):
            return FakeResponse.of_json(
                200,
                {
                    "jsonrpc": "2.0",
                    "error": {"code": -32600, "message": "Invalid request", "data": None},
                    "id": None,
                },
            )
        method, params, request_id = request["method"], request.get("params"), request.get("id")
        with self._cond:
            answer, error, stamp = self._call(method, params)
            self.calls.append(RpcCall(method, params, error, stamp))
        body: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id}
        body.update(answer)
        return FakeResponse.of_json(200, body)

    def _call(self, method: str, params: Any) -> tuple[dict[str, Any], int | None, int | None]:
        if method != "send":
            return (
                {"error": {"code": -32601, "message": "Method not implemented", "data": None}},
                -32601,
                None,
            )
        if not isinstance(params, dict) or params.get("account", self.account) != self.account:
            return (
                {
                    "error": {
                        "code": -32602,
                        "message": "Specified account does not exist",
                        "data": None,
                    }
                },
                -32602,
                None,
            )
        recipients = params.get("recipient")
        recipients = [recipients] if isinstance(recipients, str) else recipients
        if not isinstance(recipients, list) or len(recipients) != 1 or not params.get("message"):
            return (
                {"error": {"code": USER_ERROR, "message": "No recipients given", "data": None}},
                USER_ERROR,
                None,
            )
        stamp = self._now()
        failure = self._failures.pop(0) if self._failures else None
        if failure is not None and failure["code"] is not None:
            error = {"code": failure["code"], "message": "Failed to send message", "data": None}
            return {"error": error}, failure["code"], None
        result_type = failure["result"] if failure is not None else "SUCCESS"
        address = self._address(str(recipients[0]))
        if address is None:
            result_type = "UNREGISTERED_FAILURE"
            address = {"uuid": None, "number": str(recipients[0]), "username": None}
        result = {
            "timestamp": stamp,
            "results": [{"recipientAddress": address, "type": result_type}],
        }
        if result_type != "SUCCESS":
            error = {
                "code": USER_ERROR,
                "message": "Failed to send message",
                "data": {"response": result},
            }
            return {"error": error}, USER_ERROR, None
        return {"result": result}, None, stamp

    def _address(self, recipient: str) -> dict[str, Any] | None:
        if recipient in self.people:
            return {"uuid": recipient, "number": self.people[recipient], "username": None}
        for person, number in self.people.items():
            if number == recipient:
                return {"uuid": person, "number": number, "username": None}
        return None

    def _stream(self, last_event_id: str | None) -> Iterator[bytes]:
        with self._cond:
            self.connections.append(last_event_id)
            generation = self._generation
            if last_event_id is None:
                cursor = self._next - 1  # only what comes next
            elif (
                last_event_id.startswith(self._start + "-")
                and last_event_id[len(self._start) + 1 :].isdigit()
            ):
                cursor = int(last_event_id[len(self._start) + 1 :])
            else:
                cursor = 0  # unknown (another run's): everything kept
        while True:
            with self._cond:
                pending = [e for e in self._events if e[0] > cursor]
                if not pending and not self._closed and generation == self._generation:
                    self._cond.wait(self.keepalive)
                    pending = [e for e in self._events if e[0] > cursor]
                if self._closed or generation != self._generation:
                    return
                start = self._start
            if not pending:
                yield b":\n"
                continue
            for sequence, data in pending:
                cursor = sequence
                yield f"id:{start}-{sequence}\nevent:receive\ndata:{data}\n\n".encode()

    def _now(self) -> int:
        """A millisecond timestamp never given before: Signal knows a message by its sender and this."""
        with self._cond:
            self._last_stamp = max(int(time.time() * 1000), self._last_stamp + 1)
            return self._last_stamp

    # -- what texters do ----------------------------------------------------------------

    def push(self, data: dict[str, Any]) -> str:
        """Add one `receive` event; its id."""
        with self._cond:
            sequence = self._next
            self._next += 1
            self._events.append((sequence, json.dumps(data, separators=(",", ":"))))
            del self._events[:-KEPT_EVENTS]
            self._cond.notify_all()
            return f"{self._start}-{sequence}"

    def _envelope(self, person: str, **content: Any) -> dict[str, Any]:
        number = self.people.get(person)
        stamp = content.pop("timestamp", None) or self._now()
        envelope = {
            "source": number or person,
            "sourceNumber": number,
            "sourceUuid": person,
            "sourceName": content.pop("name", "Lina Moreau"),
            "sourceDevice": 1,
            "timestamp": stamp,
            "serverReceivedTimestamp": stamp + 40,
            "serverDeliveredTimestamp": stamp + 90,
        }
        envelope.update(content)
        return {"envelope": envelope, "account": self.account}

    def receive(
        self,
        person: str,
        text: str | None,
        *,
        number: str | None = None,
        attachments: int = 0,
        name: str = "Lina Moreau",
        timestamp: int | None = None,
    ) -> tuple[str, int]:
        """A message from a Signal user (UUID `person`): (the event id, its timestamp)."""
        with self._cond:
            self.people.setdefault(person, number)
        stamp = timestamp or self._now()
        message: dict[str, Any] = {
            "timestamp": stamp,
            "message": text,
            "expiresInSeconds": 0,
            "viewOnce": False,
        }
        if attachments:
            message["attachments"] = [
                {
                    "contentType": "image/jpeg",
                    "filename": f"IMG_{index:04}.jpg",
                    "id": uuid.uuid4().hex,
                    "size": 204800,
                    "width": 1024,
                    "height": 768,
                    "caption": None,
                    "uploadTimestamp": stamp - 500,
                }
                for index in range(attachments)
            ]
        event_id = self.push(
            self._envelope(person, name=name, timestamp=stamp, dataMessage=message)
        )
        return event_id, stamp

    def receipt(self, person: str, timestamps: list[int], *, kind: str = "delivery") -> str:
        receipt = {
            "when": int(time.time() * 1000),
            "isDelivery": kind == "delivery",
            "isRead": kind == "read",
            "isViewed": kind == "viewed",
            "timestamps": timestamps,
        }
        return self.push(self._envelope(person, receiptMessage=receipt))
