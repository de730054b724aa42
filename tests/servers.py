"""Starting and stopping a `python -m havre ...` server process, without Django.

Shared by the browser tests' fixtures (tests/browser/conftest.py) and
scripts/screenshots, which import it before any Django settings exist.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(args: list[str], env: dict[str, str], output: Path) -> subprocess.Popen[bytes]:
    """`python -m havre *args` in its own session, its output appended to `output`."""
    with output.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "havre", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the process and its children: politely, then for sure."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
