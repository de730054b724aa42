"""Prepares the database of the safety tools' browser tests, then prints what they need.

Run as `python -m tests.safety.browser_setup` with the server's environment
(HAVRE_MODE=test, HAVRE_DATA_DIR...), before the server starts: an advocate
and a supervisor who both hold the program key, a channel, and one texter.
With `due-now`, makes the check-ins set so far come due (as time would).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from havre.conversations.models import Conversation  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

TEXTER = "+15145550123"
ACCOUNT = Account("AC" + "5a" * 16, "safety-browser-test-token-000000", "+15555550100")
STAFF = {
    "advocate": StaffMember(
        "alice@refuge.example", "quiet lantern river stone", Role.ADVOCATE, "Alice"
    ),
    "supervisor": StaffMember(
        "sam@refuge.example", "copper meadow window light", Role.SUPERVISOR, "Sam"
    ),
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    text(seeded.channel, TEXTER, "idk if I can talk, jsp")
    print(
        json.dumps(
            {
                **{key: seeded.person(key, totp_name="totp") for key in STAFF},
                "texter": TEXTER,
                "channel": str(seeded.channel.pk),
                **ACCOUNT.as_json(),
            }
        )
    )


def due_now() -> None:
    Conversation.objects.filter(checkin_every__isnull=False).update(
        checkin_due_at=timezone.now() - timedelta(minutes=1)
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["due-now"]:
        due_now()
    else:
        main()
