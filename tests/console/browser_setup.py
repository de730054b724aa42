"""Prepares the database of the console's browser test, then prints what the test needs.

Run as `python -m tests.console.browser_setup` with the server's environment
(HAVRE_MODE=test, HAVRE_DATA_DIR...), before the server starts.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from havre.vault.formats import fingerprint  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

TEXTER = "+15145550123"
ACCOUNT = Account("AC" + "c0" * 16, "console-browser-test-token-00000", "+15555550100")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada"),
    # Signed up, but nobody has given her the program key yet.
    "newcomer": StaffMember(
        "bea@refuge.example", "meadow copper violet window", Role.ADVOCATE, "Bea", holds_key=False
    ),
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    for body, media in (("I need help tonight", 0), ("", 1)):
        text(seeded.channel, TEXTER, body, media)
    admin, newcomer = seeded.people["admin"], seeded.people["newcomer"]
    print(
        json.dumps(
            {
                "email": admin.spec.email,
                "passphrase": admin.spec.passphrase,
                "totp_secret": admin.totp_secret,
                "newcomer_email": newcomer.spec.email,
                "newcomer_passphrase": newcomer.spec.passphrase,
                "newcomer_totp_secret": newcomer.totp_secret,
                "newcomer_fingerprint": fingerprint(bytes(newcomer.user.public_key or b"")),
                "texter": TEXTER,
                "channel": str(seeded.channel.pk),
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
