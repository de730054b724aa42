"""The demo helpline: one program, demo staff with known passphrases, demo keys,
and a Twilio channel served by the in-process fake provider.

Everything here is fictitious and labelled as a demo wherever it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from havre.accounts.actions import create_program, create_staff_with_keys
from havre.accounts.grants import create_first_epoch
from havre.accounts.models import Program, Role
from havre.conversations.actions.duty import go_on_duty
from havre.conversations.models import Channel
from havre.demo.history import seed_past_week
from havre.gateways.actions import add_channel
from havre.vault import formats

PROGRAM_NAME = "Havre demo helpline"
DEMO_SID = "AC" + "de" * 16
DEMO_TOKEN = "demo-auth-token-not-a-secret-000"  # noqa: S105 (the demo fake's, public by design)
DEMO_NUMBER = "+15555550100"


@dataclass(frozen=True)
class DemoStaff:
    email: str
    passphrase: str
    role: Role
    name: str


DEMO_STAFF = (
    DemoStaff(
        "advocate@demo.havre.invalid", "demo advocate harbour lantern", Role.ADVOCATE, "Alex (demo)"
    ),
    DemoStaff(
        "supervisor@demo.havre.invalid",
        "demo supervisor harbour beacon",
        Role.SUPERVISOR,
        "Sam (demo)",
    ),
    DemoStaff("admin@demo.havre.invalid", "demo admin harbour keystone", Role.ADMIN, "Ada (demo)"),
)


def seed() -> tuple[Program, Channel]:
    """Create the demo helpline once; later runs reuse it."""
    program = Program.objects.filter(name=PROGRAM_NAME).first()
    if program is not None:
        channel = program.channels.filter(removed_at__isnull=True).first()
        if channel is not None:
            return program, channel
    with transaction.atomic():
        program = create_program(PROGRAM_NAME, "en")
        private_key, public_key = formats.generate_keypair()
        create_first_epoch(program, public_key)
        for person in DEMO_STAFF:
            member = create_staff_with_keys(
                program,
                person.email,
                person.passphrase,
                person.role,
                display_name=person.name,
                grant_from=private_key,
            )
            # A demo visitor can take a conversation at once.
            go_on_duty(member)
        channel = add_channel(
            program,
            "twilio",
            address=DEMO_NUMBER,
            account_sid=DEMO_SID,
            auth_token=DEMO_TOKEN,
        )
        # Reports and history have a week to show from the first visit.
        seed_past_week(program, channel)
    # The demo's recovery key, kept beside its data so the demo can be explored.
    recovery = settings.DATA_DIR / "demo-recovery-key.json"
    recovery.write_text(formats.recovery_document(program.pk, private_key), encoding="utf-8")
    recovery.chmod(0o600)
    return program, channel
