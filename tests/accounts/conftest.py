"""Staff of programs A and B with keys and a second factor, on top of tests/conftest.py."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from havre.accounts.models import Role
from tests.accounts.helpers import Member, make_member
from tests.conftest import ProgramKeys


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Failure counters live in the cache; one test's must not limit the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_a(keys_a: ProgramKeys) -> Member:
    return make_member(keys_a.program, "ada.keys@a.example", Role.ADMIN, keys_a.private_key)


@pytest.fixture
def advocate_a(keys_a: ProgramKeys) -> Member:
    """Signed up, but not yet granted the program key."""
    return make_member(keys_a.program, "alex.keys@a.example", Role.ADVOCATE)


@pytest.fixture
def admin_b(keys_b: ProgramKeys) -> Member:
    """Charlie's counterpart with keys: an admin of B, who must reach nothing of A's."""
    return make_member(keys_b.program, "charlie.keys@b.example", Role.ADMIN, keys_b.private_key)


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
