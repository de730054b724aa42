"""A first-come, first-served gate in front of SQLite's write lock.

SQLite lets one writer in at a time. A thread that finds the lock taken
sleeps in SQLite's busy handler and tries again, sleeping longer each time,
so a writer that came late may slip in while one that has waited a second
still sleeps: under load the slowest webhooks waited over a second. Within
one process, Havre's writers take this gate before `BEGIN IMMEDIATE` and
leave it at commit or rollback; whoever waited longest is let in next, as
soon as the lock is free. The wait is bounded: past it the writer gets the
`OperationalError` that SQLite's own timeout gives, which a webhook answers
with 503 and Retry-After, having stored nothing.

Other processes (a `havre` command run beside the server) still meet
SQLite's own lock and busy handler, as before.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from typing import Any


class WriteGate:
    """A lock whose waiters are let in strictly in the order they asked."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Lock] = deque()

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the gate; False if it never came."""
        with self._mutex:
            if not self._held and not self._waiters:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        if turn.acquire(timeout=timeout):
            return True
        with self._mutex:
            if turn in self._waiters:
                self._waiters.remove(turn)
                return False
        # Handed over between the timeout and the check: it is ours.
        return True

    def release(self) -> None:
        """Let the longest waiter in, or open the gate when nobody waits."""
        with self._mutex:
            if self._waiters:
                # The gate stays held: it passes straight to the next writer.
                self._waiters.popleft().release()
            else:
                self._held = False


_gates: dict[str, WriteGate] = {}
_gates_lock = threading.Lock()


def gate_for(name: str) -> WriteGate:
    """The one gate of this process for the database file `name`."""
    with _gates_lock:
        gate = _gates.get(name)
        if gate is None:
            gate = _gates[name] = WriteGate()
        return gate


class IdleConnections:
    """Open SQLite connections to one file, kept between requests.

    Each request runs in a thread of its own, which used to open a
    connection (its pragmas, its functions, the schema read again on the
    first statement) and close it at the end. A connection given back here
    outside any transaction is handed to the next request instead; at most
    `limit` wait, the rest are closed. Only one thread uses a connection at a
    time: it is taken out while in use.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._idle: list[Any] = []

    def take(self) -> Any | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def give_back(self, connection: Any) -> bool:
        """Keep `connection` for the next request; False when it should be closed."""
        with self._lock:
            if len(self._idle) >= self.limit:
                return False
            self._idle.append(connection)
            return True


_idle: dict[tuple[int, str], IdleConnections] = {}


def idle_connections_for(name: str, limit: int) -> IdleConnections:
    """This process's idle connections to the file `name` (a forked child has its own)."""
    key = (os.getpid(), name)
    with _gates_lock:
        found = _idle.get(key)
        if found is None:
            found = _idle[key] = IdleConnections(limit)
        return found
