"""The built-in lexicons measured on examples written for Havre, and `havre triage`.

examples.tsv holds made-up messages in English and French, with and without
risk, including denials, quoted speech, SMS spellings and everyday phrases
that look alarming ("my mom will kill me if..."). Columns: language, the
category a helpline would expect (suicide, danger or none), text.

Run with `-s` to see the figures; they are also in the failure message.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from havre.triage.lexicons import builtin_matcher

EXAMPLES = Path(__file__).with_name("examples.tsv")
ROOT = Path(__file__).resolve().parents[2]
CLASSES = ("suicide", "danger", "none")
RECALL_FLOOR = 0.9  # of crisis (suicide or danger) versus none
PRECISION_FLOOR = 0.8


@dataclass(frozen=True)
class Example:
    language: str
    expected: str
    text: str


def examples() -> list[Example]:
    with EXAMPLES.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Example(r["language"], r["expected"], r["text"]) for r in rows]


def ratio(top: int, bottom: int) -> float:
    return top / bottom if bottom else 1.0


def crisis(label: str) -> str:
    return "none" if label == "none" else "crisis"


def report(pairs: list[tuple[str, str]], title: str) -> tuple[str, dict[str, tuple[float, float]]]:
    """Precision and recall per class, as (text, {class: (precision, recall)})."""
    counts = Counter(pairs)
    labels = sorted({label for pair in pairs for label in pair})
    lines = [f"{title}: {len(pairs)} examples", f"  {'class':8} precision  recall  support"]
    figures = {}
    for label in labels:
        hit = counts[(label, label)]
        predicted = sum(n for (_, got), n in counts.items() if got == label)
        support = sum(n for (want, _), n in counts.items() if want == label)
        precision, recall = ratio(hit, predicted), ratio(hit, support)
        figures[label] = (precision, recall)
        lines.append(f"  {label:8} {precision:9.2f} {recall:7.2f} {support:8}")
    return "\n".join(lines), figures


def test_the_example_set_is_varied():
    rows = examples()
    assert len(rows) >= 150
    assert {(r.language, r.expected) for r in rows} == {
        (language, label) for language in ("en", "fr") for label in CLASSES
    }
    assert len({r.text for r in rows}) == len(rows), "duplicate examples"


def test_built_in_lexicons_find_crises_in_the_examples():
    matcher = builtin_matcher()
    pairs = []
    misses = []
    for row in examples():
        got = matcher.assess(row.text).category or "none"
        pairs.append((row.expected, got))
        if got != row.expected:
            misses.append(f"  {row.language} expected {row.expected}, got {got}: {row.text}")
    by_class, _ = report(pairs, "per category")
    by_crisis, figures = report([(crisis(a), crisis(b)) for a, b in pairs], "crisis or not")
    for language in ("en", "fr"):
        subset = [p for p, r in zip(pairs, examples(), strict=True) if r.language == language]
        by_class += "\n" + report(subset, f"  {language} only")[0]
    text = "\n".join([by_class, by_crisis, "disagreements:", *misses])
    print("\n" + text)
    precision, recall = figures["crisis"]
    assert recall >= RECALL_FLOOR, text
    assert precision >= PRECISION_FLOOR, text


def test_havre_triage_defaults_prints_one_json_line_per_message_in_order(tmp_path: Path):
    """The real command, with no server settings at all: anyone can evaluate the lexicons."""
    lines = [
        "he's at the door, he has a knife",
        "Bonjour, vous êtes ouverts ?",
        "j'ai pris 20 cachets",
        "",
        "I'm not suicidal",
        "won't be here tmrw 💊",
    ]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "havre", "triage", "--defaults"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    printed = done.stdout.splitlines()
    assert [json.loads(line) for line in printed] == [
        {"crisis": True, "category": "danger"},
        {"crisis": False, "category": None},
        {"crisis": True, "category": "suicide"},
        {"crisis": False, "category": None},
        {"crisis": False, "category": None},
        {"crisis": True, "category": "suicide"},
    ]
    assert printed[0] == '{"crisis": true, "category": "danger"}'
    assert list(tmp_path.iterdir()) == [], "nothing written, no data folder made"

    explained = subprocess.run(
        [sys.executable, "-m", "havre", "triage", "--defaults", "--lang", "fr", "--explain"],
        input="j'ai pris toutes mes pilules\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert explained.returncode == 0, explained.stderr
    assert explained.stderr == ""
    answer = json.loads(explained.stdout)
    assert answer["category"] == "suicide"
    assert {hit["list"] for hit in answer["hits"]} == {"suicide/fr"}
    assert list(tmp_path.iterdir()) == []
