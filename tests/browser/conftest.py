"""A real Havre server in a subprocess, and Chromium to drive it.

The server is `havre demo` itself, on a free port with its own data folder, so
the browser tests exercise what `make demo` runs: uvicorn, websockets, the
embedded task workers and the simulator's signed Twilio traffic.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, need

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    output: Path
    database_url: str | None

    def output_text(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")


def _postgres_database() -> tuple[str | None, str | None]:
    """A throwaway database when the suite runs on PostgreSQL."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        return None, None
    import psycopg

    name = f"havre_e2e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name, name


def _drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[RunningServer]:
    port = free_port()
    data_dir = tmp_path / "data"
    output = tmp_path / "server-output.log"
    database_url, database_name = _postgres_database()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["HAVRE_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "havre", "demo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"havre demo exited early:\n{output.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/simulator/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"havre demo did not answer:\n{output.read_text()}")
            time.sleep(0.3)
        yield RunningServer(url, data_dir, output, database_url)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if database_name:
            _drop_postgres_database(database_name)


@pytest.fixture
def chromium() -> Iterator[object]:
    """Chromium for one test. Not session-wide: a running Playwright holds the
    main thread's event loop, which other tests' own Playwright would trip on."""
    need(
        CHROMIUM.exists(),
        f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()
