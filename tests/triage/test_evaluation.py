"""The built-in lexicons measured on the evaluation set (tests/triage/eval).

The set was written from public sources on how people in crisis and in
danger write, before the lexicons were tuned, and split once into a
development part (what the lexicons were tuned on) and a held-out part
(what they are measured on). See tests/triage/eval/README.md.

The floors hold on the held-out part, overall and for each language: crisis
(suicide or danger) against none, recall 0.95 and precision 0.90. Each
treatment (denial, quotation and someone else's words, danger past and
resolved, jokes and hyperbole, everyday medicine, talk about the subject) is
measured by the share of its texts read right.

A second development part (development_2.tsv) holds texts written later by
another writer, apart from the lexicons, on which a second round of tuning
was done; it is reported and held as a regression guard, below the first
part's (its texts were written to be hard and some are still missed).

A third development part (development_3.tsv) holds texts written for issue 8
in six batches, before the sentence readings they were used to tune (see
tests/triage/eval/README.md); it is held as a regression guard too.

A fourth development part (development_4.tsv) is the development part of a
third writer's set, written without reference to any word list; its
held-out third is kept outside the repository. It is held as a regression
guard at the level the lists reach on it, every fourth line included (that
quarter was kept aside from tuning).

Run with `-s` to see every figure; they are also in the failure messages.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from havre.triage.lexicons import builtin_matcher

EVAL = Path(__file__).with_name("eval")
LANGUAGES = ("en", "fr")
RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.90
# The treatments that keep a match from counting, and the share of their
# held-out texts (crisis or not) that must be read right.
TREATMENTS = {
    "negation": 0.85,
    "quotation": 0.85,
    "past_resolved": 0.85,
    "joke_hyperbole": 0.85,
    "medicine": 0.85,
    "subject": 0.85,
}


@dataclass(frozen=True)
class Text:
    language: str
    expected: str
    facet: str
    text: str


@cache
def part(name: str) -> tuple[Text, ...]:
    with (EVAL / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(Text(r["language"], r["expected"], r["facet"], r["text"]) for r in rows)


@cache
def assessed(name: str) -> tuple[tuple[Text, str], ...]:
    matcher = builtin_matcher()
    return tuple((text, matcher.assess(text.text).category or "none") for text in part(name))


def crisis_figures(pairs: list[tuple[Text, str]]) -> tuple[float, float, int]:
    """Recall and precision of crisis (either category) against none, and the count."""
    found = sum(1 for t, got in pairs if t.expected != "none" and got != "none")
    wanted = sum(1 for t, _ in pairs if t.expected != "none")
    flagged = sum(1 for _, got in pairs if got != "none")
    return found / wanted, (found / flagged if flagged else 1.0), len(pairs)


def assert_floors(name: str, recall_floor: float, precision_floor: float, text: str) -> None:
    """The part's crisis recall and precision hold their floors in each language and overall."""
    for language in (*LANGUAGES, None):
        pairs = [p for p in assessed(name) if language is None or p[0].language == language]
        recall, precision, _ = crisis_figures(pairs)
        assert recall >= recall_floor, text
        assert precision >= precision_floor, text


def report(name: str) -> str:
    pairs = list(assessed(name))
    lines = [f"{name}: {len(pairs)} texts"]
    for language in (*LANGUAGES, None):
        subset = [p for p in pairs if language is None or p[0].language == language]
        recall, precision, count = crisis_figures(subset)
        label = language or "both"
        lines.append(
            f"  crisis, {label:4}: recall {recall:.3f}  precision {precision:.3f}  ({count} texts)"
        )
    exact = Counter((t.expected == got) for t, got in pairs)
    lines.append(f"  category exactly right: {exact[True] / len(pairs):.3f}")
    by_facet: dict[str, list[bool]] = defaultdict(list)
    for t, got in pairs:
        by_facet[t.facet].append((t.expected == "none") == (got == "none"))
    lines.append("  read right, by facet:")
    for facet in sorted(by_facet):
        right = by_facet[facet]
        mark = "  (treatment)" if facet in TREATMENTS else ""
        lines.append(f"    {facet:16} {sum(right) / len(right):.2f} of {len(right):3}{mark}")
    return "\n".join(lines)


def test_the_set_is_large_bilingual_varied_and_split_once():
    development, held_out = part("development"), part("held_out")
    every = development + held_out
    assert len(every) >= 400
    languages = Counter(t.language for t in every)
    assert set(languages) == set(LANGUAGES)
    assert min(languages.values()) / max(languages.values()) > 0.9
    assert len({t.text for t in every}) == len(every), "a text appears twice"
    assert {t.expected for t in every} == {"suicide", "danger", "none"}
    # About a third held out, in every language and treatment.
    assert 0.28 < len(held_out) / len(every) < 0.38
    for language in LANGUAGES:
        for facet in TREATMENTS:
            assert any(t.language == language and t.facet == facet for t in held_out)
    # Many hard negatives.
    assert sum(t.expected == "none" for t in every) / len(every) > 0.35


@pytest.mark.parametrize("language", [*LANGUAGES, None])
def test_crisis_recall_and_precision_hold_their_floors_on_the_held_out_part(language):
    text = report("held_out")
    print("\n" + text)
    pairs = [p for p in assessed("held_out") if language is None or p[0].language == language]
    recall, precision, _ = crisis_figures(pairs)
    assert recall >= RECALL_FLOOR, text
    assert precision >= PRECISION_FLOOR, text


@pytest.mark.parametrize("facet", sorted(TREATMENTS))
def test_each_treatment_is_measured_and_holds(facet):
    pairs = [(t, got) for t, got in assessed("held_out") if t.facet == facet]
    right = [(t.expected == "none") == (got == "none") for t, got in pairs]
    assert len(right) >= 6
    assert sum(right) / len(right) >= TREATMENTS[facet], report("held_out")


def test_the_development_part_is_read_as_tuned():
    """A regression guard: the part the lexicons were tuned on stays read right."""
    text = report("development")
    print("\n" + text)
    recall, precision, _ = crisis_figures(list(assessed("development")))
    assert recall >= 0.98, text
    assert precision >= 0.98, text


def test_the_second_development_part_is_read_as_tuned():
    """A regression guard for the texts of the second writer that the lists were tuned on."""
    text = report("development_2")
    print("\n" + text)
    second = part("development_2")
    assert len({t.text for t in second}) == len(second), "a text appears twice"
    assert not {t.text for t in second} & {t.text for t in part("development") + part("held_out")}
    assert_floors("development_2", 0.90, 0.95, text)


def test_the_third_development_part_is_read_as_tuned():
    """A regression guard for the texts written to tune the sentence readings."""
    text = report("development_3")
    print("\n" + text)
    third = part("development_3")
    assert len(third) >= 400
    assert len({t.text for t in third}) == len(third), "a text appears twice"
    earlier = part("development") + part("held_out") + part("development_2")
    assert not {t.text for t in third} & {t.text for t in earlier}
    assert_floors("development_3", 0.90, 0.95, text)


def test_the_fourth_development_part_is_read_as_tuned():
    """A regression guard for the third writer's development texts."""
    text = report("development_4")
    print("\n" + text)
    fourth = part("development_4")
    assert len(fourth) >= 350
    assert len({t.text for t in fourth}) == len(fourth), "a text appears twice"
    earlier = part("development") + part("held_out") + part("development_2") + part("development_3")
    # Written apart from the others, five of its texts happen to repeat
    # earlier ones word for word; they are kept as written.
    assert len({t.text for t in fourth} & {t.text for t in earlier}) <= 5
    assert_floors("development_4", 0.90, 0.96, text)


def test_the_third_writers_held_out_part_is_measured_and_does_not_fall_back():
    """The one part nobody tuned on or read: its figures are the ones to quote.

    The floors here are where the lists stand on it, not the issue's (0.95
    and 0.90), which they do not reach; they keep a change from quietly
    losing what was gained.
    """
    text = report("held_out_4")
    print("\n" + text)
    held = part("held_out_4")
    assert len(held) >= 170
    assert len({t.text for t in held}) == len(held), "a text appears twice"
    assert not {t.text for t in held} & {t.text for t in part("development_4")}
    assert_floors("held_out_4", 0.78, 0.90, text)


def test_the_texts_told_across_sentences_are_read_as_tuned():
    """A regression guard for the texts written for the readings across sentences.

    Written in batches, each measured once before the readings it was used
    for (tests/triage/eval/README.md); it is development data, not a measure.
    """
    text = report("development_across")
    print("\n" + text)
    across = part("development_across")
    assert len(across) >= 250
    assert len({t.text for t in across}) == len(across), "a text appears twice"
    earlier = part("development") + part("held_out") + part("development_2") + part("development_3")
    assert not {t.text for t in across} & {t.text for t in earlier + part("development_4")}
    assert_floors("development_across", 0.93, 0.97, text)


def test_the_fourth_writers_parts_are_split_once_and_measured():
    """A fourth writer's set, written by someone who had read no list, no rule
    and no earlier text, split once before anything was tuned on it.

    Its development part may be tuned on; its held-out part is measured only.
    The floors are where the lists stand on each part (held-out: recall 0.77
    and precision 0.92 or more in each language, from 0.74 en and 0.72 fr,
    0.91, on arrival), so that a change cannot quietly lose what the lists found.
    """
    development, held = part("development_5"), part("held_out_5")
    print("\n" + report("development_5") + "\n" + report("held_out_5"))
    every = development + held
    assert len(every) >= 500
    assert len({t.text for t in every}) == len(every), "a text appears twice"
    assert Counter(t.language for t in held) == {"en": 75, "fr": 75}
    earlier = (
        part("development")
        + part("held_out")
        + part("development_2")
        + part("development_3")
        + part("development_4")
        + part("held_out_4")
    )
    # Written apart from the others, five short texts happen to repeat
    # earlier ones word for word; they are kept as written.
    assert len({t.text for t in every} & {t.text for t in earlier}) <= 5
    for name, recall_floor, precision_floor in (
        ("development_5", 0.90, 0.97),
        ("held_out_5", 0.75, 0.91),
    ):
        text = report(name)
        assert_floors(name, recall_floor, precision_floor, text)
