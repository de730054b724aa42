"""Opening hours: a weekly schedule in the program's time zone, and holidays.

Ranges are minutes since local midnight, [start, end), several a day; a range
may end at 24:00 and the next day's may start at 00:00, so a night shift is
two ranges. An empty schedule means open at all hours, except on holidays.
Local times that a daylight-saving change skips open at the first instant that
exists after them; times it repeats are open both times.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from havre.accounts.models import Program
from havre.protocols.models import ProtocolSettings

DAY_MINUTES = 24 * 60
# Far enough for a program closed over a long holiday; past it, "no opening known".
HORIZON_DAYS = 400
TIME_RE = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")

Range = tuple[int, int]


class InvalidHours(ValueError):  # noqa: N818 (reads as the condition it reports)
    """A schedule, holiday or time zone that cannot be used; the message is a short code."""


@cache
def time_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def parse_zone(name: object) -> zoneinfo.ZoneInfo:
    if not isinstance(name, str) or name not in time_zones():
        raise InvalidHours("invalid_time_zone")
    return zoneinfo.ZoneInfo(name)


def _minutes(value: object) -> int:
    match = TIME_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidHours("invalid_time")
    minutes = int(match[1]) * 60 + int(match[2])
    if minutes > DAY_MINUTES:
        raise InvalidHours("invalid_time")
    return minutes


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clean_schedule(raw: object) -> list[dict[str, Any]]:
    """The schedule as stored: sorted, each range checked, times written HH:MM."""
    if not isinstance(raw, list) or len(raw) > 7 * 12:
        raise InvalidHours("invalid_schedule")
    ranges: list[tuple[int, int, int]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise InvalidHours("invalid_schedule")
        day = item.get("day")
        if not isinstance(day, int) or isinstance(day, bool) or not 0 <= day <= 6:
            raise InvalidHours("invalid_day")
        start, end = _minutes(item.get("start")), _minutes(item.get("end"))
        if start >= end:
            raise InvalidHours("start_after_end")
        ranges.append((day, start, end))
    return [
        {"day": day, "start": _clock(start), "end": _clock(end)}
        for day, start, end in sorted(ranges)
    ]


def clean_holidays(raw: object) -> list[dict[str, str]]:
    if not isinstance(raw, list) or len(raw) > 500:
        raise InvalidHours("invalid_holidays")
    found: dict[date, str] = {}
    for item in raw:
        if not isinstance(item, dict):
            raise InvalidHours("invalid_holidays")
        try:
            day = date.fromisoformat(str(item.get("date")))
        except ValueError:
            raise InvalidHours("invalid_date") from None
        label = item.get("label", "")
        if not isinstance(label, str) or len(label) > 120:
            raise InvalidHours("invalid_label")
        found[day] = label.strip()
    return [{"date": day.isoformat(), "label": found[day]} for day in sorted(found)]


@dataclass(frozen=True)
class Hours:
    zone: zoneinfo.ZoneInfo
    # Ranges for each weekday, Monday first.
    days: tuple[tuple[Range, ...], ...]
    holidays: frozenset[date]

    @classmethod
    def from_stored(
        cls, time_zone: str, schedule: list[dict[str, Any]], holidays: list[dict[str, str]]
    ) -> Hours:
        days: list[list[Range]] = [[] for _ in range(7)]
        for item in schedule:
            days[item["day"]].append((_minutes(item["start"]), _minutes(item["end"])))
        if not schedule:
            days = [[(0, DAY_MINUTES)] for _ in range(7)]
        return cls(
            zone=zoneinfo.ZoneInfo(time_zone),
            days=tuple(tuple(sorted(ranges)) for ranges in days),
            holidays=frozenset(date.fromisoformat(h["date"]) for h in holidays),
        )

    def is_open(self, at: datetime) -> bool:
        local = at.astimezone(self.zone)
        if local.date() in self.holidays:
            return False
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.days[local.weekday()])

    def next_opening(self, at: datetime) -> datetime | None:
        """`at` itself when open then, else the first instant after it that opens; None if
        nothing opens within the horizon."""
        if self.is_open(at):
            return at
        first_day = at.astimezone(self.zone).date()
        for offset in range(HORIZON_DAYS):
            day = first_day + timedelta(days=offset)
            if day in self.holidays:
                continue
            for start, _end in self.days[day.weekday()]:
                candidate = self._instant(day, start)
                # A start that a clock change skipped entirely is no opening.
                if candidate > at and self.is_open(candidate):
                    return candidate
        return None

    def _instant(self, day: date, minute: int) -> datetime:
        wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone)
        # Through UTC and back: a wall time inside a skipped hour becomes a real instant.
        return wall.astimezone(UTC).astimezone(self.zone)


def hours_for(program: Program) -> Hours:
    # Only the three fields that make the hours: every arrival asks.
    stored = (
        ProtocolSettings.objects.filter(program=program)
        .values_list("time_zone", "schedule", "holidays")
        .first()
    )
    if stored is None:
        built_in = ProtocolSettings(program=program)
        stored = (built_in.time_zone, built_in.schedule, built_in.holidays)
    return Hours.from_stored(*stored)


def is_open(program: Program, at: datetime) -> bool:
    return hours_for(program).is_open(at)


def next_opening(program: Program, at: datetime) -> datetime | None:
    return hours_for(program).next_opening(at)
