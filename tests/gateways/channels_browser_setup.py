"""Prepares the database of the channels' browser test, then prints what the test needs.

A program with SMS, WhatsApp and Signal channels, and one conversation on
each, the WhatsApp one past its 24-hour window. Run as
`python -m tests.gateways.channels_browser_setup` with the server's environment.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from havre.conversations.models import Conversation  # noqa: E402
from havre.gateways.actions import add_channel  # noqa: E402
from havre.intake import receive_inbound  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed, text  # noqa: E402

ACCOUNT = Account("AC" + "d1" * 16, "channels-browser-test-token-0000", "+15555550111")
STAFF = {
    "admin": StaffMember("ada@refuge.example", "lantern harbour quiet morning", Role.ADMIN, "Ada")
}
WHATSAPP = {
    "phone_number_id": "106540352242922",
    "access_token": "EAAbrowser-test-token",
    "app_secret": "0f5c2b8e4a1d9c7b3e6f8a2d4c1b9e7a",
    "verify_token": "verify",
    "number": "+15550783881",
}


def arrive(channel, sender: str, body: str) -> Conversation:
    message, _ = receive_inbound(
        channel, provider_id=f"setup-{uuid.uuid4().hex}", sender=sender, body=body
    )
    assert message is not None
    return message.conversation


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    text(seeded.channel, "+15145550101", "by sms")
    whatsapp = add_channel(seeded.program, "whatsapp", **WHATSAPP)
    signal = add_channel(
        seeded.program, "signal", rpc_url="http://127.0.0.1:9", number="+15550101000"
    )
    arrive(whatsapp, "16505551202", "on whatsapp")
    late = arrive(whatsapp, "16505551303", "on whatsapp, long ago")
    Conversation.objects.filter(pk=late.pk).update(
        last_inbound_at=timezone.now() - timedelta(hours=30)
    )
    arrive(signal, "6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f", "on signal")
    admin = seeded.people["admin"]
    print(
        json.dumps(
            {
                "email": admin.spec.email,
                "passphrase": admin.spec.passphrase,
                "totp_secret": admin.totp_secret,
                "channel": str(seeded.channel.pk),
                **ACCOUNT.as_json(),
            }
        )
    )


if __name__ == "__main__":
    main()
