"""`havre report`: the same figures as the console, in text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from havre.accounts.models import Program, User
from havre.reports.models import ReportSettings
from tests.cli.test_newcomer import SECRETS, havre
from tests.reports.seed import seed_week


@pytest.fixture
def week(program_a: Program, program_b: Program, alice: User) -> Program:
    seed_week(program_a, program_b, alice)
    ReportSettings.objects.create(program=program_a, min_count=3)
    return program_a


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_json_prints_the_figures_with_withheld_counts_as_null(week: Program) -> None:
    figures = json.loads(
        run("--from", "2026-11-23", "--to", "2026-11-29", "--json", "--program", str(week.pk))
    )
    assert figures["contacts"]["total"] == 6
    assert figures["contacts"]["by_channel"]["phone"] == 3
    assert figures["contacts"]["by_channel"]["whatsapp"] is None
    assert figures["first_answer_minutes"] == {"median": 7.0, "p90": 20.0}


def test_csv_writes_a_row_per_figure_and_less_than_n_where_withheld(week: Program) -> None:
    text = run("--from", "2026-11-23", "--to", "2026-11-29", "--csv", "--program", str(week.pk))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "item", "value"]
    assert ["period", "time_zone", "Europe/Paris"] in rows
    assert ["threshold", "", "3"] in rows
    assert ["contacts", "total", "6"] in rows
    assert ["contacts.by_channel", "phone", "3"] in rows
    assert ["contacts.by_channel", "whatsapp", "<3"] in rows
    assert ["contacts.by_hour_of_week.mon", "10", "<3"] in rows
    assert ["first_answer_minutes", "median", "7.0"] in rows
    assert ["blocks", "", "<3"] in rows


def test_the_plain_listing_says_what_is_withheld(week: Program) -> None:
    text = run("--from", "2026-11-23", "--to", "2026-11-29", "--program", str(week.pk))
    assert text.startswith("Report from 2026-11-23 to 2026-11-29 (Europe/Paris)")
    assert "counts under 3 are withheld" in text
    assert "  total: 6" in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-01"), "ends before it begins"),
        (("--from", "yesterday", "--to", "2026-11-01"), "YYYY-MM-DD"),
        (("--from", "2026-11-01", "--to", "2026-11-02", "--program", "nope"), "no program"),
    ],
)
def test_bad_input_is_refused_in_one_sentence(
    week: Program, args: tuple[str, ...], says: str
) -> None:
    with pytest.raises(CommandError, match=says):
        run(*args)


def test_several_programs_need_one_named(week: Program) -> None:
    with pytest.raises(CommandError, match="several programs"):
        run("--from", "2026-11-01", "--to", "2026-11-02")


def test_at_the_keyboard_a_bad_date_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    done = havre(tmp_path, "report", "--from", "2026-11-31", "--to", "2026-12-01", **SECRETS)
    assert done.returncode != 0
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith("--from must be a date written YYYY-MM-DD, such as 2026-11-30")
    )
    assert done.stderr.strip().splitlines()[-1].startswith("havre report: --from")
    assert "Traceback" not in done.stderr
