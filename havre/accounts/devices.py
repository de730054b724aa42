"""Device cookies: a browser a member signed in from keeps her way in.

OWASP's answer to account lockout ("Slow Down Online Guessing Attacks with
Device Cookies"): after a full sign-in, the browser receives a signed cookie
naming the member and a random device id. A sign-in attempt that carries a
valid cookie for the account it names counts against that device only;
every other attempt counts against the account's "untrusted" key and the
client's address. Someone who knows an advocate's address can therefore
slow down every other browser, but never the advocate's own, and guessing
from a stolen device cookie locks only that cookie.

The cookie's name is derived from the e-mail address under the server
secret, so that several members sharing one office computer each keep their
own, and its path is the sign-in API, so it travels nowhere else. It proves
nothing by itself: it only chooses which counter an attempt goes to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from havre.accounts import ratelimit
from havre.accounts.models import User

PREFIX = "havre_device_"
MAX_AGE = timedelta(days=180)
_SALT = "havre.accounts.devices"
PATH = "/accounts/api/"


def cookie_name(email: str) -> str:
    tag = hmac.new(
        settings.SECRET_KEY.encode(), b"havre device cookie\x00" + email.encode(), hashlib.sha256
    ).hexdigest()[:16]
    return PREFIX + tag


def recognised(request: HttpRequest, email: str, user: User | None) -> str | None:
    """The device id, when this browser holds a valid cookie for this member."""
    value = request.COOKIES.get(cookie_name(email))
    if not value or user is None:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != str(user.pk):
        return None
    device = data.get("d")
    return device if isinstance(device, str) and device else None


def remember(response: HttpResponse, user: User) -> None:
    """Give the browser that just signed in fully a device cookie of its own."""
    value = signing.dumps({"u": str(user.pk), "d": secrets.token_urlsafe(16)}, salt=_SALT)
    response.set_cookie(
        cookie_name(user.email),
        value,
        max_age=int(MAX_AGE.total_seconds()),
        path=PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def attempt_keys(request: HttpRequest, email: str, device: str | None) -> list[str]:
    """The counters a first-step attempt goes to (see the module's docstring)."""
    if device is not None:
        return [ratelimit.key("device", device)]
    return [ratelimit.key("untrusted", email), ratelimit.client_key(request)]
