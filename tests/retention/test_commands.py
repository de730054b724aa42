"""`havre retention show|set` and `havre purge`, as an operator types them."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from havre.conversations import actions
from havre.conversations.models import Message
from havre.retention import durations
from havre.retention.models import Policy
from tests.cli.test_newcomer import SECRETS, havre
from tests.retention.test_sweep import age, alice_holding, receive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("24h", timedelta(hours=24)),
        ("7d", timedelta(days=7)),
        ("90m", timedelta(minutes=90)),
        ("0s", timedelta(0)),
        ("1d12h", timedelta(hours=36)),
        (" 30D ", timedelta(days=30)),
    ],
)
def test_durations_read_as_written(text, value):
    assert durations.parse(text) == value


@pytest.mark.parametrize("text", ["", "24", "h", "1.5h", "-1h", "7 days", "1w", "24h,", "9999999d"])
def test_anything_else_is_not_a_duration(text):
    with pytest.raises(durations.DurationError, match="write it like 24h, 7d, 90m or 0s"):
        durations.parse(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(timedelta(0), "0s"), (timedelta(days=1), "1d"), (timedelta(minutes=90), "1h30m")],
)
def test_durations_are_written_back_shortest(value, text):
    assert durations.format_duration(value) == text


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_show_and_set_by_program(program_a, program_b):
    shown = json.loads(run("retention", "show", "--json"))
    assert [row["name"] for row in shown] == ["Refuge A", "Refuge B"]
    assert shown[0]["delete_after"] == "1d"
    assert shown[0]["close_idle_after"] == "7d"
    done = json.loads(
        run(
            "retention",
            "set",
            "--program",
            str(program_a.pk),
            "--delete-after",
            "0s",
            "--close-idle-after",
            "48h",
            "--json",
        )
    )
    assert done == [
        {
            "program": str(program_a.pk),
            "name": "Refuge A",
            "delete_after": "0s",
            "close_idle_after": "2d",
            "audit_keep": "365d",
        }
    ]
    assert Policy.objects.get(pk=program_b.pk).delete_after == timedelta(hours=24)
    assert "Refuge B" in run("retention", "show", "--program", "Refuge B")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--delete-after", "soon"], "--delete-after: 'soon' is not a duration"),
        (
            ["--program", "Refuge A", "--close-idle-after", "10m"],
            "--close-idle-after must be between 1h and 365d",
        ),
        (["--program", "Refuge A", "--audit-keep", "1d"], "--audit-keep must be between 30d"),
        (["--program", "Refuge A"], "nothing to change"),
        (["--delete-after", "1h"], "several programs"),
    ],
)
def test_set_refuses_with_one_sentence(program_a, program_b, args, said):
    with pytest.raises(CommandError, match=said):
        run("retention", "set", *args)
    assert not Policy.objects.filter(delete_after=timedelta(hours=1)).exists()


@pytest.mark.django_db
def test_purge_runs_now_and_a_dry_run_only_counts(channel_a, alice):
    conversation = receive(channel_a)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    age(conversation, days=2)
    counted = json.loads(run("purge", "--dry-run", "--json"))
    assert counted["dry_run"] is True
    [mine] = [row for row in counted["programs"] if row["program"] == str(channel_a.program_id)]
    assert mine["conversations_erased"] == 1
    assert Message.objects.filter(conversation=conversation).exists()
    text = run("purge", "--program", str(channel_a.program_id))
    assert "conversations erased: 1" in text
    assert not Message.objects.filter(conversation=conversation).exists()
    with pytest.raises(CommandError, match="no program has the id or name 'nowhere'"):
        run("purge", "--program", "nowhere")


def test_bad_input_reaches_the_keyboard_as_one_line(tmp_path: Path) -> None:
    done = havre(tmp_path, "retention", "set", "--delete-after", "tomorrow", **SECRETS)
    assert done.returncode != 0
    assert "'tomorrow' is not a duration" in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) <= 2, done.stderr
    shown = havre(tmp_path, "retention", "show", "--json", **SECRETS)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == []
    purged = havre(tmp_path, "purge", "--json", **SECRETS)
    assert purged.returncode == 0, purged.stderr
    assert json.loads(purged.stdout) == {"dry_run": False, "programs": []}
    for args in (["retention", "set", "--help"], ["purge", "--help"]):
        helped = havre(tmp_path, *args)
        assert helped.returncode == 0, helped.stderr
        assert "--program" in helped.stdout
