"""Prepares the console benchmark's database: one advocate and N open conversations.

Run as `python -m bench.console_seed` with the server's environment, before
the server starts; `BENCH_CONSOLE_CONVERSATIONS` says how many. Prints what
the benchmark needs as JSON.

Each conversation's first text is sealed and routed as the inbound pipeline
does it (`havre.intake.pipeline.seal`), then stored by the conversations'
own action; the welcome notices and triage are left out, to seed thousands
of conversations in seconds rather than in half an hour.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

import uuid  # noqa: E402

from django.db import transaction  # noqa: E402

from havre.conversations.actions.inbound import store_arrival  # noqa: E402
from havre.intake.pipeline import Text, seal  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed  # noqa: E402

ACCOUNT = Account("AC" + "be" * 16, "console-bench-token-0000000000000", "+15555550100")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada")
}


def texter(n: int) -> str:
    return f"+1514{5550000 + n:07d}"


def main() -> None:
    count = int(os.environ.get("BENCH_CONSOLE_CONVERSATIONS", "10"))
    seeded = seed(STAFF, ACCOUNT)
    # One transaction: SQLite then writes the disk once rather than once per text.
    with transaction.atomic():
        for n in range(count):
            arrival = Text(
                seeded.channel,
                provider_id=f"SM{uuid.uuid4().hex}",
                sender=texter(n),
                body="I need to talk to someone tonight, is it safe to write here?",
                media_count=0,
            )
            store_arrival(seal(arrival, texter(n)))
    print(
        json.dumps(
            {
                **seeded.person("admin"),
                "channel": str(seeded.channel.pk),
                "texters": [texter(n) for n in range(count)],
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
