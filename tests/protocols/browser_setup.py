"""Prepares the database of the protocols' browser tests, then prints what they need.

Run as `python -m tests.protocols.browser_setup` with the server's environment,
before the server starts: a program with a supervisor and an advocate who both
hold the program key, a Twilio channel, and the US emergency numbers.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from havre.protocols import actions  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed  # noqa: E402

ACCOUNT = Account("AC" + "d0" * 16, "protocols-browser-test-token-000", "+15555550111")
STAFF = {
    "sam": StaffMember(
        "sam@refuge.example", "harbour lantern morning quiet", Role.SUPERVISOR, "Sam"
    ),
    "alice": StaffMember(
        "alice@refuge.example", "violet meadow window copper", Role.ADVOCATE, "Alice"
    ),
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    actions.set_emergency_numbers(
        seeded.people["sam"].user,
        [
            {"number": "911", "label": {"en": "emergency services", "fr": "urgences"}},
            {"number": "988", "label": {"en": "suicide and crisis line"}},
        ],
    )
    print(
        json.dumps(
            {
                **{key: seeded.person(key) for key in STAFF},
                "channel": str(seeded.channel.pk),
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
