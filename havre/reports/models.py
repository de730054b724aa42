"""The program's reporting settings and the wrap-up codes chosen at closing.

Reports themselves are computed when asked for, never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.models import Conversation

# A count below this could point at one person (the only texter from a small
# town on a given night): it is withheld unless the program chose otherwise.
DEFAULT_MIN_COUNT = 5
# Withholding nothing (1) is the program's choice; above this the reports
# would say almost nothing.
MIN_COUNT_RANGE = (1, 50)


class ReportSettings(models.Model):
    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="+")
    min_count = models.PositiveSmallIntegerField(default=DEFAULT_MIN_COUNT)

    def __str__(self) -> str:
        return f"report settings of {self.program_id}"

    @classmethod
    def of(cls, program: Program) -> ReportSettings:
        found = cls.objects.filter(program=program).first()
        return found if found is not None else cls(program=program)


class WrapUpOption(models.Model):
    """One answer a program offers at closing, such as "physical" under "abuse".

    Labels are the program's own wording (staff settings, like the triage
    lexicons), kept in clear; what is stored per conversation is the code.
    A program that never edited its options has no rows: the built-in ones
    (wrapup_defaults.py) apply.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=32)
    code = models.CharField(max_length=32)
    label_en = models.CharField(max_length=80)
    label_fr = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "category", "code"], name="wrapup_option_unique"
            ),
        ]
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.category}:{self.code}"


class WrapUp(models.Model):
    """The codes an advocate chose when a conversation closed; never text.

    It outlives the conversation (retention deletes that, not this): the
    contact's start is copied so that a period still counts it.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    conversation = models.OneToOneField(
        Conversation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contact_at = models.DateTimeField()
    # "category:code" strings, such as "abuse:physical".
    codes = models.JSONField(default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["program", "contact_at"])]

    def __str__(self) -> str:
        return f"wrap-up of {self.conversation_id}"
