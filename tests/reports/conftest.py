"""Conversations made through the real inbound pipeline, for the queue's health."""

from __future__ import annotations

from tests.console.conftest import (  # noqa: F401  (shared fixtures)
    Thread,
    start_thread,
    thread_a,
)
