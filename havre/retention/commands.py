"""What `havre retention` and `havre purge` share: finding programs, reading durations."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from havre.accounts.models import Program
from havre.retention import durations


def programs(wanted: str | None) -> list[Program]:
    """Every program, or the one named by its id or exact name."""
    found = list(Program.objects.order_by("created_at"))
    if wanted is None:
        return found
    chosen = [p for p in found if wanted in {str(p.pk), p.name}]
    if not chosen:
        raise CommandError(f"no program has the id or name {wanted!r}")
    return chosen


def one_program(wanted: str | None) -> Program:
    """The program named, or the only one; several without --program is a question to ask."""
    if wanted is not None:
        try:
            return programs(wanted)[0]
        except ValidationError:
            raise CommandError(f"no program has the id or name {wanted!r}") from None
    found = programs(None)
    if len(found) != 1:
        raise CommandError("this server has several programs (or none): give --program ID")
    return found[0]


def duration(flag: str, text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        return durations.parse(text)
    except durations.DurationError as exc:
        raise CommandError(f"{flag}: {exc}") from None
