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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class Running:
    """One server process we started, in a session of its own: it can be killed
    outright (SIGKILL, as a crash or the OOM killer would) and started again,
    with the same command and environment."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.command = command
        self.env = env
        self.log = log
        self.process = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            return subprocess.Popen(  # noqa: S603 (our own modules, fixed arguments)
                [sys.executable, *self.command],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL, to the process and whatever it started: nothing is flushed or closed."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def start_again(self) -> None:
        """Start the same command again once the last one was killed."""
        assert self.process.poll() is not None, "the last process still runs"
        self.process = self._start()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Counted:
    """One Havre process, and the file it writes its query count to on SIGUSR1."""

    process: Running
    queries_file: Path | None
    # Where it answers once started (the login page of an app server), or None
    # for a process that answers nobody (the worker).
    ready_url: str | None = None

    def cpu_seconds(self) -> float:
        """User and system time of the process so far (its threads included)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def queries(self) -> int:
        assert self.queries_file is not None
        before = self.queries_file.read_text() if self.queries_file.exists() else None
        self.queries_file.unlink(missing_ok=True)
        os.kill(self.process.pid, signal.SIGUSR1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.queries_file.exists():
                return int(self.queries_file.read_text())
            time.sleep(0.01)
        raise RuntimeError(f"a server did not write its query count (last: {before})")


@dataclass
class Server:
    """The system under test: its webhook URLs (one per app server), its processes."""

    url: str
    hook_urls: list[str]
    setup: dict[str, Any]
    processes: list[Counted]
    # Where Havre stored the texts (a SQLite file or a PostgreSQL URL); None for the bare app.
    database: Path | str | None = None
    # The app server whose websocket the advocate has open.
    socket_url: str | None = None

    def cpu_seconds(self) -> float:
        return sum(p.cpu_seconds() for p in self.processes)

    def crash_and_restart(self) -> None:
        """Kill every Havre process with SIGKILL, then start them again and wait
        until each app server answers (the durability test's crash)."""
        for counted in self.processes:
            counted.process.kill()
        for counted in self.processes:
            counted.process.start_again()
        for counted in self.processes:
            if counted.ready_url is not None:
                running = counted.process
                _wait_for(counted.ready_url, running.process, running.log)

    def queries(self) -> int | None:
        """Database queries Havre's processes made so far, or None for the bare app."""
        if any(p.queries_file is None for p in self.processes):
            return None
        return sum(p.queries() for p in self.processes)


class FakeProvider:
    """The fake Twilio in a process of its own, so that the time it spends taking
    the welcome notices is not spent in the client's process, which keeps time."""

    def __init__(self) -> None:
        # Spawned, not forked: the caller may run threads (a test's servers),
        # and a child forked from them can deadlock on a lock one of them held.
        context = multiprocessing.get_context("spawn")
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
def start_havre(
    folder: Path,
    fake: FakeProvider,
    *,
    database_url: str | None = None,
    redis_url: str | None = None,
) -> Iterator[Server]:
    """Havre with production settings, its provider's API the fake's.

    Embedded (one `havre serve`, SQLite, task threads inside) unless
    `database_url` and `redis_url` are given: then scale-out, with two
    `havre serve --no-workers` and one `havre worker`.
    """
    folder.mkdir(parents=True)
    scale_out = database_url is not None and redis_url is not None
    ports = [free_port() for _ in range(2 if scale_out else 1)]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    env = clean_env()
    env.update(
        HAVRE_MODE="production",
        HAVRE_DATA_DIR=str(folder / "data"),
        HAVRE_SECRET_KEY=secrets.token_urlsafe(48),
        HAVRE_ROUTE_KEY=secrets.token_urlsafe(48),
        # Providers sign the public URL; every server is reached at the first
        # one's address, as behind a proxy.
        HAVRE_PUBLIC_URL=urls[0],
        HAVRE_TWILIO_API_BASE=fake.base_url,
        HAVRE_LOG_FILE=str(folder / "havre.log"),
    )
    if scale_out:
        env.update(DATABASE_URL=str(database_url), REDIS_URL=str(redis_url))
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
    commands = [
        (["serve", "--port", str(port)] + (["--no-workers"] if scale_out else []), f"serve{n}")
        for n, port in enumerate(ports)
    ]
    if scale_out:
        commands.append((["worker"], "worker"))
    with ExitStack() as stack:
        counted = []
        for n, (args, name) in enumerate(commands):
            queries_file = folder / f"queries-{name}"
            process_env = {**env, "BENCH_QUERIES_FILE": str(queries_file)}
            process = stack.enter_context(
                _running(["-m", "bench.intake.server", *args], process_env, log)
            )
            ready = f"{urls[n]}/accounts/login/" if n < len(urls) else None
            counted.append(Counted(process, queries_file, ready))
        for process in counted:
            if process.ready_url is not None:
                _wait_for(process.ready_url, process.process.process, log)
        hook = f"/hooks/twilio/{setup['channel']}/sms"
        yield Server(
            urls[0],
            [url + hook for url in urls],
            setup,
            counted,
            database=database_url if scale_out else folder / "data" / "havre.sqlite3",
            socket_url=urls[-1],
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
        _wait_for(hook, process.process, log, method="POST")
        yield Server(url, [hook], setup, [Counted(process, None)])


@contextmanager
def _running(command: list[str], env: dict[str, str], log: Path) -> Iterator[Running]:
    running = Running(command, env, log)
    try:
        yield running
    finally:
        running.stop()


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
