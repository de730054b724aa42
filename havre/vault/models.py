"""Program key epochs and the grants that give staff the program private key.

The vault sits at the bottom of the house and imports no other app: its
models name the program and the staff model by label.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Epoch(models.Model):
    """One program key pair. The server holds only the public half in clear."""

    program = models.ForeignKey("accounts.Program", on_delete=models.CASCADE, related_name="epochs")
    number = models.PositiveIntegerField()
    public_key = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="epoch_unique_number"),
        ]

    def __str__(self) -> str:
        return f"epoch {self.number}"


class Grant(models.Model):
    """The epoch's private key, HPKE-sealed to one staff member's public key."""

    epoch = models.ForeignKey(Epoch, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    sealed_key = models.BinaryField(max_length=256)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["epoch", "user"], name="grant_unique_member"),
        ]

    def __str__(self) -> str:
        return f"grant of {self.epoch} to {self.user_id}"
