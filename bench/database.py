"""Throwaway databases for the benchmarks: a SQLite test database for one that
measures in-process, and a PostgreSQL database for one that starts servers."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def in_throwaway_database(prefix: str, run: Callable[[], None]) -> None:
    """Set Havre up in test mode on a new data folder, call `run`, then drop the database."""
    data_dir = tempfile.mkdtemp(prefix=prefix)
    os.environ["HAVRE_MODE"] = "test"
    os.environ["HAVRE_DATA_DIR"] = data_dir
    os.environ["HAVRE_TEST_SQLITE"] = os.path.join(data_dir, "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


@contextmanager
def throwaway_postgres(base: str) -> Iterator[str]:
    """A new PostgreSQL database beside `base`'s, its URL, dropped afterwards."""
    import psycopg

    name = f"havre_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reachable_postgres(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True
