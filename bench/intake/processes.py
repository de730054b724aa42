"""The intake benchmark's servers: Havre under `havre serve`, and the bare app."""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    hook_url: str
    setup: dict[str, Any]
    process: subprocess.Popen[bytes]
    log: Path
    # Havre's SQLite database and the file its query count is written to.
    database: Path | None = None
    queries_file: Path | None = None

    def cpu_seconds(self) -> float:
        """User and system time of the server process so far (its threads included)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def queries(self) -> int | None:
        """Database queries the server made so far, or None for the bare app."""
        if self.queries_file is None:
            return None
        before = self.queries_file.stat().st_mtime_ns if self.queries_file.exists() else 0
        os.kill(self.process.pid, signal.SIGUSR1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.queries_file.exists() and self.queries_file.stat().st_mtime_ns != before:
                return int(self.queries_file.read_text())
            time.sleep(0.01)
        raise RuntimeError("the server did not write its query count")


class FakeProvider:
    """The fake Twilio in a process of its own, so that the time it spends taking
    the welcome notices is not spent in the client's process, which keeps time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve_fake, args=(child,), daemon=True)
        self._process.start()
        self.base_url: str = self._conn.recv()

    def register_account(self, sid: str, auth_token: str, numbers: list[str]) -> None:
        self._conn.send(("register", sid, auth_token, numbers))
        self._conn.recv()

    def close(self) -> None:
        self._conn.send(("stop",))
        self._process.join(10)


def _serve_fake(conn: Any) -> None:
    from havre.gateways.twilio.fake import FakeTwilio
    from havre.gateways.twilio.fake_server import fake_server

    # A client closing its kept-alive connection is no news in a benchmark's output.
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the process's lifetime)
    with fake_server(FakeTwilio(auto_status=False)) as fake:
        conn.send(fake.base_url)
        while True:
            message = conn.recv()
            if message[0] == "stop":
                return
            fake.register_account(*message[1:])
            conn.send(True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env() -> dict[str, str]:
    """This environment without Havre's or Django's settings."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_", "BENCH_"))
        and k not in {"DATABASE_URL", "REDIS_URL"}
    }


@contextmanager
def start_havre(folder: Path, fake: FakeProvider) -> Iterator[Server]:
    """Havre in embedded mode, production settings, its provider's API the fake's."""
    folder.mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = clean_env()
    env.update(
        HAVRE_MODE="production",
        HAVRE_DATA_DIR=str(folder / "data"),
        HAVRE_SECRET_KEY=secrets.token_urlsafe(48),
        HAVRE_ROUTE_KEY=secrets.token_urlsafe(48),
        HAVRE_PUBLIC_URL=url,
        HAVRE_TWILIO_API_BASE=fake.base_url,
        HAVRE_LOG_FILE=str(folder / "havre.log"),
        BENCH_QUERIES_FILE=str(folder / "queries"),
    )
    made = subprocess.run(
        [sys.executable, "-m", "bench.intake.seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if made.returncode != 0:
        raise RuntimeError(f"the benchmark's set-up failed:\n{made.stderr}")
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    fake.register_account(setup["account_sid"], setup["auth_token"], [setup["address"]])
    log = folder / "server.log"
    command = ["-m", "bench.intake.server", "serve", "--port", str(port)]
    with _running(command, env, log) as process:
        _wait_for(f"{url}/accounts/login/", process, log)
        yield Server(
            url,
            f"{url}/hooks/twilio/{setup['channel']}/sms",
            setup,
            process,
            log,
            database=folder / "data" / "havre.sqlite3",
            queries_file=folder / "queries",
        )


@contextmanager
def start_bare(folder: Path, setup: dict[str, Any]) -> Iterator[Server]:
    """The bare ASGI app under uvicorn, checking the same account's signatures."""
    folder.mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = clean_env()
    env.update(
        BENCH_BARE_DB=str(folder / "bare.sqlite3"),
        BENCH_BARE_TOKEN=setup["auth_token"],
        BENCH_BARE_URL=url,
    )
    log = folder / "server.log"
    command = [
        "-m",
        "uvicorn",
        "bench.intake.bare:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--lifespan",
        "off",
        "--no-access-log",
        "--no-server-header",
    ]
    with _running(command, env, log) as process:
        hook = f"{url}/hooks/twilio/{setup['channel']}/sms"
        _wait_for(hook, process, log, method="POST")
        yield Server(url, hook, setup, process, log)


@contextmanager
def _running(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 (our own modules, fixed arguments)
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, method: str = "GET") -> None:
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()}")
        try:
            request = urllib.request.Request(  # noqa: S310 (a URL on 127.0.0.1 we built)
                url, method=method, data=b"" if method == "POST" else None
            )
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310 (our own 127.0.0.1)
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever it says
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer:\n{log.read_text()}")
        time.sleep(0.2)
