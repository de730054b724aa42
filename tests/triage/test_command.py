"""`havre triage` with a program's lexicons in force, as it reads them from the database."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command

from havre.triage.actions import save_lexicon

pytestmark = pytest.mark.django_db


def triage(monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> list[dict[str, object]]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("triage", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_programs_current_lexicons_apply(monkeypatch, program_a, program_b, sam):
    save_lexicon(program_a, by=sam, category="suicide", language="en", terms=["mango"])
    text = "mango\nI want to die\n"
    assert triage(monkeypatch, text, "--program", str(program_a.pk)) == [
        {"crisis": True, "category": "suicide"},
        {"crisis": False, "category": None},  # A replaced the built-in English list
    ]
    assert triage(monkeypatch, text, "--program", str(program_b.pk)) == [
        {"crisis": False, "category": None},
        {"crisis": True, "category": "suicide"},
    ]
    assert triage(monkeypatch, text, "--defaults") == [
        {"crisis": False, "category": None},
        {"crisis": True, "category": "suicide"},
    ]


def test_the_program_may_be_left_out_only_when_there_is_one(monkeypatch, program_a, program_b):
    with pytest.raises(CommandError, match="--program"):
        triage(monkeypatch, "hi\n")
    program_b.delete()
    assert triage(monkeypatch, "hi\nhe has a gun\n") == [
        {"crisis": False, "category": None},
        {"crisis": True, "category": "danger"},
    ]


def test_a_program_may_be_named_by_its_exact_name_as_in_every_command(
    monkeypatch, program_a, program_b, sam
):
    save_lexicon(program_a, by=sam, category="suicide", language="en", terms=["mango"])
    assert triage(monkeypatch, "mango\n", "--program", program_a.name) == [
        {"crisis": True, "category": "suicide"}
    ]


def test_an_unknown_program_or_none_at_all_is_refused(monkeypatch, db):
    with pytest.raises(CommandError, match="--defaults"):
        triage(monkeypatch, "hi\n")
    for wrong in ("not-a-uuid", "00000000-0000-0000-0000-000000000000"):
        with pytest.raises(CommandError, match="no program"):
            triage(monkeypatch, "hi\n", "--program", wrong)


def test_one_languages_lists_can_be_evaluated_apart(monkeypatch, program_a, sam):
    text = "I want to die\nje veux mourir\n"
    assert triage(monkeypatch, text, "--defaults", "--lang", "en") == [
        {"crisis": True, "category": "suicide"},
        {"crisis": False, "category": None},
    ]
    assert triage(monkeypatch, text, "--defaults", "--lang", "fr") == [
        {"crisis": False, "category": None},
        {"crisis": True, "category": "suicide"},
    ]
    save_lexicon(program_a, by=sam, category="suicide", language="fr", terms=["mango"])
    assert triage(monkeypatch, "mango\nje veux mourir\n", "--lang", "fr") == [
        {"crisis": True, "category": "suicide"},
        {"crisis": False, "category": None},
    ]


def test_explain_says_which_list_and_term_matched_and_why_one_was_set_aside(
    monkeypatch, db, caplog
):
    caplog.set_level(logging.DEBUG)
    answers = triage(
        monkeypatch,
        "he said he's going to kill me\nI'm not suicidal\nhello\n",
        "--defaults",
        "--explain",
    )
    assert answers[0]["crisis"] is True
    [hit] = answers[0]["hits"]
    assert (hit["list"], hit["counted"], hit["reason"]) == ("danger/en", True, None)
    assert "kill*" in hit["term"]
    assert answers[1] == {
        "crisis": False,
        "category": None,
        "hits": [{"list": "suicide/en", "term": "suicidal", "counted": False, "reason": "negated"}],
    }
    assert answers[2] == {"crisis": False, "category": None, "hits": []}
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for word in ("kill", "suicidal", "kill*"):
        assert word not in logged


def test_an_unknown_language_is_refused_in_one_sentence(monkeypatch, db):
    with pytest.raises(CommandError, match="invalid choice"):
        triage(monkeypatch, "hi\n", "--defaults", "--lang", "de")
