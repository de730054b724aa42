"""The report's figures on a week whose answers are worked out by hand (see seed.py).

Contacts in the week, in Paris time: two by phone on Monday at 10:00 and
10:30 (answered after 4 and 10 minutes, closed after 30 and 60), one by
phone on Monday at 00:30 still waiting, one by WhatsApp on Tuesday at 23:30
closed unanswered after 20 minutes, one by WhatsApp on Wednesday at 00:10
answered after 2 minutes, one by Signal on Sunday at 23:50 answered after
20 minutes and closed after 90. Not counted: a contact at 00:10 on Monday
30, a conversation the program opened, and program B's contact.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from havre.accounts.models import Program, User
from havre.reports.figures import Period, PeriodError, report
from havre.reports.models import ReportSettings
from tests.reports.seed import seed_week

PARIS = ZoneInfo("Europe/Paris")
WEEK = Period.parse("2026-11-23", "2026-11-29", PARIS)


@pytest.fixture
def week(program_a: Program, program_b: Program, alice: User) -> Program:
    seed_week(program_a, program_b, alice)
    return program_a


def withholding_nothing(program: Program) -> None:
    ReportSettings.objects.create(program=program, min_count=1)


def test_every_figure_of_the_week_as_worked_out_by_hand(week: Program) -> None:
    withholding_nothing(week)
    figures = report(week, WEEK)

    assert figures["period"] == {
        "from": "2026-11-23",
        "to": "2026-11-29",
        "time_zone": "Europe/Paris",
    }
    contacts = figures["contacts"]
    assert contacts["total"] == 6
    assert contacts["by_channel"] == {
        "phone": 3,
        "whatsapp": 2,
        "messenger": 0,
        "signal": 1,
        "webchat": 0,
    }
    assert contacts["by_day"] == {
        "2026-11-23": 3,
        "2026-11-24": 1,
        "2026-11-25": 1,
        "2026-11-26": 0,
        "2026-11-27": 0,
        "2026-11-28": 0,
        "2026-11-29": 1,
    }
    hours = contacts["by_hour_of_week"]
    assert (hours["mon"][10], hours["mon"][0]) == (2, 1)
    assert (hours["tue"][23], hours["wed"][0], hours["sun"][23]) == (1, 1, 1)
    assert sum(sum(day) for day in hours.values()) == 6

    assert figures["answers"] == {
        "answered": 4,
        "abandoned": 1,
        "waiting": 1,
        "answer_rate": 0.667,
    }
    # Waits 2, 4, 10, 20: the median is halfway between 4 and 10; the 90th
    # percentile is the 4th of 4 (nearest rank).
    assert figures["first_answer_minutes"] == {"median": 7.0, "p90": 20.0}
    # Closed after 20, 30, 60, 90 minutes.
    assert figures["length_minutes"] == {"median": 45.0, "p90": 90.0}
    assert figures["team"] == {"transfers": 2, "escalations": 1}
    assert figures["crisis_flags"] == {"suicide": 1, "danger": 1}
    assert figures["automatic_replies"] == {"out_of_hours": 2, "emergency": 1}
    assert figures["blocks"] == 1


def test_small_counts_are_withheld_under_the_default_threshold(week: Program) -> None:
    figures = report(week, WEEK)

    assert figures["threshold"] == 5
    assert figures["contacts"]["total"] == 6
    assert figures["contacts"]["by_channel"] == {
        "phone": None,
        "whatsapp": None,
        "messenger": 0,
        "signal": None,
        "webchat": 0,
    }
    assert figures["answers"] == {
        "answered": None,
        "abandoned": None,
        "waiting": None,
        "answer_rate": None,
    }
    # Four waits and four lengths: fewer people than the threshold.
    assert figures["first_answer_minutes"] == {"median": None, "p90": None}
    assert figures["length_minutes"] == {"median": None, "p90": None}
    assert figures["crisis_flags"] == {"suicide": None, "danger": None}
    assert figures["team"] == {"transfers": None, "escalations": None}
    assert figures["blocks"] is None
    assert all(
        value in (0, None)
        for day in figures["contacts"]["by_hour_of_week"].values()
        for value in day
    )


def test_a_threshold_the_program_sets_applies(week: Program) -> None:
    ReportSettings.objects.create(program=week, min_count=3)
    figures = report(week, WEEK)

    assert figures["contacts"]["by_day"]["2026-11-23"] == 3
    # Phone (3) is shown; WhatsApp (2) and Signal (1) are withheld.
    assert figures["contacts"]["by_channel"] == {
        "phone": 3,
        "whatsapp": None,
        "messenger": 0,
        "signal": None,
        "webchat": 0,
    }
    # Answered 4 is shown; abandoned 1 and waiting 1 are withheld, and the rate shown.
    assert figures["answers"]["answered"] == 4
    assert figures["answers"]["answer_rate"] == 0.667
    assert figures["first_answer_minutes"] == {"median": 7.0, "p90": 20.0}


def test_another_programs_week_holds_only_its_own(week: Program, program_b: Program) -> None:
    withholding_nothing(program_b)
    figures = report(program_b, Period.parse("2026-11-23", "2026-11-29", ZoneInfo("UTC")))

    assert figures["contacts"]["total"] == 1
    assert figures["answers"]["abandoned"] == 1
    assert figures["team"] == {"transfers": 1, "escalations": 0}
    assert figures["blocks"] == 0


@pytest.mark.parametrize(
    ("first", "last", "says"),
    [
        ("2026-11-30", "2026-11-23", "ends before it begins"),
        ("23/11/2026", "2026-11-30", "--from must be a date"),
        ("2026-11-23", "soon", "--to must be a date"),
        ("2025-01-01", "2026-11-30", "at most 366 days"),
    ],
)
def test_a_period_that_cannot_be_reported_says_why(first: str, last: str, says: str) -> None:
    with pytest.raises(PeriodError, match=says):
        Period.parse(first, last, PARIS)
