"""A program's own lexicons, where it has edited the built-in ones.

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
