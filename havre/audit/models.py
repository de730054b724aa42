"""Who did what and when: never what was said, never a number.

Audit sits at the bottom of the house with the vault and imports no other
app: it names the program and the staff model by label, as Django's own
contrib apps name the user model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Entry(models.Model):
    program = models.ForeignKey(
        "accounts.Program", on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=64)
    # Ids of the objects involved, never their content.
    target = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["program", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
