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

from django.core.management import call_command  # noqa: E402

from havre.accounts.actions import create_program, create_staff_with_keys, enrol_totp  # noqa: E402
from havre.accounts.models import Role  # noqa: E402
from havre.config import ensure_data_dir  # noqa: E402
from havre.gateways.actions import add_channel  # noqa: E402
from havre.protocols import actions  # noqa: E402
from havre.vault.formats import KdfParams, generate_keypair  # noqa: E402

ACCOUNT_SID = "AC" + "d0" * 16
AUTH_TOKEN = "protocols-browser-test-token-000"
ADDRESS = "+15555550111"
PEOPLE = {
    "sam": ("sam@refuge.example", "harbour lantern morning quiet", Role.SUPERVISOR, "Sam"),
    "alice": ("alice@refuge.example", "violet meadow window copper", Role.ADVOCATE, "Alice"),
}


def main() -> None:
    ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    program = create_program("Refuge du test", "en")
    private_key, _public_key = generate_keypair()
    people = {}
    for name, (email, passphrase, role, display_name) in PEOPLE.items():
        member = create_staff_with_keys(
            program,
            email,
            passphrase,
            role,
            KdfParams.MINIMUM,
            grant_from=private_key,
            display_name=display_name,
        )
        people[name] = {
            "email": email,
            "passphrase": passphrase,
            "totp_secret": enrol_totp(member),
            "member": member,
        }
    actions.set_emergency_numbers(
        people["sam"]["member"],
        [
            {"number": "911", "label": {"en": "emergency services", "fr": "urgences"}},
            {"number": "988", "label": {"en": "suicide and crisis line"}},
        ],
    )
    channel = add_channel(
        program, "twilio", address=ADDRESS, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN
    )
    for person in people.values():
        del person["member"]
    print(
        json.dumps(
            {
                **people,
                "channel": str(channel.pk),
                "address": ADDRESS,
                "account_sid": ACCOUNT_SID,
                "auth_token": AUTH_TOKEN,
            }
        )
    )


if __name__ == "__main__":
    main()
