"""The fake Twilio served over real HTTP on 127.0.0.1, in a background thread."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from havre.gateways.twilio.fake import FakeTwilio
from havre.gateways.twilio.wire import API_VERSION

MESSAGES_RE = re.compile(rf"/{API_VERSION}/Accounts/(?P<sid>[A-Za-z0-9]+)/Messages\.json")
MESSAGE_RE = re.compile(
    rf"/{API_VERSION}/Accounts/(?P<sid>[A-Za-z0-9]+)/Messages/(?P<message>[A-Za-z0-9]+)\.json"
)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _answer(self, status: int, data: dict[str, Any] | None) -> None:
        payload = b"" if data is None else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="Twilio API"')
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:
        body = self._body()
        path = urlsplit(self.path).path
        match = MESSAGES_RE.fullmatch(path)
        if match is None:
            self._answer(*self.server.fake.note_media_request(path))
            return
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        status, data = self.server.fake.create_message(
            match["sid"], self.headers.get("Authorization"), form
        )
        self._answer(status, data)

    def do_DELETE(self) -> None:
        path = urlsplit(self.path).path
        match = MESSAGE_RE.fullmatch(path)
        if match is None:
            self._answer(*self.server.fake.note_media_request(path))
            return
        self._answer(
            *self.server.fake.delete_message(
                match["sid"], match["message"], self.headers.get("Authorization")
            )
        )

    def do_GET(self) -> None:
        self._answer(*self.server.fake.note_media_request(urlsplit(self.path).path))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # Quiet: a test's output should show only what went wrong.


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeTwilio) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


@contextmanager
def fake_server(fake: FakeTwilio | None = None) -> Iterator[FakeTwilio]:
    """Serve `fake` (or a new one) on a free port; its `base_url` says where."""
    fake = fake or FakeTwilio()
    server = _Server(fake)
    host, port = server.server_address[:2]
    fake.base_url = f"http://{host!s}:{port}"
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), daemon=True, name="fake-twilio"
    )
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
