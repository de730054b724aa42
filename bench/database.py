"""A throwaway SQLite test database for a benchmark that measures in-process."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable


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
