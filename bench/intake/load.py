"""The intake benchmark's load: signed webhooks at a fixed concurrency, and the
advocate's websocket, timed from the client's side."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

from websockets.asyncio.client import connect

from bench.intake.processes import Server

# How long the events and the automatic replies may take to settle after the
# last POST before the phase's CPU and queries are read.
SETTLE_SECONDS = 10.0


@dataclass
class Phase:
    system: str
    concurrency: int
    forms: list[Any]
    warmup: list[Any]
    seconds: float


@dataclass
class Posted:
    sid: str
    started: float
    ended: float
    status: int
    # The app server that took it (host:port).
    target: str


StoredSeqs = Callable[[Server, set[str]], dict[str, tuple[str, int]]]


def run_phase(server: Server, phase: Phase, stored_seqs: StoredSeqs) -> dict[str, Any]:
    return asyncio.run(_run(server, phase, stored_seqs))


def queries_per_text(server: Server, forms: Sequence[Any]) -> float:
    """Queries per text for these texts posted one at a time, their aftermath included
    (automatic replies sent, sweeps aside): counted once the count stops moving."""
    before = _settled_queries(server)
    targets = [urlsplit(url) for url in server.hook_urls]
    posted = asyncio.run(_post_all(forms, targets, 1, 600))
    assert all(p.status == 200 for p in posted), [p.status for p in posted]
    return (_settled_queries(server) - before) / len(forms)


def _settled_queries(server: Server) -> int:
    last = server.queries()
    assert last is not None
    for _ in range(20):
        time.sleep(0.5)
        now = server.queries()
        assert now is not None
        if now == last:
            return now
        last = now
    return last


async def _run(server: Server, phase: Phase, stored_seqs: StoredSeqs) -> dict[str, Any]:
    events: list[tuple[float, dict[str, Any]]] = []
    listening = None
    socket = None
    if server.database is not None:
        setup = server.setup
        socket_url = server.socket_url or server.url
        socket = await connect(
            socket_url.replace("http://", "ws://") + "/ws/console/",
            origin=server.url,  # type: ignore[arg-type]
            additional_headers={"Cookie": f"{setup['session_cookie']}={setup['session_key']}"},
        )
        listening = asyncio.create_task(_listen(socket, events))
    targets = [urlsplit(url) for url in server.hook_urls]
    await _post_all(phase.warmup, targets, phase.concurrency, phase.seconds)
    cpu_before = server.cpu_seconds()
    queries_before = await asyncio.to_thread(server.queries)
    sampler = ConnectionSampler(server.database) if isinstance(server.database, str) else None
    started = time.perf_counter()
    posted = await _post_all(phase.forms, targets, phase.concurrency, phase.seconds)
    elapsed = time.perf_counter() - started
    held = sampler.stop() if sampler is not None else None
    ok = [p for p in posted if p.status == 200]
    stored = await asyncio.to_thread(stored_seqs, server, {p.sid for p in ok})
    await _settle(events, stored)
    cpu = server.cpu_seconds() - cpu_before
    queries_after = await asyncio.to_thread(server.queries)
    if listening is not None and socket is not None:
        listening.cancel()
        await socket.close()
    queries = None
    if queries_before is not None and queries_after is not None and ok:
        queries = (queries_after - queries_before) / len(ok)
    return {
        "system": phase.system,
        "concurrency": phase.concurrency,
        "texts": len(posted),
        "seconds": elapsed,
        "texts_per_s": len(ok) / elapsed if elapsed else 0.0,
        "errors": len(posted) - len(ok),
        # Each answer other than 200, by status (0: the connection failed).
        "error_statuses": dict(Counter(p.status for p in posted if p.status != 200)),
        "post_ms": percentiles([1000 * (p.ended - p.started) for p in ok]),
        "event_ms": percentiles(_to_event(ok, stored, events)) if server.database else None,
        "events_missing": (len(ok) - len(_to_event(ok, stored, events)))
        if server.database
        else None,
        # Texts posted to another server than the socket's whose event it heard.
        "events_across_servers": (
            len(_to_event(ok, stored, events, elsewhere=urlsplit(server.socket_url).netloc))
            if server.database and server.socket_url and len(targets) > 1
            else None
        ),
        # The most PostgreSQL connections Havre's processes held at once (scale-out).
        "db_connections_max": held,
        "cpu_ms_per_text": 1000 * cpu / len(ok) if ok else 0.0,
        "queries_per_text": queries,
    }


class ConnectionSampler:
    """Counts, every 50 ms, the connections Havre holds to its PostgreSQL database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.most = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as db:
            while not self._done.is_set():
                row = db.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = 'havre'"
                ).fetchone()
                self.most = max(self.most, int(row[0]) if row else 0)
                self._done.wait(0.05)

    def stop(self) -> int:
        self._done.set()
        self._thread.join(5)
        return self.most


async def _listen(socket: Any, events: list[tuple[float, dict[str, Any]]]) -> None:
    async for raw in socket:
        events.append((time.perf_counter(), json.loads(raw)))


async def _post_all(
    forms: Sequence[Any], targets: list[SplitResult], concurrency: int, seconds: float
) -> list[Posted]:
    """Post every form over `concurrency` kept-alive connections, until `seconds` pass.

    The connections are spread over the `targets` (the app servers), as a
    proxy spreads them; each form is signed for the public URL, whichever
    server takes it.

    A plain HTTP/1.1 client on asyncio's streams: a general-purpose client
    costs more of the client's own CPU per request than the bare app does, and
    on two cores the client's time is taken from the server's.
    """
    posted: list[Posted] = []
    queue = iter(forms)
    deadline = time.perf_counter() + seconds

    async def worker(target: SplitResult) -> None:
        connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        for form in queue:
            if time.perf_counter() > deadline:
                break
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection(target.hostname, target.port)
                status, keep = await _post(connection, form)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status, keep = 0, False
            posted.append(
                Posted(
                    form.params["MessageSid"], started, time.perf_counter(), status, target.netloc
                )
            )
            if not keep and connection is not None:
                connection[1].close()
                connection = None
        if connection is not None:
            connection[1].close()

    await asyncio.gather(*(worker(targets[n % len(targets)]) for n in range(concurrency)))
    return posted


async def _post(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], form: Any
) -> tuple[int, bool]:
    """One POST on a kept-alive connection: (status, whether the connection stays open)."""
    reader, writer = connection
    parts = urlsplit(form.url)
    body = form.encoded().encode()
    head = [f"POST {parts.path} HTTP/1.1", f"Host: {parts.netloc}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in form.headers().items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    await writer.drain()
    status_line = await reader.readuntil(b"\r\n")
    status = int(status_line.split()[1])
    length = 0
    keep = True
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "connection" and value.strip().lower() == "close":
            keep = False
    await reader.readexactly(length)
    return status, keep


async def _settle(
    events: list[tuple[float, dict[str, Any]]], stored: dict[str, tuple[str, int]]
) -> None:
    """Wait until the websocket has been quiet for a second (or SETTLE_SECONDS)."""
    deadline = time.perf_counter() + SETTLE_SECONDS
    seen = -1
    while time.perf_counter() < deadline:
        if len(events) == seen:
            return
        seen = len(events)
        await asyncio.sleep(1.0)


def _to_event(
    ok: list[Posted],
    stored: dict[str, tuple[str, int]],
    events: list[tuple[float, dict[str, Any]]],
    elsewhere: str | None = None,
) -> list[float]:
    """Per text, ms from its POST to the first event showing its conversation at its seq."""
    by_conversation: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for at, event in events:
        if event.get("type") == "conversation":
            by_conversation[event["conversation"].replace("-", "")].append((at, int(event["seq"])))
    found = []
    for p in ok:
        if p.sid not in stored or (elsewhere is not None and p.target == elsewhere):
            continue
        conversation, seq = stored[p.sid]
        times = [
            at for at, s in by_conversation.get(conversation, []) if s >= seq and at >= p.started
        ]
        if times:
            found.append(1000 * (min(times) - p.started))
    return found


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99)}
