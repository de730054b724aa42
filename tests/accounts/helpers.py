"""Staff with keys, and signing them in through the JSON API as a browser would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyotp
from django.test import Client
from django.utils import timezone

from havre.accounts.actions import create_staff_with_keys, enrol_totp
from havre.accounts.models import Program, Role, User
from havre.vault import formats

# Cheap Argon2 for tests that never meet a browser (which refuses parameters this low).
FAST_KDF = formats.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "harbour lantern quiet morning"


@dataclass
class Member:
    user: User
    passphrase: str
    totp_secret: str

    def code(self, steps_ahead: int = 0) -> str:
        at = timezone.now() + timedelta(seconds=30 * steps_ahead)
        return pyotp.TOTP(self.totp_secret).at(at)

    def login_secret(self, salt: bytes, kdf: dict[str, Any]) -> str:
        master = formats.derive_master(self.passphrase, salt, formats.KdfParams.from_dict(kdf))
        return formats.b64e(formats.split_master(master)[0])

    def wrap_key(self) -> bytes:
        master = formats.derive_master(
            self.passphrase,
            bytes(self.user.kdf_salt),
            formats.KdfParams.from_dict(self.user.kdf_params),
        )
        return formats.split_master(master)[1]


def make_member(
    program: Program,
    email: str,
    role: str = Role.ADVOCATE,
    program_key: bytes | None = None,
    passphrase: str = PASSPHRASE,
) -> Member:
    user = create_staff_with_keys(
        program, email, passphrase, role, kdf=FAST_KDF, grant_from=program_key
    )
    return Member(user, passphrase, enrol_totp(user))


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/accounts/api/{path}", body or {}, content_type="application/json")


def sign_in(client: Client, member: Member, steps_ahead: int = 0) -> None:
    email = member.user.email
    pre = post(client, "prelogin", {"email": email}).json()
    secret = member.login_secret(formats.b64d(pre["salt"]), pre["kdf"])
    answer = post(client, "login", {"email": email, "login_secret": secret})
    assert answer.json()["next"] == "second_factor", answer.content
    answer = post(client, "second-factor", {"code": member.code(steps_ahead)})
    assert answer.json()["next"] == "ready", answer.content


def open_grants(member: Member, me: dict[str, Any]) -> dict[int, bytes]:
    """What the browser does after unlocking: the program keys this member holds."""
    private_key = formats.unwrap_private_key(
        member.wrap_key(),
        formats.b64d(me["wrapped_private_key"]),
        formats.wrap_aad(me["id"]),
    )
    return {
        grant["epoch"]: formats.open_sealed(
            private_key,
            formats.b64d(grant["sealed_key"]),
            formats.grant_info(me["program"]["id"], grant["epoch"], me["id"]),
        )
        for grant in me["grants"]
    }
