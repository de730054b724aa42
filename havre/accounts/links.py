"""One-time links: random tokens, kept only as SHA-256 hashes.

A link lets whoever holds it choose the passphrase of one staff account (a
sign-up, or a reset after a forgotten passphrase) or enrol its second factor
again, so it expires after a week, works once, and the database never holds a
token that could be replayed from a backup. A member has one link at a time.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from havre.accounts.models import LinkPurpose, SignupLink, User

LIFETIME = timedelta(days=7)
# Enrolling the second factor follows the passphrase; it must happen in the
# same browser session and soon after.
ENROLMENT_WINDOW = timedelta(hours=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(user: User, purpose: str = LinkPurpose.SIGNUP) -> str:
    """A new link for `user`, replacing any earlier one; returns the token."""
    SignupLink.objects.filter(user=user).delete()
    token = secrets.token_urlsafe(32)
    SignupLink.objects.create(
        user=user,
        purpose=purpose,
        token_hash=hash_token(token),
        expires_at=timezone.now() + LIFETIME,
    )
    return token


def url(token: str) -> str:
    return settings.HAVRE_PUBLIC_URL + reverse("accounts:signup", args=[token])


def _lookup(token: str) -> SignupLink | None:
    if not token or len(token) > 128:
        return None
    return (
        SignupLink.objects.select_related("user", "user__program")
        .filter(token_hash=hash_token(token), user__is_active=True)
        .first()
    )


def find_unused(token: str) -> SignupLink | None:
    """The link if it can still be used to choose a passphrase."""
    link = _lookup(token)
    if link is None or link.used_at is not None or link.expires_at <= timezone.now():
        return None
    return link


def find_enrolling(token: str, session_user_id: str | None) -> SignupLink | None:
    """The link whose passphrase was just chosen in this browser session."""
    link = _lookup(token)
    if (
        link is None
        or link.used_at is None
        or session_user_id != str(link.user_id)
        or link.used_at + ENROLMENT_WINDOW <= timezone.now()
    ):
        return None
    return link


def consume(link: SignupLink) -> bool:
    """Mark the link used; False if another request got there first."""
    now = timezone.now()
    used = SignupLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if used == 1:
        link.used_at = now
    return used == 1
