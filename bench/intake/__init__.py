"""`bench/intake`: end-to-end intake on a real server, against a bare ASGI app.

Starts Havre as the product runs it (`havre serve`: uvicorn, the ASGI app,
the embedded task workers; SQLite in embedded mode) on 127.0.0.1, opens one
advocate's console websocket, and posts signed Twilio webhooks from about 200
senders (new conversations and follow-ups mixed) at concurrency 8 and 32. Then
the same in scale-out mode when PostgreSQL and Redis are reachable: a
throwaway database, two `havre serve --no-workers` taking the webhooks in
turn, one `havre worker`, the websocket on the second server. In the same run
the same webhooks go to `bench.intake.bare`, which verifies the same
signature and does one durable SQLite insert.

Prints, per system and concurrency: texts per second, p50/p95/p99 of the POST
and of POST-to-event (the first websocket event whose sequence number shows
the text), server CPU per text, database queries per text, errors, and the
ratio to the bare app. `--json` prints the same as JSON.

Bounded: each phase stops after `--count` texts or `--seconds`, whichever
comes first (small by default; `make bench` runs the default).

    python -m bench.intake [--count 600] [--seconds 60] [--concurrency 8 32]
        [--modes embedded scale-out] [--database-url URL] [--redis-url URL] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.database import reachable_postgres, throwaway_postgres
from bench.intake.load import Phase, queries_per_text, run_phase
from bench.intake.processes import FakeProvider, Server, start_bare, start_havre

SENDERS = 200
WARMUP = 20
# Texts posted one at a time to count the queries of a new conversation and of a follow-up.
QUERY_SAMPLE = 10


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.intake", description=__doc__)
    parser.add_argument("--count", type=int, default=int(os.environ.get("BENCH_INTAKE_COUNT", 600)))
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--senders", type=int, default=SENDERS)
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=["embedded", "scale-out"],
        default=["embedded", "scale-out"],
        help="scale-out needs PostgreSQL and Redis, and is skipped without them",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("HAVRE_BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/test",
        help="a PostgreSQL server beside whose database a throwaway one is made",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("HAVRE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="a Redis database the benchmark may empty, before and after",
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the servers' data folders and logs in DIR (a new folder) instead of deleting them",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    # The fake provider is Havre's test tool: it needs settings, not a database.
    os.environ.setdefault("HAVRE_MODE", "test")
    os.environ.setdefault("HAVRE_DATA_DIR", tempfile.mkdtemp(prefix="havre-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from havre.gateways.twilio.fake import FakeTwilio

    results: list[dict[str, Any]] = []
    skipped: list[str] = []
    # Signs the webhooks as Twilio does; the provider's API is served apart.
    signer = FakeTwilio()
    provider = FakeProvider()
    try:
        with _folder(args.keep) as root:
            setup: dict[str, Any] = {}
            if "embedded" in args.modes:
                with start_havre(root / "havre", provider) as server:
                    setup = _signing(signer, server)
                    results += _phases("havre", server, signer, args)
            if "scale-out" in args.modes:
                problem = _scale_out_problem(args)
                if problem:
                    skipped.append(f"scale-out skipped: {problem}")
                else:
                    with (
                        throwaway_postgres(args.database_url) as database_url,
                        _emptied_redis(args.redis_url),
                        start_havre(
                            root / "scale-out",
                            provider,
                            database_url=database_url,
                            redis_url=args.redis_url,
                        ) as server,
                    ):
                        setup = _signing(signer, server)
                        results += _phases("scale-out", server, signer, args)
            if setup:
                with start_bare(root / "bare", setup) as bare:
                    results += _phases("bare", bare, signer, args)
    finally:
        provider.close()

    costs = [r for r in results if "queries_new" in r]
    results = [r for r in results if "queries_new" not in r]
    report = {
        "machine": _machine(),
        "count": args.count,
        "results": results,
        "queries": costs,
        "skipped": skipped,
    }
    for row in results:
        if row["system"] == "bare":
            continue
        base = next(
            r for r in results if r["system"] == "bare" and r["concurrency"] == row["concurrency"]
        )
        row["ratio_to_bare"] = (
            row["texts_per_s"] / base["texts_per_s"] if base["texts_per_s"] else 0
        )
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)


@contextmanager
def _folder(keep: str | None) -> Iterator[Path]:
    if keep:
        Path(keep).mkdir(parents=True)
        yield Path(keep)
        return
    with tempfile.TemporaryDirectory(prefix="havre-bench-intake-") as tmp:
        yield Path(tmp)


def _signing(signer: Any, server: Server) -> dict[str, Any]:
    setup = server.setup
    signer.register_account(setup["account_sid"], setup["auth_token"], [setup["address"]])
    return setup


def _scale_out_problem(args: argparse.Namespace) -> str | None:
    import redis

    if not reachable_postgres(args.database_url):
        return f"PostgreSQL is not reachable at {args.database_url}"
    try:
        redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return f"Redis is not reachable at {args.redis_url}"
    return None


@contextmanager
def _emptied_redis(url: str) -> Iterator[None]:
    import redis

    connection = redis.Redis.from_url(url)
    connection.flushdb()
    try:
        yield
    finally:
        connection.flushdb()


def _phases(
    system: str, server: Server, fake: Any, args: argparse.Namespace
) -> list[dict[str, Any]]:
    rows = []
    if system != "bare":
        rows.append(_query_costs(system, server, fake))
    for n, concurrency in enumerate(args.concurrency):
        # Each phase has its own senders, so that each starts with new conversations.
        senders = [f"+1438{n:01d}{i:06d}" for i in range(args.senders)]
        rng = random.Random(concurrency)
        order = [rng.choice(senders) for _ in range(args.count)]
        warmup = [f"+1450{n:01d}{i:06d}" for i in range(WARMUP)]
        phase = Phase(
            system=system,
            concurrency=concurrency,
            forms=[_form(server, fake, s) for s in order],
            warmup=[_form(server, fake, s) for s in warmup],
            seconds=args.seconds,
        )
        rows.append(run_phase(server, phase, _stored_seqs))
    return rows


def _query_costs(system: str, server: Server, fake: Any) -> dict[str, Any]:
    """Queries for a new conversation's first text and for a follow-up, apart."""
    senders = [f"+1451{i:07d}" for i in range(QUERY_SAMPLE)]
    new = queries_per_text(server, [_form(server, fake, s) for s in senders])
    follow_up = queries_per_text(server, [_form(server, fake, s) for s in senders])
    return {"system": system, "queries_new": new, "queries_follow_up": follow_up}


BODIES = [
    "I am not safe at home tonight, can someone talk to me?",
    "he took my phone earlier, this is a friend's",
    "ok",
    "Are you still there? I can only write for a few minutes",
    "I don't know what to do, he said he would come back",
]


def _form(server: Server, fake: Any, sender: str) -> Any:
    setup = server.setup
    return fake.inbound_form(
        server.hook_urls[0],
        sender=sender,
        to=setup["address"],
        body=random.choice(BODIES),
        account_sid=setup["account_sid"],
    )


def _stored_seqs(server: Server, sids: set[str]) -> dict[str, tuple[str, int]]:
    """Each stored text's conversation and sequence number, by provider id."""
    if server.database is None:
        return {}
    query = (
        "SELECT provider_id, conversation_id, seq FROM conversations_message WHERE direction = 'in'"
    )
    if isinstance(server.database, str):
        import psycopg

        with psycopg.connect(server.database) as pg:
            found = pg.execute(query).fetchall()
        return {sid: (uuid.UUID(str(c)).hex, int(seq)) for sid, c, seq in found if sid in sids}
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT provider_id, conversation_id, seq FROM conversations_message "
            "WHERE direction = 'in'"
        ).fetchall()
    return {sid: (uuid.UUID(str(conv)).hex, int(seq)) for sid, conv, seq in rows if sid in sids}


def _machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model}


def _print(report: dict[str, Any]) -> None:
    machine = report["machine"]
    print(f"intake end to end, signed Twilio webhooks, {machine['cores']} cores ({machine['cpu']})")
    print(
        f"{'system':<10}{'conc':>5}{'texts':>7}{'texts/s':>9}{'POST p50/p95/p99 ms':>22}"
        f"{'event p50/p95/p99 ms':>23}{'CPU ms/text':>12}{'queries/text':>13}{'errors':>7}"
        f"{'x bare':>8}{'across':>8}"
    )
    for r in report["results"]:
        post = "/".join(f"{r['post_ms'][k]:.0f}" for k in ("p50", "p95", "p99"))
        event = (
            "/".join(f"{r['event_ms'][k]:.0f}" for k in ("p50", "p95", "p99"))
            if r["event_ms"]
            else "-"
        )
        queries = (
            f"{r['queries_per_text']:.1f}" if r["queries_per_text"] is not None else "1 (by design)"
        )
        ratio = f"{r['ratio_to_bare']:.2f}" if "ratio_to_bare" in r else ""
        across = "" if r.get("events_across_servers") is None else str(r["events_across_servers"])
        print(
            f"{r['system']:<10}{r['concurrency']:>5}{r['texts']:>7}{r['texts_per_s']:>9.0f}"
            f"{post:>22}{event:>23}{r['cpu_ms_per_text']:>12.2f}{queries:>13}{r['errors']:>7}"
            f"{ratio:>8}{across:>8}"
        )
    for r in report["results"]:
        if r["errors"]:
            statuses = ", ".join(f"{k or 'no answer'}: {v}" for k, v in r["error_statuses"].items())
            print(f"{r['system']} at {r['concurrency']}: {r['errors']} errors ({statuses})")
    for r in report["queries"]:
        print(
            f"{r['system']}: {r['queries_new']:.1f} queries for a new conversation's first text, "
            f"{r['queries_follow_up']:.1f} for a follow-up (its automatic replies included)"
        )
    for r in report["results"]:
        if r.get("db_connections_max") is not None:
            print(
                f"{r['system']} at {r['concurrency']}: at most {r['db_connections_max']} PostgreSQL "
                "connections held at once by Havre's three processes"
            )
    for line in report["skipped"]:
        print(line)
    print("across: texts posted to one app server whose event the websocket on the other heard")
    print("targets (embedded, 2 cores): >= 300 texts/s, POST p99 <= 100 ms and event p99 <= 150 ms")
    print(
        "at concurrency 8; POST p99 <= 300 ms and no error at concurrency 32; scale-out: at least"
    )
    print("the same throughput, no error")
