"""Prepares the database of the Reports browser test, then prints what the test needs.

Run as `python -m tests.reports.browser_setup` with the server's environment,
before the server starts: a supervisor and an admin holding the program key,
the hand-computed week of tests/reports/seed.py, and one texter waiting in
the queue for seven minutes (a busy queue).
"""

from __future__ import annotations

import json
import os
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from havre.accounts.models import Program  # noqa: E402
from havre.conversations.models import Conversation  # noqa: E402
from havre.vault import formats  # noqa: E402
from havre.vault.models import Epoch  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402
from tests.reports.seed import seed_week  # noqa: E402

STAFF = {
    "sam": StaffMember("sam@refuge.example", "beacon willow north sam", Role.SUPERVISOR, "Sam"),
    "ada": StaffMember("ada@refuge.example", "lantern harbour copper ada", Role.ADMIN, "Ada"),
}
ACCOUNT = Account("AC" + "5d" * 16, "reports-browser-test-token-000000", "+15555550100")


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    other = Program.objects.create(name="Another refuge")
    Epoch.objects.create(program=other, number=1, public_key=formats.generate_keypair()[1])
    sam = seeded.people["sam"].user
    seed_week(seeded.program, other, sam)
    # The week's open conversations are someone's, not in the queue.
    Conversation.objects.filter(program=seeded.program, status="open").update(assigned_to=sam)
    message = text(seeded.channel, "+15145550101", "Are you there?")
    Conversation.objects.filter(pk=message.conversation_id).update(
        queued_at=timezone.now() - timedelta(minutes=7)
    )
    print(json.dumps({**{key: seeded.person(key) for key in STAFF}, **ACCOUNT.as_json()}))


if __name__ == "__main__":
    main()
