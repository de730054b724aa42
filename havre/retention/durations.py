"""Durations as operators write them: `24h`, `7d`, `90m`, `0s`, or `1d12h`."""

from __future__ import annotations

import re
from datetime import timedelta

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d{1,6})([dhms])")
_WHOLE = re.compile(r"(?:\d{1,6}[dhms])+")


class DurationError(ValueError):
    """Not a duration; the message quotes what was written and how to write one."""


def parse(text: str) -> timedelta:
    written = text.strip().lower()
    if not _WHOLE.fullmatch(written):
        raise DurationError(f"{text!r} is not a duration: write it like 24h, 7d, 90m or 0s")
    seconds = sum(int(number) * UNITS[unit] for number, unit in _PART.findall(written))
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The shortest way to write it back: 86400 seconds is `1d`, 5400 is `1h30m`."""
    seconds = int(value.total_seconds())
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
