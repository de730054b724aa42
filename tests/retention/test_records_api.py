"""The console's records API, for admins: policy, purge reports, the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from havre.audit.actions import record
from havre.audit.models import Entry
from havre.retention import sweep
from havre.retention.models import Policy
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def url(name: str) -> str:
    return reverse(f"console:{name}")


def test_an_admin_reads_and_changes_the_policy(ada, program_a):
    client = signed_in(ada)
    shown = client.get(url("records-policy")).json()
    assert shown["delete_after"] == "1d"
    assert shown["limits"]["close_idle_after"] == ["1h", "365d"]
    changed = client.post(
        url("records-policy"), {"delete_after": "0s", "close_idle_after": "48h"}, "application/json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["close_idle_after"] == "2d"
    assert Policy.objects.get(pk=program_a.pk).delete_after == timedelta(0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"delete_after": "soon"}, "bad_delete_after"),
        ({"delete_after": 24}, "bad_delete_after"),
        ({"close_idle_after": "5m"}, "out_of_bounds_close_idle_after"),
        ({}, "nothing_to_change"),
    ],
)
def test_bad_input_is_a_clear_refusal(ada, data, reason):
    answer = signed_in(ada).post(url("records-policy"), data, "application/json")
    assert answer.status_code == 400
    assert answer.json() == {"error": reason}


def test_only_admins_and_only_their_program(alice, sam, charlie, ada, program_a):
    for member in (alice, sam):
        for name in ("records-policy", "records-purges", "records-audit"):
            assert signed_in(member).get(url(name)).status_code == 403
    record(program_a, ada, "sign_in", ada.pk)
    theirs = signed_in(charlie).get(url("records-audit")).json()
    assert all(entry["target"] != str(ada.pk) for entry in theirs["entries"])
    assert Client().get(url("records-audit")).status_code == 401


def test_purge_reports_show_counts_and_durations(ada, program_a):
    sweep.purge(program=program_a)
    [report] = signed_in(ada).get(url("records-purges")).json()["reports"]
    assert report["trigger"] == "command"
    assert set(report["counts"]) == set(sweep.COUNTS)
    assert isinstance(report["duration_ms"], int)


def test_the_audit_log_filters_by_action_and_member(ada, alice, program_a):
    record(program_a, ada, "sign_in", ada.pk)
    record(program_a, alice, "sign_in", alice.pk)
    record(program_a, alice, "triage.flag.clear.joke", "c1")
    client = signed_in(ada)
    everything = client.get(url("records-audit")).json()["entries"]
    assert [e["action"] for e in everything][:3] == ["triage.flag.clear.joke", "sign_in", "sign_in"]
    triage = client.get(url("records-audit"), {"action": "triage"}).json()["entries"]
    assert [e["action"] for e in triage] == ["triage.flag.clear.joke"]
    hers = client.get(url("records-audit"), {"actor": str(alice.pk)}).json()["entries"]
    assert {e["actor"]["id"] for e in hers} == {str(alice.pk)}
    for bad in ({"actor": "nobody"}, {"before": "yesterday"}):
        assert client.get(url("records-audit"), bad).status_code == 400


def test_the_policy_shows_its_safe_defaults(ada):
    shown = signed_in(ada).get(url("records-policy")).json()
    assert shown["defaults"] == {
        "delete_after": "1d",
        "close_idle_after": "7d",
        "audit_keep": "365d",
    }


def test_the_audit_log_names_the_programs_staff_and_bounds_a_period(ada, alice, charlie, program_a):
    record(program_a, alice, "sign_in", alice.pk)
    old = Entry.objects.get(action="sign_in", actor=alice)
    Entry.objects.filter(pk=old.pk).update(at=old.at - timedelta(days=3))
    record(program_a, ada, "sign_in", ada.pk)
    client = signed_in(ada)
    answer = client.get(url("records-audit")).json()
    names = {m["name"] for m in answer["members"]}
    assert {str(ada), str(alice)} <= names
    assert str(charlie) not in names
    since = (old.at - timedelta(days=1)).isoformat()
    recent = client.get(url("records-audit"), {"after": since}).json()["entries"]
    assert [e["actor"]["id"] for e in recent if e["action"] == "sign_in"] == [str(ada.pk)]
    assert client.get(url("records-audit"), {"after": "soon"}).status_code == 400


def test_the_audit_log_pages_through_entries_of_one_instant(ada, program_a):
    # More than two pages of entries written in one instant: a cursor by time alone would lose some.
    Entry.objects.filter(program=program_a).delete()
    instant = timezone.now()
    Entry.objects.bulk_create(
        Entry(program=program_a, actor=ada, action="sign_in", target=str(ada.pk), at=instant)
        for _ in range(205)
    )
    client = signed_in(ada)
    seen: list[str] = []
    cursor = None
    while True:
        answer = client.get(url("records-audit"), {"cursor": cursor} if cursor else {}).json()
        seen += [e["at"] for e in answer["entries"]]
        cursor = answer["next"]
        if cursor is None:
            break
    assert len(seen) == 205
    assert client.get(url("records-audit"), {"cursor": "then/1"}).status_code == 400
