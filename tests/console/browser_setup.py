"""Prepares the database of the console's browser test, then prints what the test needs.

Run as `python -m tests.console.browser_setup` with the server's environment
(HAVRE_MODE=test, HAVRE_DATA_DIR...), before the server starts.
"""

from __future__ import annotations

import json
import os
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from havre.accounts.actions import create_program, create_staff_with_keys, enrol_totp  # noqa: E402
from havre.accounts.models import Role  # noqa: E402
from havre.config import ensure_data_dir  # noqa: E402
from havre.gateways.actions import add_channel  # noqa: E402
from havre.intake import receive_inbound  # noqa: E402
from havre.vault.formats import KdfParams, fingerprint, generate_keypair  # noqa: E402

EMAIL = "ada@refuge.example"
PASSPHRASE = "lantern harbour quiet morning"
NEWCOMER_EMAIL = "bea@refuge.example"
NEWCOMER_PASSPHRASE = "meadow copper violet window"
TEXTER = "+15145550123"
ACCOUNT_SID = "AC" + "c0" * 16
AUTH_TOKEN = "console-browser-test-token-00000"
ADDRESS = "+15555550100"


def main() -> None:
    ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    program = create_program("Refuge du test", "en")
    private_key, _public_key = generate_keypair()
    admin = create_staff_with_keys(
        program,
        EMAIL,
        PASSPHRASE,
        Role.ADMIN,
        # The weakest cost the browser accepts, to keep the test quick.
        KdfParams.MINIMUM,
        grant_from=private_key,
        display_name="Ada",
    )
    secret = enrol_totp(admin)
    # Signed up, but nobody has given her the program key yet.
    newcomer = create_staff_with_keys(
        program,
        NEWCOMER_EMAIL,
        NEWCOMER_PASSPHRASE,
        Role.ADVOCATE,
        KdfParams.MINIMUM,
        display_name="Bea",
    )
    newcomer_secret = enrol_totp(newcomer)
    channel = add_channel(
        program, "twilio", address=ADDRESS, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN
    )
    for body, media in (("I need help tonight", 0), ("", 1)):
        receive_inbound(
            channel,
            provider_id=f"SM{uuid.uuid4().hex}",
            sender=TEXTER,
            body=body,
            media_count=media,
        )
    print(
        json.dumps(
            {
                "email": EMAIL,
                "passphrase": PASSPHRASE,
                "totp_secret": secret,
                "newcomer_email": NEWCOMER_EMAIL,
                "newcomer_passphrase": NEWCOMER_PASSPHRASE,
                "newcomer_totp_secret": newcomer_secret,
                "newcomer_fingerprint": fingerprint(bytes(newcomer.public_key or b"")),
                "texter": TEXTER,
                "channel": str(channel.pk),
                "address": ADDRESS,
                "account_sid": ACCOUNT_SID,
                "auth_token": AUTH_TOKEN,
            }
        )
    )


if __name__ == "__main__":
    main()
