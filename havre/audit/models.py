"""Who did what and when: never what was said, never a number."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from havre.accounts.models import Program


class Entry(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="audit_entries")
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
