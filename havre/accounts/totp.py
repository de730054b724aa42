"""Time-based one-time codes (RFC 6238): 6 digits, 30-second steps, one step of drift.

The shared secret is kept boxed under a key derived from HAVRE_SECRET_KEY, so
a copy of the database alone does not give it away. Each step is accepted at
most once (`User.totp_last_step`), so a code read over someone's shoulder or
replayed from a proxy log is worthless once used.
"""

from __future__ import annotations

import hmac
import io
from datetime import datetime

import pyotp
import segno
from django.conf import settings
from django.utils import timezone

from havre.accounts.models import User
from havre.vault.formats import box, info, server_key, unbox

INTERVAL = 30
DIGITS = 6
DRIFT_STEPS = 1
ISSUER = "Havre"


def _key() -> bytes:
    return server_key(settings.SECRET_KEY, "totp")


def _aad(user: User) -> bytes:
    return info("totp", str(user.pk))


def new_secret() -> str:
    return pyotp.random_base32()


def store_secret(user: User, secret: str) -> None:
    """Keep a new, unconfirmed secret; a previous confirmation no longer counts."""
    user.totp_secret_box = box(_key(), secret.encode("ascii"), _aad(user))
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_box", "totp_confirmed_at", "totp_last_step"])


def read_secret(user: User) -> str | None:
    if not user.totp_secret_box:
        return None
    return unbox(_key(), bytes(user.totp_secret_box), _aad(user)).decode("ascii")


def provisioning_uri(user: User, secret: str) -> str:
    issuer = f"{ISSUER} ({user.program.name})"
    return pyotp.TOTP(secret, interval=INTERVAL, digits=DIGITS).provisioning_uri(
        name=user.email, issuer_name=issuer
    )


def qr_svg(uri: str) -> str:
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return out.getvalue().decode("utf-8")


def matching_step(secret: str, code: str, at: datetime | None = None) -> int | None:
    """The time step whose code is `code`, within one step of `at`, or None."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    otp = pyotp.TOTP(secret, interval=INTERVAL, digits=DIGITS)
    now = otp.timecode(at or timezone.now())
    found = None
    # Compare against every candidate, so timing does not say which step matched.
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if hmac.compare_digest(otp.generate_otp(step), code):
            found = step
    return found


def verify(user: User, code: str, at: datetime | None = None) -> bool:
    """Check a code and use up its step. Safe against two requests racing.

    The step is consumed with a conditional UPDATE: of two requests carrying
    the same code, only one sees its row updated.
    """
    secret = read_secret(user)
    if secret is None:
        return False
    step = matching_step(secret, code, at)
    if step is None:
        return False
    used = User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step)
    if used != 1:
        return False
    user.totp_last_step = step
    return True


def confirm(user: User, code: str, at: datetime | None = None) -> bool:
    """Finish enrolment with a first code from the new authenticator."""
    if not verify(user, code, at):
        return False
    user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_confirmed_at"])
    return True


def is_enrolled(user: User) -> bool:
    return user.totp_confirmed_at is not None and bool(user.totp_secret_box)
