"""What `havre retention` and `havre purge` share: finding programs, reading durations."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import CommandError

from havre.accounts.lookup import one_program, programs
from havre.retention import durations

__all__ = ["duration", "one_program", "programs"]


def duration(flag: str, text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        return durations.parse(text)
    except durations.DurationError as exc:
        raise CommandError(f"{flag}: {exc}") from None
