"""Test settings: Havre's own settings in test mode.

Set before havre.settings is read, so every test process (and the servers the
browser tests start, which set HAVRE_MODE themselves) runs in test mode.
"""

import os
from pathlib import Path

os.environ["HAVRE_MODE"] = "test"
os.environ.setdefault(
    "HAVRE_DATA_DIR", str(Path(__file__).resolve().parent.parent / "data" / "test")
)
# The SQLite test database is a file, not memory: an in-memory database is one
# connection shared by every thread, and the live servers' request threads
# would then interleave their transactions.
_test_db = Path(os.environ["HAVRE_DATA_DIR"]) / "test.sqlite3"
_test_db.parent.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("HAVRE_TEST_SQLITE", str(_test_db))

from havre.settings import *  # noqa: E402, F403
