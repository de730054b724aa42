"""Prepares the database of the team-work browser test, then prints what the test needs.

Run as `python -m tests.team.browser_setup` with the server's environment,
before the server starts: two advocates and a supervisor holding the
program key, and two texters waiting in the queue (the older one first).
"""

from __future__ import annotations

import json
import os
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

STAFF = (
    ("alice@refuge.example", "harbour lantern quiet alice", Role.ADVOCATE, "Alice"),
    ("bea@refuge.example", "meadow copper violet bea", Role.ADVOCATE, "Bea"),
    ("sam@refuge.example", "beacon willow north sam", Role.SUPERVISOR, "Sam"),
)
TEXTERS = ("+15145550101", "+15145550202")


def main() -> None:
    ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    program = create_program("Refuge du test", "en")
    private_key, _public_key = generate_keypair()
    people = {}
    for email, passphrase, role, name in STAFF:
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
        people[name.lower()] = {
            "email": email,
            "passphrase": passphrase,
            "totp_secret": enrol_totp(member),
        }
    account = {
        "account_sid": "AC" + "7e" * 16,
        "auth_token": "team-browser-test-token-00000000",
        "address": "+15555550100",
    }
    channel = add_channel(program, "twilio", **account)
    for minutes, texter in zip((20, 5), TEXTERS, strict=True):
        message, _ = receive_inbound(
            channel, provider_id=f"SM{uuid.uuid4().hex}", sender=texter, body="Are you there?"
        )
        assert message is not None
        Conversation.objects.filter(pk=message.conversation_id).update(
            queued_at=timezone.now() - timedelta(minutes=minutes)
        )
    print(json.dumps({**people, **account, "channel": str(channel.pk), "texters": TEXTERS}))


if __name__ == "__main__":
    main()
