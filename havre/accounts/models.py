"""Programs and their staff.

A program is one helpline; one server may host several, and nothing crosses
between them. Staff sign in with a login secret that their browser derives
from their passphrase; the server never sees the passphrase itself.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_idle_lock_minutes() -> int:
    return int(settings.HAVRE_IDLE_LOCK_MINUTES)


class Program(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, default="en")
    # The console locks after this long without use, and the server ends the
    # session a little later (havre.accounts.sessions).
    idle_lock_minutes = models.PositiveIntegerField(default=default_idle_lock_minutes)
    # The Team area reminds admins to make a new program key once the current
    # one is this old.
    key_max_age_days = models.PositiveIntegerField(default=365)
    # Set when a member left and the new program key is not made yet: every
    # admin's console asks to finish it (see vault's epochs).
    new_key_needed_since = models.DateTimeField(null=True)
    # Concurrent conversations per advocate, unless set per person.
    max_conversations = models.PositiveSmallIntegerField(default=3)
    auto_assign = models.BooleanField(default=False)
    # The supervisor view flags a conversation whose texter wrote last and
    # has had no reply for this long.
    no_reply_minutes = models.PositiveSmallIntegerField(default=10)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADVOCATE = "advocate", _("Advocate")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, program: Program, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), program=program, **fields)
        user.set_unusable_password()
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A staff member of one program.

    `password` holds the server's hash of the login secret. The personal key
    pair is made in the browser; the server keeps the public key and the
    private key wrapped under a key the browser derives from the passphrase.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="staff")
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ADVOCATE)
    language = models.CharField(max_length=8, default="en")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    kdf_salt = models.BinaryField(max_length=32)
    kdf_params = models.JSONField(default=dict)
    public_key = models.BinaryField(max_length=32, null=True)
    wrapped_private_key = models.BinaryField(max_length=128, null=True)

    # TOTP secret, boxed under a key derived from HAVRE_SECRET_KEY.
    totp_secret_box = models.BinaryField(max_length=128, null=True)
    totp_confirmed_at = models.DateTimeField(null=True)
    totp_last_step = models.BigIntegerField(default=0)

    on_duty = models.BooleanField(default=False)
    duty_changed_at = models.DateTimeField(null=True)
    # Overrides the program's cap on concurrent conversations.
    max_conversations = models.PositiveSmallIntegerField(null=True)
    # When the member last acknowledged the console's suggestion of a pause.
    support_seen_at = models.DateTimeField(null=True)
    # Wrong TOTP codes in a row; past a bound, only a recovery code, a passkey
    # or an admin's reset lets the member in (havre.accounts.factors).
    second_factor_failures = models.PositiveSmallIntegerField(default=0)
    deactivated_at = models.DateTimeField(null=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_supervisor(self) -> bool:
        return self.role in {Role.SUPERVISOR, Role.ADMIN}

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def has_keys(self) -> bool:
        return self.public_key is not None


class LinkPurpose(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    # A forgotten passphrase: new keys, so the grants must be given again.
    PASSPHRASE = "passphrase", _("New passphrase")
    # A lost second factor: the passphrase is proved, then a factor enrolled again.
    SECOND_FACTOR = "second_factor", _("New second factor")


class SignupLink(models.Model):
    """A one-time link that lets a staff member choose a passphrase or enrol a second factor."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signup_links")
    purpose = models.CharField(
        max_length=16, choices=LinkPurpose.choices, default=LinkPurpose.SIGNUP
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"sign-up link for {self.user_id}"


class RecoveryCode(models.Model):
    """A one-time code that stands in for a lost second factor; only its SHA-256 is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique"),
        ]

    def __str__(self) -> str:
        return f"recovery code of {self.user_id}"


class Passkey(models.Model):
    """A WebAuthn credential a member enrolled as a second factor."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    # Base64url of the authenticator's credential id.
    credential_id = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField(max_length=1024)
    sign_count = models.PositiveBigIntegerField(default=0)
    name = models.CharField(max_length=60, blank=True)
    transports = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"passkey {self.name or self.pk}"


class MemberSession(AbstractBaseSession):
    """A session row that knows whose it is, so that a member's sessions can all be ended."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, related_name="+")

    @classmethod
    def get_session_store_class(cls) -> type[DatabaseSessionStore]:
        # Encodes like havre.accounts.sessions.SessionStore (same class name,
        # same signing salt); only get_decoded() asks, for debugging.
        return DatabaseSessionStore
