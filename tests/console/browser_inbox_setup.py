"""Prepares the inbox's browser test: several texters, one in crisis, and a texter
whose earlier conversation an ongoing relationship keeps linked. Prints what the test needs.

Run as `python -m tests.console.browser_inbox_setup` with the server's environment.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.db import transaction  # noqa: E402

from havre.conversations.actions import close_conversation, lifecycle  # noqa: E402
from havre.triage import assess  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

ACCOUNT = Account("AC" + "d1" * 16, "inbox-browser-test-token-0000000", "+15555550100")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada"),
}
TEXTERS = {
    "maison": "+15145550111",
    "crisis": "+15145550222",
    "returning": "+15145550333",
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    admin = seeded.people["admin"].user
    # The returning texter talked before; an advocate kept the relationship.
    earlier = text(
        seeded.channel, TEXTERS["returning"], "Last week I asked about shelters"
    ).conversation
    lifecycle.mark_ongoing(earlier, by=admin)
    close_conversation(earlier, by=admin)
    text(seeded.channel, TEXTERS["returning"], "It is me again, from last week")
    text(seeded.channel, TEXTERS["maison"], "Je voudrais parler de ma situation à la maison")
    text(seeded.channel, TEXTERS["maison"], "Il rentre bientôt")
    flagged = text(seeded.channel, TEXTERS["crisis"], "He has a weapon").conversation
    with transaction.atomic():
        assess.flag(flagged, "danger")
    text(seeded.channel, TEXTERS["crisis"], "Please hurry")
    print(
        json.dumps(
            {
                **seeded.person("admin"),
                "channel": str(seeded.channel.pk),
                "texters": TEXTERS,
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
