"""The console's Reports API: supervisors and admins only, the member's own program only."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations.models import Conversation
from havre.reports.models import ReportSettings
from tests.conftest import signed_in
from tests.reports.seed import seed_week

BASE = "/console/api/reports/"
WEEK = "from=2026-11-23&to=2026-11-29"


@pytest.fixture
def week(program_a: Program, program_b: Program, alice: User) -> Program:
    seed_week(program_a, program_b, alice)
    ReportSettings.objects.create(program=program_a, min_count=3)
    return program_a


def test_a_supervisor_reads_the_weeks_figures(week: Program, sam: User) -> None:
    answer = signed_in(sam).get(f"{BASE}figures?{WEEK}")
    assert answer.status_code == 200
    assert answer.json()["contacts"]["total"] == 6
    assert answer["Cache-Control"].startswith("max-age=0")


def test_advocates_and_strangers_are_refused(week: Program, alice: User, charlie: User) -> None:
    assert signed_in(alice).get(f"{BASE}figures?{WEEK}").status_code == 403
    assert Client().get(f"{BASE}figures?{WEEK}").status_code == 401
    # Charlie (program B, admin) sees his own program's week, never A's: B's
    # one contact, withheld under B's threshold of 5.
    answer = signed_in(charlie).get(f"{BASE}figures?{WEEK}").json()
    assert (answer["threshold"], answer["contacts"]["total"]) == (5, None)
    assert answer["contacts"]["by_channel"]["phone"] is None


def test_a_bad_period_answers_400(week: Program, sam: User) -> None:
    client = signed_in(sam)
    for query in ("from=2026-11-29&to=2026-11-23", "from=x&to=2026-11-23", ""):
        answer = client.get(f"{BASE}figures?{query}")
        assert answer.status_code == 400
        assert answer.json() == {"error": "bad_period"}


def test_the_charts_are_svg_with_titles_descriptions_and_tables(week: Program, sam: User) -> None:
    page = signed_in(sam).get(f"{BASE}charts?{WEEK}&lang=en").content.decode()
    assert page.count('role="img"') == 6
    for name in ("days", "channels", "answers", "week", "wrapup-abuse", "wrapup-referral"):
        assert f'aria-labelledby="chart-{name}-title chart-{name}-desc"' in page
        assert f'<title id="chart-{name}-title">' in page
        assert f'<desc id="chart-{name}-desc">' in page
    assert page.count("<table>") == 6
    assert "Contacts by day" in page
    assert "Highest: SMS, 3." in page
    assert "fewer than 3" in page
    assert "<script" not in page


def test_the_charts_speak_french(week: Program, sam: User) -> None:
    page = signed_in(sam).get(f"{BASE}charts?{WEEK}&lang=fr").content.decode()
    assert "Contacts par jour" in page
    assert "moins de 3" in page
    assert "lun 23" in page


def test_csv_export_is_a_download_of_the_same_figures(week: Program, sam: User) -> None:
    answer = signed_in(sam).get(f"{BASE}export.csv?{WEEK}")
    assert answer["Content-Type"].startswith("text/csv")
    assert answer["Content-Disposition"] == (
        'attachment; filename="havre-report-2026-11-23-2026-11-29.csv"'
    )
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert ["contacts", "total", "6"] in rows


def test_only_an_admin_sets_the_threshold(week: Program, sam: User, ada: User) -> None:
    assert signed_in(sam).get(f"{BASE}settings").json() == {
        "min_count": 3,
        "range": [1, 50],
        "can_edit": False,
    }
    refused = signed_in(sam).post(
        f"{BASE}settings", json.dumps({"min_count": 1}), content_type="application/json"
    )
    assert refused.status_code == 403
    admin = signed_in(ada)
    for bad in (0, 51, "7", None):
        answer = admin.post(
            f"{BASE}settings", json.dumps({"min_count": bad}), content_type="application/json"
        )
        assert answer.status_code == 400
    saved = admin.post(
        f"{BASE}settings", json.dumps({"min_count": 10}), content_type="application/json"
    )
    assert saved.json()["min_count"] == 10
    assert Entry.objects.filter(program=week, action="reports.min_count", actor=ada).count() == 1
    figures = signed_in(sam).get(f"{BASE}figures?{WEEK}").json()
    # Six contacts are now fewer than the threshold.
    assert (figures["threshold"], figures["contacts"]["total"]) == (10, None)


def test_queue_health_in_levels(thread_a: object, sam: User, program_a: Program) -> None:
    client = signed_in(sam)
    conversation = Conversation.objects.get(program=program_a)
    health = client.get(f"{BASE}health").json()
    assert (health["waiting"], health["level"]) == (1, "calm")

    Conversation.objects.filter(pk=conversation.pk).update(
        queued_at=timezone.now() - timedelta(minutes=7)
    )
    health = client.get(f"{BASE}health").json()
    assert (health["longest_wait_minutes"], health["level"]) == (7, "busy")

    Conversation.objects.filter(pk=conversation.pk).update(
        queued_at=timezone.now() - timedelta(minutes=20)
    )
    assert client.get(f"{BASE}health").json()["level"] == "strained"

    Conversation.objects.filter(pk=conversation.pk).update(
        queued_at=timezone.now(), crisis_category="danger"
    )
    health = client.get(f"{BASE}health").json()
    assert (health["crisis_waiting"], health["level"]) == (1, "strained")
