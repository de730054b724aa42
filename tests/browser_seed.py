"""The one seeding helper of the browser tests' set-ups (`tests/*/browser_setup.py`).

Each set-up runs in a subprocess with the server's environment, before the
server starts, and prints what its test needs as JSON. This module prepares
Django and the database, and makes the program every set-up starts from: its
program key, staff with their personal keys and second factor, a Twilio
channel, and texts from texters through the real inbound pipeline.
Set-ups import it once Django is set up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command

from havre.accounts.actions import create_program, create_staff_with_keys, enrol_totp
from havre.accounts.models import Program, Role, User
from havre.config import ensure_data_dir
from havre.conversations.models import Channel, Message
from havre.gateways.actions import add_channel
from havre.intake import receive_inbound
from havre.vault.formats import KdfParams, generate_keypair

__all__ = ["Account", "Member", "Role", "Seeded", "StaffMember", "seed", "text"]


@dataclass(frozen=True)
class StaffMember:
    email: str
    passphrase: str
    role: Role
    name: str
    # False: signed up, but nobody has given them the program key yet.
    holds_key: bool = True


@dataclass(frozen=True)
class Account:
    """The program's Twilio account and number, as the fake provider will know them."""

    account_sid: str
    auth_token: str
    address: str

    def as_json(self) -> dict[str, str]:
        return {
            "account_sid": self.account_sid,
            "auth_token": self.auth_token,
            "address": self.address,
        }


@dataclass
class Member:
    spec: StaffMember
    user: User
    totp_secret: str


@dataclass
class Seeded:
    program: Program
    channel: Channel
    private_key: bytes
    people: dict[str, Member] = field(default_factory=dict)

    def person(self, key: str, totp_name: str = "totp_secret") -> dict[str, Any]:
        member = self.people[key]
        return {
            "email": member.spec.email,
            "passphrase": member.spec.passphrase,
            totp_name: member.totp_secret,
        }


def seed(staff: dict[str, StaffMember], account: Account) -> Seeded:
    """A migrated database with one program, its staff and its channel."""
    ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    program = create_program("Refuge du test", "en")
    private_key, _public_key = generate_keypair()
    people = {}
    for key, spec in staff.items():
        user = create_staff_with_keys(
            program,
            spec.email,
            spec.passphrase,
            spec.role,
            # The weakest cost the browser accepts, to keep the tests quick.
            KdfParams.MINIMUM,
            grant_from=private_key if spec.holds_key else None,
            display_name=spec.name,
        )
        people[key] = Member(spec, user, enrol_totp(user))
    channel = add_channel(
        program,
        "twilio",
        address=account.address,
        account_sid=account.account_sid,
        auth_token=account.auth_token,
    )
    return Seeded(program, channel, private_key, people)


def text(channel: Channel, sender: str, body: str, media_count: int = 0) -> Message:
    """A text from a texter, stored as a provider's webhook would have it stored."""
    message, _created = receive_inbound(
        channel,
        provider_id=f"SM{uuid.uuid4().hex}",
        sender=sender,
        body=body,
        media_count=media_count,
    )
    if message is None:
        raise RuntimeError("the texter is blocked")
    return message
