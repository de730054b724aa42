"""Actions on programs and staff: the only code that writes their rows.

`create_staff_with_keys` does in Python what a member's browser does at
sign-up; the demo and the tests use it to seed accounts that the real console
can unlock.
"""

from __future__ import annotations

import enum
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from havre.accounts import grants, links, totp
from havre.accounts.models import Program, Role, SignupLink, User
from havre.audit.actions import record
from havre.vault.formats import (
    KEY_SIZE,
    SALT_MIN_SIZE,
    KdfParams,
    b64e,
    derive_master,
    generate_keypair,
    grant_info,
    public_from_private,
    seal,
    split_master,
    wrap_aad,
    wrap_private_key,
)
from havre.vault.models import Grant
from havre.vault.sealing import current_epoch

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
# nonce, the 32-byte private key, the AES-GCM tag
WRAPPED_KEY_SIZE = 12 + KEY_SIZE + 16


class RefusedError(Exception):
    """An action that cannot be done; `reason` is a stable code for the API."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def create_program(
    name: str, language: str = "en", *, program_id: uuid.UUID | None = None
) -> Program:
    """A new program; `program_id` keeps the id a recovery file was made for."""
    if language not in LANGUAGES:
        raise RefusedError("unknown_language")
    return Program.objects.create(
        id=program_id or uuid.uuid4(), name=name.strip(), language=language
    )


def _new_member(
    program: Program, email: str, role: str, display_name: str, language: str | None
) -> User:
    if role not in Role.values:
        raise RefusedError("unknown_role")
    language = language or program.language
    if language not in LANGUAGES:
        raise RefusedError("unknown_language")
    return User.objects.create_user(
        email,
        program,
        role=role,
        display_name=display_name.strip(),
        language=language,
        kdf_salt=os.urandom(SALT_MIN_SIZE),
        kdf_params=KdfParams.DEFAULT.to_dict(),
    )


def create_staff_with_keys(
    program: Program,
    email: str,
    passphrase: str,
    role: str = Role.ADVOCATE,
    kdf: KdfParams = KdfParams.DEFAULT,
    grant_from: bytes | None = None,
    *,
    display_name: str = "",
    language: str | None = None,
) -> User:
    """A member with keys, as if they had signed up in a browser.

    With `grant_from` (the program private key), the member also receives a
    grant of the current epoch; a program without an epoch gets epoch 1 made
    from that key.
    """
    with transaction.atomic():
        user = _new_member(program, email, role, display_name, language)
        user.kdf_params = kdf.to_dict()
        login_secret, wrap_key = split_master(derive_master(passphrase, bytes(user.kdf_salt), kdf))
        private_key, public_key = generate_keypair()
        user.public_key = public_key
        user.wrapped_private_key = wrap_private_key(wrap_key, private_key, wrap_aad(user.pk))
        user.set_password(b64e(login_secret))
        user.save()
        if grant_from is not None:
            epoch = current_epoch(program.pk) or grants.create_first_epoch(
                program, public_from_private(grant_from)
            )
            if bytes(epoch.public_key) != public_from_private(grant_from):
                raise RefusedError("not_the_program_key")
            sealed = seal(public_key, grant_from, grant_info(program.pk, epoch.number, user.pk))
            Grant.objects.create(epoch=epoch, user=user, sealed_key=sealed, granted_by=None)
    return user


def enrol_totp(user: User) -> str:
    """A confirmed second factor for a seeded member; returns the secret."""
    secret = totp.new_secret()
    totp.store_secret(user, secret)
    user.totp_confirmed_at = user.created_at
    user.save(update_fields=["totp_confirmed_at"])
    return secret


def set_language(user: User, language: str) -> None:
    if language not in LANGUAGES:
        raise RefusedError("unknown_language")
    user.language = language
    user.save(update_fields=["language"])


def has_finished_signup(user: User) -> bool:
    if not user.has_keys or not user.has_usable_password():
        return False
    return totp.is_enrolled(user) or not settings.HAVRE_REQUIRE_SECOND_FACTOR


def invite(
    program: Program,
    email: str,
    role: str,
    invited_by: User | None,
    *,
    display_name: str = "",
    language: str | None = None,
) -> tuple[User, str]:
    """Make (or renew) a member's account and a one-time sign-up link; returns the token.

    Inviting again someone who never finished signing up starts them afresh,
    with new keys to come; a finished account cannot be taken over this way.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = _new_member(program, email, role, display_name, language)
        elif user.program_id != program.pk or has_finished_signup(user) or not user.is_active:
            raise RefusedError("cannot_invite")
        else:
            _reset_unfinished(user, role)
        token = links.create(user)
        record(program, invited_by, "invite", user.pk)
    return user, token


def _reset_unfinished(user: User, role: str) -> None:
    if role not in Role.values:
        raise RefusedError("unknown_role")
    user.grants.all().delete()
    user.role = role
    user.kdf_salt = os.urandom(SALT_MIN_SIZE)
    user.kdf_params = KdfParams.DEFAULT.to_dict()
    user.public_key = None
    user.wrapped_private_key = None
    user.totp_secret_box = None
    user.totp_confirmed_at = None
    user.set_unusable_password()
    user.save()


@dataclass(frozen=True)
class SignupKeys:
    """What the sign-up page sends: all made in the browser from the passphrase."""

    login_secret: bytes
    public_key: bytes
    wrapped_private_key: bytes
    program_public_key: bytes | None = None
    grant: bytes | None = None


class SignupStage(enum.StrEnum):
    SECOND_FACTOR = "second_factor"
    DONE = "done"


def needs_program_key(user: User) -> bool:
    """An admin of a program whose key nobody holds yet: the key ceremony is theirs."""
    return user.is_admin and not grants.has_key_holder(user.program)


def complete_signup(link: SignupLink, keys: SignupKeys) -> SignupStage:
    """Store the member's keys and login secret, and use up the link.

    For the first admin, also the program's epoch 1 (unless `havre init` made
    it from an offline key) and their own grant of it.
    """
    user = link.user
    if len(keys.login_secret) != KEY_SIZE or len(keys.public_key) != KEY_SIZE:
        raise RefusedError("malformed")
    if len(keys.wrapped_private_key) != WRAPPED_KEY_SIZE:
        raise RefusedError("malformed")
    with transaction.atomic():
        if not links.consume(link):
            raise RefusedError("link_used")
        first_key_holder = needs_program_key(user)
        if not first_key_holder and (keys.program_public_key or keys.grant):
            raise RefusedError("program_key_not_expected")
        if first_key_holder and keys.grant is None:
            raise RefusedError("program_key_required")
        user.public_key = keys.public_key
        user.wrapped_private_key = keys.wrapped_private_key
        user.set_password(b64e(keys.login_secret))
        user.save()
        if first_key_holder and keys.grant is not None:
            _first_grant(user, keys.program_public_key, keys.grant)
        record(user.program, user, "sign_up", user.pk)
    if settings.HAVRE_REQUIRE_SECOND_FACTOR:
        return SignupStage.SECOND_FACTOR
    return SignupStage.DONE


def _first_grant(user: User, program_public_key: bytes | None, sealed: bytes) -> None:
    epoch = current_epoch(user.program_id)
    if epoch is None:
        if program_public_key is None or len(program_public_key) != KEY_SIZE:
            raise RefusedError("program_key_required")
        epoch = grants.create_first_epoch(user.program, program_public_key)
        record(user.program, user, "program_key_created", epoch.number)
    elif program_public_key is not None and bytes(epoch.public_key) != program_public_key:
        raise RefusedError("not_the_program_key")
    try:
        grants.grant_to_self_first(user, epoch, sealed)
    except grants.GrantRefusedError as exc:
        raise RefusedError(exc.reason.value) from None


def start_totp_enrolment(user: User) -> str:
    """A fresh secret for the member's authenticator app, unconfirmed until `confirm_totp`."""
    if totp.is_enrolled(user):
        raise RefusedError("already_enrolled")
    secret = totp.new_secret()
    totp.store_secret(user, secret)
    return secret


def confirm_totp(user: User, code: str) -> bool:
    if totp.is_enrolled(user) or not totp.confirm(user, code):
        return False
    record(user.program, user, "second_factor_enrolled", user.pk)
    return True
