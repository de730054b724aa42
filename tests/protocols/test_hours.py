"""Opening hours in the program's time zone: ranges, midnight, holidays, DST."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from havre.protocols import actions, hours
from havre.protocols.hours import Hours, InvalidHours
from tests.protocols.conftest import office_hours

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def weekly(zone: str, ranges: list[tuple[int, str, str]], holidays: tuple[str, ...] = ()) -> Hours:
    schedule = hours.clean_schedule([{"day": d, "start": s, "end": e} for d, s, e in ranges])
    return Hours.from_stored(zone, schedule, [{"date": h, "label": ""} for h in holidays])


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


OFFICE = [(day, "09:00", "17:00") for day in range(5)]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (paris(2025, 1, 6, 8, 59), False),  # Monday, just before
        (paris(2025, 1, 6, 9, 0), True),
        (paris(2025, 1, 6, 16, 59), True),
        (paris(2025, 1, 6, 17, 0), False),  # the end is not included
        (paris(2025, 1, 11, 12, 0), False),  # Saturday
    ],
)
def test_open_within_the_days_ranges_only(at, expected):
    assert weekly("Europe/Paris", OFFICE).is_open(at) is expected


def test_the_time_zone_is_the_programs_not_utc():
    office = weekly("Europe/Paris", OFFICE)
    # 08:30 UTC is 09:30 in Paris in winter.
    assert office.is_open(datetime(2025, 1, 6, 8, 30, tzinfo=UTC))
    assert not weekly("America/New_York", OFFICE).is_open(datetime(2025, 1, 6, 8, 30, tzinfo=UTC))


def test_several_ranges_a_day():
    split = weekly("Europe/Paris", [(0, "09:00", "12:00"), (0, "14:00", "18:00")])
    assert split.is_open(paris(2025, 1, 6, 11, 0))
    assert not split.is_open(paris(2025, 1, 6, 13, 0))
    assert split.next_opening(paris(2025, 1, 6, 13, 0)) == paris(2025, 1, 6, 14, 0)
    assert split.next_opening(paris(2025, 1, 6, 19, 0)) == paris(2025, 1, 13, 9, 0)


def test_a_night_shift_runs_across_midnight():
    night = weekly("Europe/Paris", [(4, "20:00", "24:00"), (5, "00:00", "06:00")])
    assert night.is_open(paris(2025, 1, 10, 23, 59))
    assert night.is_open(paris(2025, 1, 11, 0, 0))
    assert night.is_open(paris(2025, 1, 11, 5, 59))
    assert not night.is_open(paris(2025, 1, 11, 6, 0))
    assert night.next_opening(paris(2025, 1, 11, 7, 0)) == paris(2025, 1, 17, 20, 0)
    # Open at 23:59, so the next opening is now, not next week.
    assert night.next_opening(paris(2025, 1, 10, 23, 59)) == paris(2025, 1, 10, 23, 59)


def test_next_opening_later_today_tomorrow_and_after_the_weekend():
    office = weekly("Europe/Paris", OFFICE)
    assert office.next_opening(paris(2025, 1, 6, 7, 0)) == paris(2025, 1, 6, 9, 0)
    assert office.next_opening(paris(2025, 1, 6, 18, 0)) == paris(2025, 1, 7, 9, 0)
    assert office.next_opening(paris(2025, 1, 10, 17, 0)) == paris(2025, 1, 13, 9, 0)
    assert office.next_opening(paris(2025, 1, 11, 23, 59)) == paris(2025, 1, 13, 9, 0)


def test_holidays_close_the_whole_day_and_push_the_next_opening():
    office = weekly("Europe/Paris", OFFICE, holidays=("2025-12-25", "2025-12-26"))
    assert not office.is_open(paris(2025, 12, 25, 10, 0))
    assert office.next_opening(paris(2025, 12, 24, 18, 0)) == paris(2025, 12, 29, 9, 0)
    # A holiday is a local date: 23:30 UTC on the 24th is already the 25th in Paris.
    always = weekly("Europe/Paris", [], holidays=("2025-12-25",))
    assert not always.is_open(datetime(2025, 12, 24, 23, 30, tzinfo=UTC))
    assert always.next_opening(paris(2025, 12, 25, 12, 0)) == paris(2025, 12, 26, 0, 0)


def test_an_empty_schedule_is_always_open():
    always = weekly("Europe/Paris", [])
    for at in (paris(2025, 1, 11, 3, 0), paris(2025, 1, 6, 0, 0), paris(2025, 3, 30, 2, 30)):
        assert always.is_open(at)
        assert always.next_opening(at) == at


def test_spring_forward_in_paris():
    # 30 March 2025: 02:00 becomes 03:00.
    early = weekly("Europe/Paris", [(6, "02:00", "04:00")])
    opening = early.next_opening(paris(2025, 3, 30, 1, 0))
    assert opening == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)  # 03:00 CEST, the first instant
    assert early.is_open(opening)
    # A range the change skips entirely does not open that day.
    skipped = weekly("Europe/Paris", [(6, "02:00", "03:00")])
    assert skipped.next_opening(paris(2025, 3, 30, 1, 0)) == paris(2025, 4, 6, 2, 0)
    # Office hours the Monday after keep their wall-clock times.
    office = weekly("Europe/Paris", OFFICE)
    assert office.next_opening(paris(2025, 3, 29, 12, 0)) == paris(2025, 3, 31, 9, 0)
    assert office.next_opening(paris(2025, 3, 29, 12, 0)).astimezone(UTC).hour == 7


def test_fall_back_in_new_york():
    # 2 November 2025: 02:00 EDT becomes 01:00 EST; the hour from 01:00 happens twice.
    late = weekly("America/New_York", [(6, "01:00", "02:00")])
    first = datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = datetime(2025, 11, 2, 6, 30, tzinfo=UTC)  # 01:30 EST
    assert late.is_open(first)
    assert late.is_open(second)
    assert not late.is_open(datetime(2025, 11, 2, 7, 30, tzinfo=UTC))  # 02:30 EST
    office = weekly("America/New_York", OFFICE)
    friday_evening = datetime(2025, 10, 31, 18, 0, tzinfo=NEW_YORK)
    assert office.next_opening(friday_evening) == datetime(2025, 11, 3, 9, 0, tzinfo=NEW_YORK)
    assert office.next_opening(friday_evening).astimezone(UTC).hour == 14  # EST now


@pytest.mark.parametrize(
    "schedule",
    [
        [{"day": 7, "start": "09:00", "end": "17:00"}],
        [{"day": True, "start": "09:00", "end": "17:00"}],
        [{"day": 0, "start": "17:00", "end": "09:00"}],
        [{"day": 0, "start": "9h", "end": "17:00"}],
        [{"day": 0, "start": "09:00", "end": "24:30"}],
        [{"day": 0, "start": "24:00", "end": "24:00"}],
        "every day",
    ],
)
def test_unusable_schedules_are_refused(schedule):
    with pytest.raises(InvalidHours):
        hours.clean_schedule(schedule)


def test_programs_read_their_own_hours(sam, charlie):
    office_hours(sam)
    saturday = paris(2025, 1, 11, 12, 0)
    assert not hours.is_open(sam.program, saturday)
    assert hours.next_opening(sam.program, saturday) == paris(2025, 1, 13, 9, 0)
    # Program B set nothing: always open.
    assert hours.is_open(charlie.program, saturday)
    with pytest.raises(actions.ProtocolError):
        actions.set_hours(sam, time_zone="Mars/Olympus", schedule=[], holidays=[])
