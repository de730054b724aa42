"""Prepares the database of the desk's browser tests (layout, inbox), then prints what they need.

Run as `python -m tests.console.desk_setup` with the server's environment,
before the server starts. One texter wrote a long thread, so that the thread
must scroll in its own pane; 57 others wrote once each, after her.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

LONG_TEXTER = "+15145550123"
# Enough others that the inbox shows a first page and offers the rest.
OTHERS = tuple(f"+1514555{1000 + n}" for n in range(57))
THREAD_LENGTH = 40
ACCOUNT = Account("AC" + "d1" * 16, "console-desk-test-token-000000000", "+15555550100")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada"),
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    for number in range(1, THREAD_LENGTH + 1):
        text(seeded.channel, LONG_TEXTER, f"Message number {number} of the long thread")
    for sender in OTHERS:
        text(seeded.channel, sender, "Hello, is someone there?")
    print(
        json.dumps(
            {
                **seeded.person("admin"),
                "texter": LONG_TEXTER,
                "others": list(OTHERS),
                "channel": str(seeded.channel.pk),
                "last_text": f"Message number {THREAD_LENGTH} of the long thread",
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
