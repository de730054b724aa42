"""The learned second reader (havre/triage/model.py) beside the lists."""

from __future__ import annotations

import csv
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

from havre.triage import model
from havre.triage.lexicons import builtin_lists, builtin_matcher, compile_lists, keeps_builtin
from havre.triage.matcher import SUICIDE, Matcher, Term
from havre.triage.normalize import tokenize

TRAINER = Path(__file__).resolve().parents[2] / "scripts" / "triage-model"
# A text no built-in term finds, which the model reads as suicide risk.
UNLISTED = "I keep thinking about the bridge near my house"


def trainer() -> ModuleType:
    loader = SourceFileLoader("triage_model", str(TRAINER))
    module = ModuleType(loader.name)
    module.__file__ = str(TRAINER)
    loader.exec_module(module)
    return module


def test_training_gives_the_same_weights_twice():
    script = trainer()
    path = TRAINER.parents[1] / "tests" / "triage" / "eval" / "development.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[:120]
    first, second = script.train(rows), script.train(rows)
    assert first.crisis.weights  # it learned something
    assert script.weights_json(first, "x") == script.weights_json(second, "x")


def test_the_weights_in_the_package_are_those_the_trainer_writes():
    done = subprocess.run(
        [sys.executable, str(TRAINER), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_model_reads_where_the_lists_find_no_term():
    assessment = builtin_matcher().assess(UNLISTED)
    assert assessment.hits == ()
    assert assessment.category == SUICIDE
    reading = assessment.reading
    assert reading is not None
    assert reading.score > reading.threshold
    assert reading.words
    assert all(weight > 0 for _, weight in reading.words)


def test_an_ordinary_text_is_read_and_not_flagged():
    assessment = builtin_matcher().assess("can I book a call for tuesday afternoon?")
    assert assessment.reading is not None
    assert assessment.category is None


def test_a_text_the_lists_set_aside_is_not_flagged_again_by_the_model():
    quoted = f"my sister wrote in her book: '{UNLISTED}'"
    assert model.builtin().read(tokenize(UNLISTED)).category == SUICIDE
    lists = Matcher([Term.of("keep thinking about the bridge", SUICIDE, "en")], model.builtin())
    assessment = lists.assess(quoted)
    [hit] = assessment.hits
    assert not hit.counted
    assert assessment.category is None
    assert assessment.reading is None


def test_the_model_follows_the_programs_use_of_the_built_in_lists():
    lists = builtin_lists()
    more = {**lists, ("suicide", "en"): [*lists[("suicide", "en")], "mango"]}
    fewer = {**lists, ("suicide", "en"): lists[("suicide", "en")][1:]}
    assert keeps_builtin(lists)
    assert keeps_builtin(more)
    assert compile_lists(more).assess(UNLISTED).category == SUICIDE
    assert not keeps_builtin(fewer)
    assert compile_lists(fewer).model is None
    assert compile_lists(fewer).assess(UNLISTED).category is None
    assert compile_lists(lists, reader=False).assess(UNLISTED).category is None
