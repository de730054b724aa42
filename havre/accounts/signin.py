"""Sign-in in two steps: the login secret, then the second factor.

Between the two, the session holds only "this member passed the first step,
at this time": it is not a Django login, so nothing that requires one (the
keys, the team, any conversation) is readable from it.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from havre.accounts import factors, ratelimit, sessions, totp
from havre.accounts.models import User
from havre.audit.actions import record
from havre.vault.formats import SALT_MIN_SIZE, KdfParams, b64d, b64e

PENDING_KEY = "havre_pending_user"
PENDING_AT_KEY = "havre_pending_at"
PENDING_DEVICE_KEY = "havre_pending_device"
CHALLENGE_KEY = "havre_webauthn_challenge"
PENDING_SECONDS = 5 * 60
LANGUAGE_KEY = "havre_language"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def normalise_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def kdf_for(email: str) -> dict[str, Any]:
    """The salt and Argon2id parameters a browser needs to derive this member's keys.

    An address without an account gets a salt that looks the same and stays
    the same on every ask, so the answer does not tell who works here.
    """
    user = User.objects.filter(email=email, is_active=True).only("kdf_salt", "kdf_params").first()
    if user is not None and user.kdf_salt:
        return {"salt": bytes(user.kdf_salt), "kdf": user.kdf_params}
    decoy = hmac.new(
        settings.SECRET_KEY.encode(), b"havre prelogin salt\x00" + email.encode(), hashlib.sha256
    ).digest()[:SALT_MIN_SIZE]
    return {"salt": decoy, "kdf": KdfParams.DEFAULT.to_dict()}


def find_member(email: str) -> User | None:
    return User.objects.select_related("program").filter(email=email).first()


@sensitive_variables("login_secret")
def check_login_secret(user: User | None, login_secret: str) -> bool:
    """Whether the secret is this member's (False without a member).

    An unknown address still costs one hash, so the time taken does not tell
    it apart from a wrong secret. Call it inside `hashers.slot()`.
    """
    if user is None or not user.has_usable_password():
        # Nor does an invited member who has not chosen a passphrase yet.
        make_password(login_secret)
        return False
    return user.check_password(login_secret) and user.is_active


def start_pending(request: HttpRequest, user: User, device: str | None) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = str(user.pk)
    request.session[PENDING_AT_KEY] = int(time.time())
    request.session[PENDING_DEVICE_KEY] = device


def methods(user: User) -> list[str]:
    """The second factors this member can use now, for the sign-in form."""
    found = []
    if totp.is_enrolled(user) and user.second_factor_failures < factors.TOTP_TRIES:
        found.append("totp")
    if user.passkeys.exists():
        found.append("passkey")
    found.append("recovery_code")
    return found


def keep_challenge(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE_KEY] = {
        "purpose": purpose,
        "challenge": b64e(challenge),
        "at": int(time.time()),
    }


def take_challenge(request: HttpRequest, purpose: str) -> bytes | None:
    """The WebAuthn challenge this session was given, usable once and for five minutes."""
    kept = request.session.pop(CHALLENGE_KEY, None)
    if not isinstance(kept, dict) or kept.get("purpose") != purpose:
        return None
    if time.time() - int(kept.get("at", 0)) > PENDING_SECONDS:
        return None
    return b64d(str(kept["challenge"]))


def second_step_keys(request: HttpRequest, user: User) -> list[str]:
    """The member's own second-factor counter first, then the device's or the address's."""
    device = request.session.get(PENDING_DEVICE_KEY)
    where = (
        ratelimit.key("device", device)
        if isinstance(device, str)
        else ratelimit.client_key(request)
    )
    return [ratelimit.key("second_factor", str(user.pk)), where]


def pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_KEY)
    started = request.session.get(PENDING_AT_KEY, 0)
    if not user_id or time.time() - started > PENDING_SECONDS:
        return None
    return User.objects.select_related("program").filter(pk=user_id, is_active=True).first()


def clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session.pop(PENDING_AT_KEY, None)
    request.session.pop(PENDING_DEVICE_KEY, None)


def finish(request: HttpRequest, user: User) -> None:
    """The full sign-in: a Django login, in the member's own language."""
    clear_pending(request)
    login(request, user, backend=BACKEND)
    request.session[LANGUAGE_KEY] = user.language
    sessions.mark_active(request.session, user)
    record(user.program, user, "sign_in", user.pk)


def note_failed(user: User | None, step: str) -> None:
    # Without a matching account there is no program to file the entry under.
    if user is not None:
        record(user.program, None, f"{step}_failed", user.pk)
