"""Staff of programs A and B with keys and a second factor, on top of tests/conftest.py."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.accounts.fixtures import _fresh_cache, admin_a, admin_b, advocate_a  # noqa: F401 (fixtures)

CHROMIUM = Path("/usr/bin/chromium")


def require(condition: bool, reason: str) -> None:
    """Skip on a computer that lacks a tool; in CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


def _wait_for_request_threads(timeout: float = 5.0) -> None:
    # The live server answers each browser connection in a thread that closes
    # its database connection when the browser hangs up; let those finish
    # before the test database is torn down under them.
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def chromium_page(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A page in Debian's Chromium (never a downloaded browser), closed before the live server."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own
    # database calls are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking"],
        )
        context = browser.new_context(accept_downloads=True)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
            _wait_for_request_threads()
