"""Second factors: TOTP, passkeys (WebAuthn), one-time recovery codes, and their reset.

The actions here are the only code that writes these rows. A member always
keeps at least one factor (TOTP or a passkey): removing the last one is
refused; only an admin's reset takes them all, and it comes with a one-time
link to enrol again.

Guessing TOTP codes is bounded twice: per 15 minutes by the sign-in counters,
and in a row by `User.second_factor_failures`. After `TOTP_TRIES` wrong codes
in a row, codes are no longer accepted at all; a recovery code, a passkey or
an admin's reset is the way back, and each of those clears the count.

Recovery codes are 80 random bits each, shown once when made, kept as SHA-256
hashes; each works once. Passkeys are checked with py_webauthn against the
relying party of `HAVRE_PUBLIC_URL`.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import webauthn
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from havre.accounts import links, sessions, totp
from havre.accounts.models import LinkPurpose, Passkey, RecoveryCode, User
from havre.audit.actions import record

TOTP_TRIES = 10
RECOVERY_CODES = 10
# Crockford's base32: no i, l, o or u to misread; 16 characters are 80 bits.
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_READ_AS = str.maketrans({"o": "0", "i": "1", "l": "1"})
MAX_PASSKEYS = 10
PASSKEY_NAME_CHARS = 60


class FactorError(Exception):
    """A change refused; `code` is a stable string for the API."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def has_second_factor(user: User) -> bool:
    return totp.is_enrolled(user) or user.passkeys.exists()


def totp_locked(user: User) -> bool:
    return user.second_factor_failures >= TOTP_TRIES


def summary(user: User) -> dict[str, Any]:
    """What the member's account page shows of her second factors."""
    return {
        "totp": totp.is_enrolled(user),
        "totp_locked": totp_locked(user),
        "passkeys": [
            {
                "id": str(p.pk),
                "name": p.name,
                "created_at": p.created_at.isoformat(),
                "last_used_at": p.last_used_at.isoformat() if p.last_used_at else None,
            }
            for p in user.passkeys.order_by("created_at")
        ],
        "recovery_codes_left": user.recovery_codes.filter(used_at__isnull=True).count(),
    }


def _cleared(user: User) -> None:
    User.objects.filter(pk=user.pk).update(second_factor_failures=0)
    user.second_factor_failures = 0


# -- TOTP -----------------------------------------------------------------------------


def check_totp(user: User, code: str) -> bool:
    """A code at sign-in; refused outright once too many were wrong in a row."""
    if totp_locked(user):
        raise FactorError("second_factor_locked")
    if totp.verify(user, code):
        _cleared(user)
        return True
    User.objects.filter(pk=user.pk).update(second_factor_failures=F("second_factor_failures") + 1)
    user.refresh_from_db(fields=["second_factor_failures"])
    return False


def remove_totp(user: User) -> None:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not totp.is_enrolled(user):
            raise FactorError("not_enrolled")
        if not user.passkeys.exists():
            raise FactorError("last_factor")
        User.objects.filter(pk=user.pk).update(totp_secret_box=None, totp_confirmed_at=None)
        record(user.program, user, "totp_removed", user.pk)


# -- recovery codes -----------------------------------------------------------------------


def _code_hash(user: User, code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "").translate(_READ_AS)
    return hashlib.sha256(f"{user.pk}:{normal}".encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def make_recovery_codes(user: User) -> list[str]:
    """Ten new codes, replacing any earlier ones; shown once, kept only hashed."""
    codes = [_new_code() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        user.recovery_codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=_code_hash(user, code)) for code in codes
        )
        record(user.program, user, "recovery_codes_made", user.pk)
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Spend one code; True once per code, however many requests race for it."""
    if not code or len(code) > 40:
        return False
    with transaction.atomic():
        used = RecoveryCode.objects.filter(
            user=user, code_hash=_code_hash(user, code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if used != 1:
            return False
        _cleared(user)
        record(user.program, user, "recovery_code_used", user.pk)
    return True


# -- passkeys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origin: str
    name: str


def relying_party() -> RelyingParty:
    parts = urlsplit(settings.HAVRE_PUBLIC_URL)
    return RelyingParty(
        id=parts.hostname or "localhost",
        origin=f"{parts.scheme}://{parts.netloc}",
        name="Havre",
    )


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    found = []
    for passkey in user.passkeys.all():
        transports = [AuthenticatorTransport(t) for t in passkey.transports if _known_transport(t)]
        found.append(
            PublicKeyCredentialDescriptor(
                id=webauthn.base64url_to_bytes(passkey.credential_id), transports=transports
            )
        )
    return found


def _known_transport(value: object) -> bool:
    return value in {t.value for t in AuthenticatorTransport}


def registration_options(user: User) -> tuple[str, bytes]:
    """The options `navigator.credentials.create` takes (as JSON), and their challenge."""
    party = relying_party()
    options = webauthn.generate_registration_options(
        rp_id=party.id,
        rp_name=party.name,
        user_id=user.pk.bytes,
        user_name=user.email,
        user_display_name=user.display_name or user.email,
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    return webauthn.options_to_json(options), options.challenge


def add_passkey(user: User, credential: dict[str, Any], challenge: bytes, name: str) -> Passkey:
    party = relying_party()
    name = name.strip()[:PASSKEY_NAME_CHARS]
    try:
        verified = webauthn.verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.id,
            expected_origin=party.origin,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise FactorError("passkey_not_verified") from None
    transports = credential.get("response", {}).get("transports", [])
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.passkeys.count() >= MAX_PASSKEYS:
            raise FactorError("too_many_passkeys")
        credential_id = bytes_to_base64url(verified.credential_id)
        if Passkey.objects.filter(credential_id=credential_id).exists():
            raise FactorError("passkey_known")
        passkey = Passkey.objects.create(
            user=user,
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            name=name,
            transports=[t for t in transports if _known_transport(t)]
            if isinstance(transports, list)
            else [],
        )
        record(user.program, user, "passkey_added", passkey.pk)
    return passkey


def remove_passkey(user: User, passkey_id: uuid.UUID) -> None:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        passkey = user.passkeys.filter(pk=passkey_id).first()
        if passkey is None:
            raise FactorError("not_found")
        if not totp.is_enrolled(user) and user.passkeys.count() == 1:
            raise FactorError("last_factor")
        passkey.delete()
        record(user.program, user, "passkey_removed", passkey_id)


def sign_in_options(user: User) -> tuple[str, bytes]:
    """The options `navigator.credentials.get` takes (as JSON), and their challenge."""
    if not user.passkeys.exists():
        raise FactorError("no_passkey")
    options = webauthn.generate_authentication_options(
        rp_id=relying_party().id,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return webauthn.options_to_json(options), options.challenge


def check_passkey(user: User, credential: dict[str, Any], challenge: bytes) -> bool:
    """A passkey's answer at sign-in: one of hers, signing this challenge, counting up."""
    credential_id = credential.get("id") if isinstance(credential, dict) else None
    if not isinstance(credential_id, str):
        return False
    passkey = user.passkeys.filter(credential_id=credential_id).first()
    if passkey is None:
        return False
    party = relying_party()
    try:
        verified = webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.id,
            expected_origin=party.origin,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return False
    Passkey.objects.filter(pk=passkey.pk).update(
        sign_count=verified.new_sign_count, last_used_at=timezone.now()
    )
    _cleared(user)
    return True


# -- an admin's reset --------------------------------------------------------------------------


def reset_second_factor(admin: User, member: User) -> str:
    """Take away every factor of the member, end her sessions; returns the link to enrol again."""
    if not admin.is_admin or admin.program_id != member.program_id or not admin.is_active:
        raise FactorError("forbidden")
    if not member.is_active or not member.has_keys or not member.has_usable_password():
        raise FactorError("not_signed_up")
    with transaction.atomic():
        User.objects.filter(pk=member.pk).update(
            totp_secret_box=None, totp_confirmed_at=None, totp_last_step=0, second_factor_failures=0
        )
        member.passkeys.all().delete()
        member.recovery_codes.all().delete()
        sessions.end_sessions(member)
        token = links.create(member, LinkPurpose.SECOND_FACTOR)
        record(admin.program, admin, "second_factor_reset", member.pk)
    return token
