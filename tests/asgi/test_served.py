"""The guards as `havre serve` runs them: a real uvicorn on 127.0.0.1.

A 256 MiB chunked upload is refused after the bound, with nothing spooled to
disk; forwarded headers from a local process do not make it many clients,
unless the operator named it a trusted proxy.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from havre.accounts import ratelimit

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def havre_serve(tmp_path: Path, **settings: str) -> Iterator[str]:
    port = free_port()
    spool = tmp_path / "spool"
    spool.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        HAVRE_MODE="test",
        HAVRE_DATA_DIR=str(tmp_path / "data"),
        HAVRE_PUBLIC_URL=f"http://127.0.0.1:{port}",
        TMPDIR=str(spool),
        **settings,
    )
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "havre", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                urllib.request.urlopen(f"{url}/accounts/login/", timeout=2)
                break
            except urllib.error.URLError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def post_json(url: str, body: dict[str, str], headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def guesses_from_many_addresses(url: str) -> list[int]:
    """Wrong sign-ins for different addresses, each claiming another client address."""
    statuses = []
    # The CSRF check wants a cookie and the same value in a header.
    token = "t" * 32
    for n in range(ratelimit.LIMIT + 2):
        statuses.append(
            post_json(
                f"{url}/accounts/api/login",
                {"email": f"guess{n}@example.org", "login_secret": "A" * 43},
                {
                    "X-Forwarded-For": f"198.51.100.{n}",
                    "Cookie": f"csrftoken={token}",
                    "X-CSRFToken": token,
                    "Origin": url,
                    "Referer": url + "/",
                },
            )
        )
    return statuses


def test_a_huge_chunked_upload_is_refused_and_nothing_spooled(tmp_path: Path) -> None:
    with havre_serve(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1])
        sent = 0
        answer = b""
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                f"POST /hooks/twilio/{uuid.uuid4()}/sms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Transfer-Encoding: chunked\r\n\r\n".encode()
            )
            chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
            try:
                while sent < 256 * 1024 * 1024:
                    sock.sendall(chunk)
                    sent += 65536
            except OSError:
                pass  # the server closed the connection once it had answered
            try:
                while data := sock.recv(65536):
                    answer += data
            except OSError:
                pass
        assert sent < 16 * 1024 * 1024
        assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:100]
        assert list((tmp_path / "spool").iterdir()) == []


def test_forwarded_addresses_from_a_local_process_are_not_believed(tmp_path: Path) -> None:
    with havre_serve(tmp_path) as url:
        statuses = guesses_from_many_addresses(url)
    assert statuses[: ratelimit.LIMIT] == [400] * ratelimit.LIMIT
    assert statuses[ratelimit.LIMIT :] == [429, 429]


def test_a_named_proxy_is_believed(tmp_path: Path) -> None:
    with havre_serve(tmp_path, HAVRE_TRUSTED_PROXIES="127.0.0.1") as url:
        statuses = guesses_from_many_addresses(url)
    assert statuses == [400] * (ratelimit.LIMIT + 2)
