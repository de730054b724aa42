"""Prepares the database of the keys-over-time browser tests, then prints what they need.

Run as `python -m tests.keys.browser_setup` with the server's environment,
before the server starts: an admin and two advocates holding the program
key, and a texter who wrote before anything changed.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from havre.vault.formats import fingerprint  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

STAFF = {
    "ada": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada"),
    "bea": StaffMember("bea@refuge.example", "meadow copper violet window", Role.ADVOCATE, "Bea"),
    "cleo": StaffMember("cleo@refuge.example", "beacon willow north cedar", Role.ADVOCATE, "Cleo"),
}
ACCOUNT = Account("AC" + "5d" * 16, "keys-browser-test-token-00000000", "+15555550100")
TEXTER = "+15145550123"
BEFORE = "I wrote this before anyone left"


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    text(seeded.channel, TEXTER, BEFORE)
    print(
        json.dumps(
            {
                **{key: seeded.person(key) for key in STAFF},
                **{f"{key}_id": str(member.user.pk) for key, member in seeded.people.items()},
                "bea_fingerprint": fingerprint(bytes(seeded.people["bea"].user.public_key or b"")),
                **ACCOUNT.as_json(),
                "program": str(seeded.program.pk),
                "channel": str(seeded.channel.pk),
                "texter": TEXTER,
                "before": BEFORE,
            }
        )
    )


if __name__ == "__main__":
    main()
