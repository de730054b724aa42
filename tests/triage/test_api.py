"""The lexicon editor's API: who may read and change the lists, saving, resetting, trying."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from havre.accounts.models import User
from havre.audit.models import Entry
from havre.triage import assess, defaults
from havre.triage.models import Lexicon
from tests.console.conftest import Thread

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client: Client) -> Any:
    return client.get(reverse("triage:lexicons"))


def post(client: Client, name: str, *args: str, data: Any = None) -> Any:
    return client.post(
        reverse(f"triage:{name}", args=args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


def test_signed_out_gets_401_and_advocates_403_everywhere(alice: User):
    calls = [
        lambda c: get(c),
        lambda c: post(c, "save", "danger", "en", data={"terms": ["x"]}),
        lambda c: post(c, "reset", "danger", "en"),
        lambda c: post(c, "try", data={"text": "x"}),
    ]
    for call in calls:
        assert call(Client()).status_code == 401
        answer = call(signed_in(alice))
        assert answer.status_code == 403
        assert answer.json() == {"error": "forbidden"}
    assert not Lexicon.objects.exists()


def test_supervisors_read_every_list_in_force_with_the_built_in_terms(sam: User):
    lists = get(signed_in(sam)).json()["lists"]
    assert [(entry["category"], entry["language"]) for entry in lists] == [
        ("suicide", "en"),
        ("suicide", "fr"),
        ("danger", "en"),
        ("danger", "fr"),
    ]
    first = lists[0]
    assert first["terms"] == first["builtin"] == defaults.terms("suicide", "en")
    assert (first["edited"], first["updated_at"], first["updated_by"]) == (False, None, None)


def test_saving_a_list_stores_it_cleaned_and_audited(sam: User, program_a):
    answer = post(
        signed_in(sam),
        "save",
        "suicide",
        "fr",
        data={"terms": ["  je veux   mourir ", "", "JE VEUX MOURIR", "# cachets"]},
    )
    assert answer.status_code == 200, answer.content
    saved = answer.json()
    assert saved["terms"] == ["je veux mourir", "# cachets"]
    assert (saved["edited"], saved["updated_by"]) == (True, "sam")
    assert Lexicon.objects.get(program=program_a, category="suicide", language="fr").term_list == [
        "je veux mourir",
        "# cachets",
    ]
    assert Entry.objects.filter(action="triage.lexicon.save", target="suicide/fr").count() == 1
    assert assess.category(program_a, "g pris 12 cachets") == "suicide"


def test_a_term_that_cannot_match_is_refused_with_its_line(sam: User):
    answer = post(signed_in(sam), "save", "danger", "en", data={"terms": ["ok", "", "?!"]})
    assert answer.status_code == 400
    assert answer.json() == {"error": "term_empty", "line": 2}
    assert not Lexicon.objects.exists()


@pytest.mark.parametrize(
    ("args", "data", "code"),
    [
        (("danger", "de"), {"terms": ["x"]}, "unknown_list"),
        (("anger", "en"), {"terms": ["x"]}, "unknown_list"),
        (("danger", "en"), {"terms": "x"}, "invalid_terms"),
        (("danger", "en"), {"terms": [1]}, "invalid_terms"),
    ],
)
def test_malformed_saves_are_refused(sam: User, args, data, code):
    answer = post(signed_in(sam), "save", *args, data=data)
    assert (answer.status_code, answer.json()) == (400, {"error": code})


def test_reset_goes_back_to_the_built_in_list(sam: User, program_a):
    client = signed_in(sam)
    post(client, "save", "danger", "en", data={"terms": ["pineapple"]})
    answer = post(client, "reset", "danger", "en")
    assert answer.status_code == 200
    assert answer.json()["edited"] is False
    assert not Lexicon.objects.exists()
    assert Entry.objects.filter(action="triage.lexicon.reset", target="danger/en").count() == 1
    assert assess.category(program_a, "he has a knife") == "danger"


def test_try_assesses_sample_lines_against_unsaved_lists_and_stores_nothing(
    sam: User, program_a, caplog
):
    caplog.set_level(logging.DEBUG)
    sample = "pineapple now\nI'm not suicidal\nil est devant la porte"
    answer = post(
        signed_in(sam),
        "try",
        data={
            "text": sample,
            "lists": [{"category": "danger", "language": "en", "terms": ["pineapple"]}],
        },
    )
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [(r["crisis"], r["category"]) for r in results] == [
        (True, "danger"),
        (False, None),
        (True, "danger"),  # the French danger list still applies
    ]
    assert results[0]["hits"] == [
        {
            "term": "pineapple",
            "category": "danger",
            "language": "en",
            "counted": True,
            "reason": None,
        }
    ]
    assert {"term": "suicidal", "category": "suicide", "language": "en", "counted": False,
            "reason": "negated"} in results[1]["hits"]  # fmt: skip
    assert not Lexicon.objects.exists()
    assert not Entry.objects.exists()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for word in ("pineapple", "suicidal", "porte"):
        assert word not in logged
    # The saved lists did not change.
    assert assess.category(program_a, "pineapple") is None


def test_try_refuses_bad_drafts_naming_the_list_and_line(sam: User):
    answer = post(
        signed_in(sam),
        "try",
        data={
            "text": "x",
            "lists": [{"category": "suicide", "language": "fr", "terms": ["a", "ab*"]}],
        },
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "term_prefix_too_short",
        "line": 1,
        "category": "suicide",
        "language": "fr",
    }
    assert post(signed_in(sam), "try", data={"text": 3}).status_code == 400
    assert post(signed_in(sam), "try", data={"text": "x\n" * 101}).status_code == 400


def test_charlie_of_program_b_reaches_none_of_program_as_lists(sam: User, charlie: User, program_a):
    post(signed_in(sam), "save", "danger", "en", data={"terms": ["pineapple"]})
    client = signed_in(charlie)

    # He sees his own program's lists: built-in, not A's edit.
    danger_en = get(client).json()["lists"][2]
    assert (danger_en["edited"], danger_en["terms"]) == (False, defaults.terms("danger", "en"))
    # His try runs on B's lists.
    tried = post(client, "try", data={"text": "pineapple"}).json()["results"]
    assert tried[0]["crisis"] is False
    # His edits and resets touch only B.
    post(client, "save", "danger", "en", data={"terms": ["mango"]})
    post(client, "reset", "danger", "en")
    a_list = Lexicon.objects.get(program=program_a)
    assert a_list.term_list == ["pineapple"]
    assert assess.category(program_a, "pineapple") == "danger"
    assert Lexicon.objects.filter(program=charlie.program).count() == 0


def test_conversations_carry_their_crisis_flag_to_the_console(thread_a: Thread, alice: User):
    client = signed_in(alice)
    [row] = client.get(reverse("console:api-inbox")).json()["conversations"]
    assert (row["crisis_category"], row["crisis_at"]) == (None, None)
    thread_a.text_in("il est là il a un couteau")
    [row] = client.get(reverse("console:api-inbox")).json()["conversations"]
    assert row["crisis_category"] == "danger"
    assert row["crisis_at"] is not None
    detail = client.get(reverse("console:api-conversation", args=[thread_a.conversation.pk]))
    assert detail.json()["crisis_category"] == "danger"
