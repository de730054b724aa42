"""Prepares the database of the web chat's browser test, then prints what the test needs.

Run as `python -m tests.chat.browser_setup` with the server's environment.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from havre.chat import actions  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed  # noqa: E402

ACCOUNT = Account("AC" + "c4" * 16, "chat-browser-test-token-000000000", "+15555550144")
STAFF = {
    "advocate": StaffMember(
        "ines@refuge.example", "harbour lantern copper meadow", Role.ADMIN, "Inès"
    ),
}
EXIT_URL = "https://weather.example/today"


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    actions.configure(
        seeded.program,
        by=None,
        slug="notes",
        exit_url=EXIT_URL,
        neutral_title="Notes",
        enabled=True,
    )
    print(
        json.dumps(
            {
                **seeded.person("advocate"),
                "slug": "notes",
                "exit_url": EXIT_URL,
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
