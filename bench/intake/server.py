"""`havre serve` as the product runs it, with a count of its database queries.

Run as `python -m bench.intake.server serve --port P` with the server's
environment. Every Django connection of the process (request threads and the
embedded task workers alike) counts its queries; on SIGUSR1 the count is
written to the file named by BENCH_QUERIES_FILE, so the benchmark reads it
before and after a run without stopping the server.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from django.db.backends.signals import connection_created

_lock = threading.Lock()
_queries = 0


def _count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    global _queries
    with _lock:
        _queries += 1
    return execute(sql, params, many, context)


def _counting(sender: Any, connection: Any, **kwargs: Any) -> None:
    if _count not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count)


def _write_count(signum: int, frame: FrameType | None) -> None:
    path = Path(os.environ["BENCH_QUERIES_FILE"])
    tmp = path.with_suffix(".tmp")
    tmp.write_text(str(_queries), encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    connection_created.connect(_counting, weak=False)
    signal.signal(signal.SIGUSR1, _write_count)
    from havre.cli import main as havre

    havre(["havre", *sys.argv[1:]])


if __name__ == "__main__":
    main()
