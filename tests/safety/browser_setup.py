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
import uuid
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from havre.accounts.actions import create_program, create_staff_with_keys, enrol_totp  # noqa: E402
from havre.accounts.models import Role  # noqa: E402
from havre.config import ensure_data_dir  # noqa: E402
from havre.conversations.models import Conversation  # noqa: E402
from havre.gateways.actions import add_channel  # noqa: E402
from havre.intake import receive_inbound  # noqa: E402
from havre.vault.formats import KdfParams, generate_keypair  # noqa: E402

TEXTER = "+15145550123"
ACCOUNT_SID = "AC" + "5a" * 16
AUTH_TOKEN = "safety-browser-test-token-000000"
ADDRESS = "+15555550100"
STAFF = {
    "advocate": ("alice@refuge.example", "quiet lantern river stone", Role.ADVOCATE, "Alice"),
    "supervisor": ("sam@refuge.example", "copper meadow window light", Role.SUPERVISOR, "Sam"),
}


def main() -> None:
    ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    program = create_program("Refuge du test", "en")
    private_key, _public_key = generate_keypair()
    people = {}
    for key, (email, passphrase, role, name) in STAFF.items():
        member = create_staff_with_keys(
            program,
            email,
            passphrase,
            role,
            # The weakest cost the browser accepts, to keep the test quick.
            KdfParams.MINIMUM,
            grant_from=private_key,
            display_name=name,
        )
        people[key] = {"email": email, "passphrase": passphrase, "totp": enrol_totp(member)}
    channel = add_channel(
        program, "twilio", address=ADDRESS, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN
    )
    receive_inbound(
        channel,
        provider_id=f"SM{uuid.uuid4().hex}",
        sender=TEXTER,
        body="idk if I can talk, jsp",
    )
    print(
        json.dumps(
            {
                **people,
                "texter": TEXTER,
                "channel": str(channel.pk),
                "address": ADDRESS,
                "account_sid": ACCOUNT_SID,
                "auth_token": AUTH_TOKEN,
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
