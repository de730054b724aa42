"""Fixtures shared with the console's tests: its conversations, and its live server."""

from __future__ import annotations

from tests.console.conftest import thread_a  # noqa: F401 (shared fixture)
from tests.console.test_browser import console_server  # noqa: F401 (shared fixture)
