"""Prepares the supervisor's capped lists: more crisis-flagged texters than a list shows.

Run as `python -m tests.console.browser_surge_setup` with the server's environment.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.db import transaction  # noqa: E402

from havre.console.team_api import LIST_SHOWN  # noqa: E402
from havre.triage import assess  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

ACCOUNT = Account("AC" + "e2" * 16, "surge-browser-test-token-0000000", "+15555550100")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada"),
}
FLAGGED = LIST_SHOWN + 2


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    for n in range(FLAGGED):
        flagged = text(seeded.channel, f"+1514555{n + 1000:04d}", "Help").conversation
        with transaction.atomic():
            assess.flag(flagged, "danger")
    text(seeded.channel, "+15145559999", "Hello")
    print(json.dumps({**seeded.person("admin"), "flagged": FLAGGED, **ACCOUNT.as_json()}))


if __name__ == "__main__":
    main()
