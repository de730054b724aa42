"""Prepares the database of the team-work browser test, then prints what the test needs.

Run as `python -m tests.team.browser_setup` with the server's environment,
before the server starts: two advocates and a supervisor holding the
program key, and two texters waiting in the queue (the older one first).
"""

from __future__ import annotations

import json
import os
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from havre.conversations.models import Conversation  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

STAFF = {
    "alice": StaffMember(
        "alice@refuge.example", "harbour lantern quiet alice", Role.ADVOCATE, "Alice"
    ),
    "bea": StaffMember("bea@refuge.example", "meadow copper violet bea", Role.ADVOCATE, "Bea"),
    "sam": StaffMember("sam@refuge.example", "beacon willow north sam", Role.SUPERVISOR, "Sam"),
}
ACCOUNT = Account("AC" + "7e" * 16, "team-browser-test-token-00000000", "+15555550100")
TEXTERS = ("+15145550101", "+15145550202")


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    for minutes, texter in zip((20, 5), TEXTERS, strict=True):
        message = text(seeded.channel, texter, "Are you there?")
        Conversation.objects.filter(pk=message.conversation_id).update(
            queued_at=timezone.now() - timedelta(minutes=minutes)
        )
    print(
        json.dumps(
            {
                **{key: seeded.person(key) for key in STAFF},
                **ACCOUNT.as_json(),
                "channel": str(seeded.channel.pk),
                "texters": TEXTERS,
            }
        )
    )


if __name__ == "__main__":
    main()
