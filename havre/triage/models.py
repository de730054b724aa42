"""A program's own lexicons, where it has edited the built-in ones, and crisis alerts.

One row per program, category and language; a list the program never
edited has no row and the built-in terms (defaults.py) apply, including
those a later version of Havre adds. The terms are program settings
written by staff, not what texters wrote, and are kept in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.models import Conversation


class Lexicon(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=16)
    language = models.CharField(max_length=8)
    # One term per line, as the editor shows them.
    terms = models.TextField(blank=True)
    # Goes up at every save, so that each process knows to compile it again.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "category", "language"], name="lexicon_one_per_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}/{self.language} lexicon of {self.program_id}"

    @property
    def term_list(self) -> list[str]:
        return [line for line in self.terms.splitlines() if line.strip()]


class CrisisAlert(models.Model):
    """A crisis alert to the supervisors, pending until one of them acknowledges it.

    One pending alert per conversation: a raise from suicide risk to
    immediate danger updates it. A console that was closed or locked when
    the alert fired reads the pending ones when it opens. Acknowledging or
    clearing the flag ends it; the row stays as the alert's history (no
    text, only the category and who acknowledged it, when).
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=16)
    previous = models.CharField(max_length=16, null=True)
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation"],
                condition=models.Q(acknowledged_at__isnull=True),
                name="crisis_alert_one_pending",
            ),
        ]
        indexes = [models.Index(fields=["program", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.category} alert on {self.conversation_id}"
