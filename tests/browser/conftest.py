"""A real Havre server in a subprocess, and Chromium to drive it.

The server is `havre demo` itself, on a free port with its own data folder, so
the browser tests exercise what `make demo` runs: uvicorn, websockets, the
embedded task workers and the simulator's signed Twilio traffic.
"""

from __future__ import annotations

import os
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, REDIS_E2E_URL, need
from tests.servers import free_port
from tests.servers import start as _start
from tests.servers import stop as _stop


def redis_values(url: str | None) -> bytes:
    """Every value in this Redis database, as stored (nothing without one)."""
    if not url:
        return b""
    import redis

    conn = redis.Redis.from_url(url)
    chunks: list[bytes] = []
    for key in conn.scan_iter():
        kind = conn.type(key)
        if kind == b"string":
            chunks.append(conn.get(key) or b"")
        elif kind == b"list":
            chunks.extend(conn.lrange(key, 0, -1))
        elif kind == b"zset":
            chunks.extend(conn.zrange(key, 0, -1))
        elif kind == b"hash":
            chunks.extend(conn.hgetall(key).values())
        elif kind == b"set":
            chunks.extend(conn.smembers(key))
    return b"\n".join(chunks)


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    output: Path
    database_url: str | None
    redis_url: str | None = None

    def redis_contents(self) -> bytes:
        """Every value in the scale-out Redis database, as stored."""
        return redis_values(self.redis_url)

    def output_text(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")


POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
SCALE_OUT_REDIS_URL = REDIS_E2E_URL


def _create_postgres_database(base: str) -> tuple[str, str]:
    """A throwaway database beside `base`, for one server's run."""
    import psycopg

    name = f"havre_e2e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name, name


def _drop_postgres_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _reachable(check: Callable[[], object]) -> bool:
    try:
        check()
    except Exception:
        return False
    return True


@pytest.fixture(params=["embedded"])
def demo_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningServer]:
    """`havre demo` on a free port. Parametrize indirectly with "scale-out" to run
    it on PostgreSQL and Redis with its task workers in a separate `havre worker`."""
    scale_out = request.param == "scale-out"
    port = free_port()
    data_dir = tmp_path / "data"
    output = tmp_path / "server-output.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_")) and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["HAVRE_DATA_DIR"] = str(data_dir)
    base = os.environ.get("DATABASE_URL") or (POSTGRES_URL if scale_out else None)
    database_name = None
    if base:
        import psycopg

        need(
            _reachable(lambda: psycopg.connect(base, connect_timeout=3).close()),
            f"PostgreSQL is not reachable at {base}",
        )
        env["DATABASE_URL"], database_name = _create_postgres_database(base)
    if scale_out:
        import redis

        need(
            _reachable(lambda: redis.Redis.from_url(SCALE_OUT_REDIS_URL).ping()),
            f"Redis is not reachable at {SCALE_OUT_REDIS_URL}",
        )
        _flush_redis(SCALE_OUT_REDIS_URL)
        env["REDIS_URL"] = SCALE_OUT_REDIS_URL
    processes = [_start(["demo", "--port", str(port)], env, output)]
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if processes[0].poll() is not None:
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
        if scale_out:
            # The demo's settings, read from the same data folder, in a worker
            # process of its own: the server runs no task threads when REDIS_URL is set.
            worker_env = {
                **env,
                "HAVRE_MODE": "demo",
                "HAVRE_PUBLIC_URL": url,
                "HAVRE_TWILIO_API_BASE": f"{url}/simulator/twilio",
            }
            processes.append(_start(["worker"], worker_env, output))
        yield RunningServer(url, data_dir, output, env.get("DATABASE_URL"), env.get("REDIS_URL"))
    finally:
        for process in reversed(processes):
            _stop(process)
        if base and database_name:
            _drop_postgres_database(base, database_name)
        if scale_out:
            _flush_redis(SCALE_OUT_REDIS_URL)


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
