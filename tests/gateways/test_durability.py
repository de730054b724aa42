"""A crash mid-stream loses no text and stores none twice.

A real `havre serve` on 127.0.0.1 (and in scale-out, two app servers and a
worker on PostgreSQL and Redis) takes a stream of signed Twilio webhooks from
a few senders at once, each text with its own MessageSid. Twice in the
stream, every Havre process is killed with SIGKILL (nothing flushed, nothing
closed) and started again. Each sender does what Twilio does: a POST that got
no 2xx answer (the connection refused or cut, a 5xx, a 503) is posted again,
the same form with the same MessageSid, until it is answered.

Afterwards, read from the database the servers wrote: every MessageSid is
stored exactly once, those whose first POST was answered and those that were
only answered on a retry (a text stored just before the kill and posted again
is not stored twice); and no text, no sender's number sits in clear in the
database, the task queue or the logs.

A few hundred texts by default; `HAVRE_TEST_DURABILITY=8000` (or
`make durability`) plays the long version.
"""

from __future__ import annotations

import http.client
import os
import queue
import sqlite3
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.database import reachable_postgres, throwaway_postgres
from bench.intake.processes import FakeProvider, Server, start_havre
from havre.gateways.twilio.fake import FakeTwilio, SignedForm
from tests.conftest import REDIS_QUEUE_URL, need

COUNT = int(os.environ.get("HAVRE_TEST_DURABILITY", "300"))
CONCURRENCY = 6
SENDERS = [f"+1438555{n:04d}" for n in range(10)]
# Each text carries this word and its own number, so that its plaintext can
# be looked for, byte for byte, wherever Havre wrote.
MARKER = "lanternwick"
CRASHES = 2
BASE_DATABASE = (
    os.environ.get("HAVRE_TEST_DATABASE_URL")
    or os.environ.get("DATABASE_URL")
    or "postgres://postgres@127.0.0.1:5432/test"
)


@dataclass
class Stream:
    """What the senders saw: per MessageSid, the POSTs made and whether the first
    was answered with a 2xx."""

    attempts: Counter[str] = field(default_factory=Counter)
    answered_first: set[str] = field(default_factory=set)
    # Statuses of the POSTs that got no 2xx answer (0: no answer at all).
    failures: Counter[int] = field(default_factory=Counter)
    acknowledged: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _post_once(connection: http.client.HTTPConnection, form: SignedForm) -> int:
    parts = urlsplit(form.url)
    headers = {**form.headers(), "Host": parts.netloc}
    connection.request("POST", parts.path, body=form.encoded().encode(), headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def _sender(target: str, forms: queue.Queue[SignedForm], stream: Stream) -> None:
    """Post each form until it is answered with a 2xx, as Twilio retries."""
    parts = urlsplit(target)
    connection: http.client.HTTPConnection | None = None
    while True:
        try:
            form = forms.get_nowait()
        except queue.Empty:
            break
        sid = form.params["MessageSid"]
        pause = 0.1
        while True:
            if connection is None:
                connection = http.client.HTTPConnection(
                    parts.hostname or "127.0.0.1", parts.port, timeout=120
                )
            try:
                status = _post_once(connection, form)
            except (OSError, http.client.HTTPException):
                status = 0
            with stream.lock:
                stream.attempts[sid] += 1
                if 200 <= status < 300:
                    if stream.attempts[sid] == 1:
                        stream.answered_first.add(sid)
                    stream.acknowledged.add(sid)
                else:
                    stream.failures[status] += 1
            if 200 <= status < 300:
                break
            connection.close()
            connection = None
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
    if connection is not None:
        connection.close()


def _crasher(server: Server, stream: Stream, done: threading.Event, crashes: list[int]) -> None:
    """Kill every Havre process once a third, then two thirds, of the texts are in."""
    for n in range(1, CRASHES + 1):
        while len(stream.acknowledged) < n * COUNT // (CRASHES + 1):
            if done.wait(0.02):
                return
        server.crash_and_restart()
        crashes.append(len(stream.acknowledged))


def _play(server: Server, signer: FakeTwilio) -> tuple[Stream, list[SignedForm], list[int]]:
    setup = server.setup
    signer.register_account(setup["account_sid"], setup["auth_token"], [setup["address"]])
    forms = [
        signer.inbound_form(
            server.hook_urls[0],
            sender=SENDERS[n % len(SENDERS)],
            to=setup["address"],
            body=f"he said he would come back tonight {MARKER}{n:05d}",
            account_sid=setup["account_sid"],
        )
        for n in range(COUNT)
    ]
    waiting: queue.Queue[SignedForm] = queue.Queue()
    for form in forms:
        waiting.put(form)
    stream = Stream()
    done = threading.Event()
    crashes: list[int] = []
    crasher = threading.Thread(target=_crasher, args=(server, stream, done, crashes))
    crasher.start()
    # The connections are spread over the app servers, as a proxy spreads them;
    # every form is signed for the public URL, whichever server takes it.
    senders = [
        threading.Thread(
            target=_sender, args=(server.hook_urls[n % len(server.hook_urls)], waiting, stream)
        )
        for n in range(CONCURRENCY)
    ]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    done.set()
    crasher.join()
    return stream, forms, crashes


def _check(stream: Stream, forms: list[SignedForm], crashes: list[int], stored: list[str]) -> None:
    sids = [form.params["MessageSid"] for form in forms]
    # The server was killed twice mid-stream, and POSTs went unanswered.
    assert len(crashes) == CRASHES, crashes
    assert all(0 < at < COUNT for at in crashes), crashes
    retried = {sid for sid in sids if stream.attempts[sid] > 1}
    assert retried, "no POST went unanswered: the crashes missed the stream"
    assert stream.failures[0] > 0, stream.failures
    # Every text was answered in the end, its first POST or a retry.
    assert stream.acknowledged == set(sids)
    # Stored exactly once: none lost, none twice, nothing else.
    counts = Counter(stored)
    assert [sid for sid, n in counts.items() if n > 1] == []
    assert set(sids) - set(counts) == set(), "texts lost"
    assert set(counts) - set(sids) == set()
    # Both kinds, apart: the acknowledged at once and the acknowledged on a retry.
    assert all(counts[sid] == 1 for sid in stream.answered_first)
    assert all(counts[sid] == 1 for sid in retried)


def _needles() -> list[bytes]:
    numbers = [n.encode() for n in SENDERS] + [n[1:].encode() for n in SENDERS]
    return [MARKER.encode(), b"come back tonight", *numbers]


def _files_with_plaintext(folder: Path) -> list[tuple[str, bytes]]:
    """(file, needle) for each needle found in any file under `folder`: the
    database, its write-ahead log, the task queue, the logs."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        found += [(str(path.relative_to(folder)), n) for n in _needles() if n in raw]
    return found


@pytest.fixture(autouse=True, scope="module")
def _once_per_suite() -> None:
    """These tests start their own servers on their own databases, whatever the
    suite's: they run in the suite's SQLite run, not again in its PostgreSQL run."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("runs in the SQLite run of the suite (its servers bring their own databases)")


@pytest.fixture(scope="module")
def signer() -> FakeTwilio:
    """Signs the webhooks as Twilio does; the provider's API is served apart."""
    return FakeTwilio()


@pytest.fixture(scope="module")
def provider() -> Iterator[FakeProvider]:
    """The fake Twilio the servers send their automatic replies to."""
    fake = FakeProvider()
    yield fake
    fake.close()


def test_embedded_a_crash_twice_mid_stream_loses_no_text_and_stores_none_twice(
    tmp_path: Path, signer: FakeTwilio, provider: FakeProvider
) -> None:
    folder = tmp_path / "havre"
    with start_havre(folder, provider) as server:
        stream, forms, crashes = _play(server, signer)
        assert isinstance(server.database, Path)
        with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as db:
            stored = [
                row[0]
                for row in db.execute(
                    "SELECT provider_id FROM conversations_message WHERE direction = 'in'"
                )
            ]
        _check(stream, forms, crashes, stored)
    # Stopped, so that what the servers wrote last is in the files.
    assert _files_with_plaintext(folder) == []


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_QUEUE_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _rows_with_plaintext(database_url: str) -> list[tuple[str, bytes]]:
    """(table, needle) for each needle found in any column of any row."""
    import psycopg

    found: list[tuple[str, bytes]] = []
    with psycopg.connect(database_url) as pg:
        tables = [
            row[0]
            for row in pg.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        for table in tables:
            for row in pg.execute(f'SELECT * FROM "{table}"').fetchall():  # noqa: S608 (names from the catalogue)
                for value in row:
                    raw = (
                        bytes(value)
                        if isinstance(value, (bytes, memoryview))
                        else str(value).encode()
                    )
                    found += [(table, n) for n in _needles() if n in raw]
    return found


def _queue_with_plaintext(url: str) -> list[tuple[str, bytes]]:
    """(key, needle) for each needle found in any value Redis holds in this database."""
    import redis

    connection = redis.Redis.from_url(url)
    found: list[tuple[str, bytes]] = []
    for key in connection.scan_iter():
        kind = connection.type(key)
        if kind == b"string":
            values = [connection.get(key) or b""]
        elif kind == b"list":
            values = list(connection.lrange(key, 0, -1))
        elif kind == b"zset":
            values = list(connection.zrange(key, 0, -1))
        elif kind == b"hash":
            values = [v for pair in connection.hgetall(key).items() for v in pair]
        elif kind == b"set":
            values = list(connection.smembers(key))
        else:
            values = []
        found += [(key.decode(), n) for v in values for n in _needles() if n in v]
    return found


@pytest.mark.postgres
@pytest.mark.redis
def test_scale_out_a_crash_twice_mid_stream_loses_no_text_and_stores_none_twice(
    tmp_path: Path, signer: FakeTwilio, provider: FakeProvider
) -> None:
    need(reachable_postgres(BASE_DATABASE), f"PostgreSQL is not reachable at {BASE_DATABASE}")
    need(_redis_reachable(), f"Redis is not reachable at {REDIS_QUEUE_URL}")
    import redis

    queue_db = redis.Redis.from_url(REDIS_QUEUE_URL)
    queue_db.flushdb()
    folder = tmp_path / "scale-out"
    try:
        with (
            throwaway_postgres(BASE_DATABASE) as database_url,
            start_havre(
                folder, provider, database_url=database_url, redis_url=REDIS_QUEUE_URL
            ) as server,
        ):
            stream, forms, crashes = _play(server, signer)
            import psycopg

            with psycopg.connect(database_url) as pg:
                stored = [
                    str(row[0])
                    for row in pg.execute(
                        "SELECT provider_id FROM conversations_message WHERE direction = 'in'"
                    ).fetchall()
                ]
            _check(stream, forms, crashes, stored)
            assert _rows_with_plaintext(database_url) == []
            assert _queue_with_plaintext(REDIS_QUEUE_URL) == []
        assert _files_with_plaintext(folder) == []
    finally:
        queue_db.flushdb()


def test_the_needles_are_found_where_they_are(tmp_path: Path) -> None:
    """The plaintext scan finds a text and a number written in clear."""
    (tmp_path / "leak.log").write_text(f"from {SENDERS[0]}: {MARKER}00001 {uuid.uuid4()}")
    assert {n for _, n in _files_with_plaintext(tmp_path)} >= {
        MARKER.encode(),
        SENDERS[0].encode(),
        SENDERS[0][1:].encode(),
    }
