"""Prepares the database of the Records browser test, then prints what the test needs.

Run as `python -m tests.retention.browser_setup` with the server's environment,
before the server starts: an admin and an advocate holding the program key,
one texter whose conversation the advocate holds, and one conversation the
advocate already closed (its erasure due a day later, by the default policy),
and one idle for eight days after the texter wrote last, which the sweep
marked as owed the closing notice.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from havre.conversations.actions import close_conversation  # noqa: E402
from havre.conversations.models import Conversation  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

STAFF = {
    "ada": StaffMember("ada@refuge.example", "lantern harbour copper ada", Role.ADMIN, "Ada"),
    "alice": StaffMember(
        "alice@refuge.example", "meadow violet window alice", Role.ADVOCATE, "Alice"
    ),
}
ACCOUNT = Account("AC" + "7e" * 16, "records-browser-test-token-000000", "+15555550100")
TEXTER = "+15145550123"
EARLIER = "+15145550199"
# Wrote last, a week and a day ago: the sweep marked her as owed the closing notice.
IDLE = "+15145550177"


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    alice = seeded.people["alice"].user
    for sender in (TEXTER, EARLIER):
        message = text(seeded.channel, sender, "Is anyone there?")
        Conversation.objects.filter(pk=message.conversation_id).update(assigned_to=alice)
    done = Conversation.objects.get(pk=message.conversation_id)
    close_conversation(done, by=alice)
    for body in ("Hello?", "Is anyone there?"):
        message = text(seeded.channel, IDLE, body)
    now = timezone.now()
    Conversation.objects.filter(pk=message.conversation_id).update(
        assigned_to=alice,
        last_activity_at=now - timedelta(days=8),
        closing_notice_owed_at=now,
    )
    print(
        json.dumps(
            {
                **{key: seeded.person(key) for key in STAFF},
                "ids": {key: str(member.user.pk) for key, member in seeded.people.items()},
                "texter": TEXTER,
                "idle": IDLE,
                "channel": str(seeded.channel.pk),
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
