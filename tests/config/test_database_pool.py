"""Each process holds a bounded number of PostgreSQL connections: a pool of
HAVRE_DB_POOL_SIZE that its request and worker threads share.

Against the real PostgreSQL server: many threads, each running queries and
ending its "request" as Django does, are seen in pg_stat_activity never to
hold more connections than the bound. Skipped on a computer without
PostgreSQL; CI always runs it. The production settings turn the pool on,
with the size given or 10, and refuse a size out of bounds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db.utils import ConnectionHandler

from havre.config import DB_POOL_DEFAULT, DB_POOL_MAX, ConfigError, database_settings, pool_size
from tests.conftest import need

BASE = (
    os.environ.get("HAVRE_TEST_DATABASE_URL")
    or os.environ.get("DATABASE_URL")
    or "postgres://postgres@127.0.0.1:5432/test"
)
THREADS = 24
QUERIES = 5


def _reachable() -> bool:
    try:
        psycopg.connect(BASE, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _held(monitor: psycopg.Connection[tuple[int]], name: str) -> int:
    row = monitor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
    ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.postgres
def test_many_threads_never_hold_more_connections_than_the_pool(django_db_blocker: Any) -> None:
    need(_reachable(), f"PostgreSQL is not reachable at {BASE}")
    name = f"havre-pool-test-{uuid.uuid4().hex[:8]}"
    bound = 3
    # Its own alias: Django keeps pools by alias, and "default" is the suite's.
    handler = ConnectionHandler(
        {
            "default": {"ENGINE": "django.db.backends.dummy"},
            "pooled": database_settings(BASE, pool_size=bound, application_name=name),
        }
    )
    done = threading.Event()
    failures: list[BaseException] = []
    answered: list[int] = []
    seen: list[int] = []

    def request_thread() -> None:
        try:
            connection = handler["pooled"]
            for _ in range(QUERIES):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1 FROM pg_sleep(0.02)")
                    answered.append(cursor.fetchone()[0])
                # A request's end, as Django's request_finished does it.
                connection.close_if_unusable_or_obsolete()
        except BaseException as exc:
            failures.append(exc)

    # Not the test database: connections of its own, outside pytest-django's.
    with django_db_blocker.unblock(), psycopg.connect(BASE, autocommit=True) as monitor:

        def watch() -> None:
            while not done.is_set():
                seen.append(_held(monitor, name))

        watcher = threading.Thread(target=watch)
        watcher.start()
        threads = [threading.Thread(target=request_thread) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        watcher.join()
        handler["pooled"].close_pool()
        # The server forgets closed connections a moment after they close.
        for _ in range(200):
            if (after := _held(monitor, name)) == 0:
                break
            time.sleep(0.05)

    assert failures == []
    assert answered == [1] * (THREADS * QUERIES)
    # The pool was used, and never beyond its bound.
    assert max(seen) >= 1
    assert max(seen) <= bound
    assert after == 0


def test_the_pool_is_on_by_default_and_django_keeps_no_connection_of_its_own() -> None:
    database = database_settings("postgres://u@db.example:5432/havre", pool_size=DB_POOL_DEFAULT)
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"]["max_size"] == DB_POOL_DEFAULT
    assert database["OPTIONS"]["application_name"] == "havre"
    # SQLite has no pool: one process, its own file.
    assert "pool" not in database_settings("sqlite:////tmp/x.sqlite3", pool_size=4).get(
        "OPTIONS", {}
    )


def test_the_pool_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAVRE_DB_POOL_SIZE", raising=False)
    assert pool_size() == DB_POOL_DEFAULT
    monkeypatch.setenv("HAVRE_DB_POOL_SIZE", "4")
    assert pool_size() == 4
    for wrong in ("0", str(DB_POOL_MAX + 1)):
        monkeypatch.setenv("HAVRE_DB_POOL_SIZE", wrong)
        with pytest.raises(ConfigError, match="HAVRE_DB_POOL_SIZE must be between 1 and"):
            pool_size()


def _settings_of(**environment: str) -> dict[str, Any]:
    """What havre.settings makes of this environment, in production mode."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVRE_", "DJANGO_"))}
    env.update(
        HAVRE_SECRET_KEY="k2P9xQ7mW4tR8vB1nZ6yL3cF5hJ0dS-_aE",
        HAVRE_ROUTE_KEY="r7T1uY4iO9pA2sD5fG8hJ3kL6zX0cV-_bN",
        DATABASE_URL="postgres://havre@db.example:5432/havre",
        **environment,
    )
    script = (
        "import json; from havre import settings as s; "
        "d = s.DATABASES['default']; "
        "print(json.dumps({'max_age': d['CONN_MAX_AGE'], 'pool': d['OPTIONS'].get('pool'), "
        "'problems': s.HAVRE_CONFIG_PROBLEMS}))"
    )
    made = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(made.stdout))


def test_production_settings_pool_postgresql_connections(tmp_path: Path) -> None:
    default = _settings_of(HAVRE_DATA_DIR=str(tmp_path))
    assert default["problems"] == []
    assert default["max_age"] == 0
    assert default["pool"]["max_size"] == DB_POOL_DEFAULT
    assert (
        _settings_of(HAVRE_DATA_DIR=str(tmp_path), HAVRE_DB_POOL_SIZE="7")["pool"]["max_size"] == 7
    )
    refused = _settings_of(HAVRE_DATA_DIR=str(tmp_path), HAVRE_DB_POOL_SIZE="500")
    assert any(
        p.startswith("HAVRE_DB_POOL_SIZE must be between 1 and") for p in refused["problems"]
    )
