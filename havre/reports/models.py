"""The program's reporting settings. Reports themselves are computed, never stored."""

from __future__ import annotations

from django.db import models

from havre.accounts.models import Program

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
