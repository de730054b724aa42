"""The demo's past week: something for reports and history to show, sealed like real texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from havre.accounts.models import Program, User
from havre.conversations.models import Channel, Conversation, Direction, Message
from havre.demo.history import FIRST_TEXTS, seed_past_week
from havre.reports.figures import Period, report, zone_of
from havre.reports.models import WrapUp
from tests.conftest import ProgramKeys
from tests.gateways.scan import found_in_database, text_of

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def test_the_demo_week_fills_the_reports_and_stays_sealed(
    keys_a: ProgramKeys, channel_a: Channel, alice: User, sam: User
) -> None:
    program: Program = keys_a.program
    made = seed_past_week(program, channel_a, now=NOW)
    assert 7 * 6 <= made <= 7 * 11

    kept = Conversation.objects.filter(program=program)
    # The oldest days were partly purged, as retention would; their wrap-ups stay.
    assert 0 < kept.count() < made
    assert WrapUp.objects.filter(program=program, conversation__isnull=True).exists()
    assert all(c.status == "closed" and c.route is None for c in kept)

    first_day = (NOW - timedelta(days=7)).date()
    figures = report(program, Period(first_day, NOW.date(), zone_of(program)))
    assert figures["contacts"]["total"] == kept.count()
    assert figures["answers"]["answered"] is not None
    assert figures["first_answer_minutes"]["median"] is not None
    assert sum(n or 0 for n in figures["wrapup"]["abuse"].values()) > 0

    # Every text opens with the program's key, and none is stored in clear.
    for message in Message.objects.filter(conversation__program=program, notice=""):
        assert text_of(message, keys_a)
    assert Message.objects.filter(direction=Direction.OUTBOUND, author__isnull=False).exists()
    assert found_in_database(FIRST_TEXTS) == []


def test_the_demo_week_outlives_the_first_sweep(
    keys_a: ProgramKeys, channel_a: Channel, alice: User
) -> None:
    from havre.retention.sweep import purge

    program: Program = keys_a.program
    seed_past_week(program, channel_a)
    kept = Conversation.objects.filter(program=program).count()
    assert kept > 0

    # The sweep runs once a minute from the demo's start: the week must still show.
    (outcome,) = purge(program=program, trigger="sweep")
    assert outcome.counts["conversations_erased"] == 0
    assert Conversation.objects.filter(program=program).count() == kept
