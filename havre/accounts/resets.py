"""Changing a passphrase, and the two resets an admin can issue.

- A member who knows her passphrase changes it in the console: her browser
  re-wraps the same personal key under the new one and sends a new login
  secret. Her grants stay (they are sealed to the personal key, which did not
  change); her other sessions end.
- A member who forgot it gets a one-time link from an admin. Her browser
  makes a new personal key pair; since every grant was sealed to the old key,
  they are deleted, and an admin grants the program keys again after the two
  of them compare the new fingerprint. Until then she signs in and reads
  nothing. Her second factor stays.
- A lost second factor is reset in `factors.reset_second_factor`.

Every step is audited with ids only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from havre.accounts import factors, links, sessions
from havre.accounts.actions import WRAPPED_KEY_SIZE
from havre.accounts.models import LinkPurpose, SignupLink, User
from havre.audit.actions import record
from havre.vault.formats import KEY_SIZE, SALT_MIN_SIZE, FormatError, KdfParams, b64e

SALT_MAX_SIZE = 64
# Costs a browser may choose beyond the minimum, within what any device can pay.
KDF_CEILING = KdfParams(time_cost=20, memory_kib=1024 * 1024, parallelism=8)


class ResetRefusedError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NewPassphrase:
    """What the browser made from a new passphrase (the passphrase itself never comes)."""

    salt: bytes
    kdf: dict[str, object]
    login_secret: bytes
    wrapped_private_key: bytes
    # A reset makes a new key pair; a change keeps the one she has.
    public_key: bytes | None = None

    def checked_kdf(self) -> KdfParams:
        try:
            params = KdfParams.from_dict(self.kdf)
        except (FormatError, TypeError, KeyError):
            raise ResetRefusedError("bad_kdf") from None
        ceiling = KDF_CEILING
        if (
            not params.is_strong_enough()
            or params.time_cost > ceiling.time_cost
            or params.memory_kib > ceiling.memory_kib
            or params.parallelism > ceiling.parallelism
        ):
            raise ResetRefusedError("bad_kdf")
        return params

    def check(self) -> KdfParams:
        if not SALT_MIN_SIZE <= len(self.salt) <= SALT_MAX_SIZE:
            raise ResetRefusedError("malformed")
        if len(self.login_secret) != KEY_SIZE or len(self.wrapped_private_key) != WRAPPED_KEY_SIZE:
            raise ResetRefusedError("malformed")
        if self.public_key is not None and len(self.public_key) != KEY_SIZE:
            raise ResetRefusedError("malformed")
        return self.checked_kdf()


def _store(user: User, new: NewPassphrase, params: KdfParams) -> None:
    user.kdf_salt = new.salt
    user.kdf_params = params.to_dict()
    user.wrapped_private_key = new.wrapped_private_key
    if new.public_key is not None:
        user.public_key = new.public_key
    user.set_password(b64e(new.login_secret))
    user.save(
        update_fields=["kdf_salt", "kdf_params", "wrapped_private_key", "public_key", "password"]
    )


def change_passphrase(
    user: User, old_login_secret: str, new: NewPassphrase, *, keep_session: str | None
) -> None:
    """The member's own change; her other sessions end, this one goes on."""
    if new.public_key is not None:
        raise ResetRefusedError("malformed")
    params = new.check()
    with transaction.atomic():
        user = User.objects.select_for_update().select_related("program").get(pk=user.pk)
        if not user.is_active or not user.check_password(old_login_secret):
            raise ResetRefusedError("wrong_passphrase")
        _store(user, new, params)
        sessions.end_sessions(user, keep=keep_session)
        record(user.program, user, "passphrase_changed", user.pk)


def issue_passphrase_reset(admin: User, member: User) -> str:
    """A one-time link for a member who forgot her passphrase; returns its token."""
    if not admin.is_admin or not admin.is_active or admin.program_id != member.program_id:
        raise ResetRefusedError("forbidden")
    if not member.is_active or not member.has_keys or not member.has_usable_password():
        raise ResetRefusedError("not_signed_up")
    with transaction.atomic():
        token = links.create(member, LinkPurpose.PASSPHRASE)
        record(admin.program, admin, "passphrase_reset_issued", member.pk)
    return token


def complete_passphrase_reset(link: SignupLink, new: NewPassphrase) -> bool:
    """New keys from the link's page; True when a second factor must be enrolled next."""
    if link.purpose != LinkPurpose.PASSPHRASE or new.public_key is None:
        raise ResetRefusedError("malformed")
    params = new.check()
    with transaction.atomic():
        if not links.consume(link):
            raise ResetRefusedError("link_used")
        user = User.objects.select_for_update().select_related("program").get(pk=link.user_id)
        # Sealed to the old personal key: nobody can open them any more.
        user.grants.all().delete()
        _store(user, new, params)
        sessions.end_sessions(user)
        record(user.program, user, "passphrase_reset", user.pk)
    return not factors.has_second_factor(user)
