"""Triage cost per inbound text with the built-in lists, beside baselines measured
in the same run: lower-casing and one regex search of the same texts, and
reading them into tokens (normalize.py) without matching anything.

Three kinds of texts: the evaluation set's (tests/triage/eval, texts of SMS
length in both languages), ordinary texts of a full SMS (1,600 characters),
and texts built to be slow: thousands of words that each start a term with
gaps ("il me il me..."), reporting verbs, denials, quotation marks, laughter,
counts, apostrophes and emoji.
"""

from __future__ import annotations

import csv
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / "tests" / "triage" / "eval"

ORDINARY = [
    (
        f"he keeps texting me and I don't know what to do about the custody hearing {n}, "
        "il m'écrit tout le temps et je sais pas quoi faire pour l'audience de garde. "
    )
    * 10
    for n in range(100)
]
HOSTILE = {
    "reporting verbs": "he said " * 2000 + "I want to die",
    "denials": "not " * 4000 + "pills",
    "quotation marks": '"' * 4000,
    "terms with gaps": "il me " * 3000,
    "pronouns": "he " * 4000,
    "counts": "took 20 " * 2000,
    "laughter": "lol " * 4000,
    "apostrophes": "j'm'l'n'd'c'qu'" * 1000,
    "emoji": "😂💊🔪" * 3000,
    # Sentence readings ("~"): every word starts or continues one, in one sentence.
    "wide gaps": "he grabbed my i took all my il me a serré je ai pris tout " * 400,
    # Readings across sentences ("~~"): every short sentence starts one.
    "across sentences": "i have the pills. je ai les cachets. tonight " * 600,
}


def _evaluation_texts() -> list[str]:
    texts: list[str] = []
    for name in (
        "development.tsv",
        "held_out.tsv",
        "development_2.tsv",
        "development_3.tsv",
        "development_4.tsv",
        "development_across.tsv",
        "development_5.tsv",
    ):
        with (EVAL / name).open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend(row["text"] for row in rows)
    return texts


def _per_text(work: Callable[[str], object], texts: list[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, (time.perf_counter() - started) / len(texts))
    return best


def main() -> None:
    os.environ.setdefault("HAVRE_MODE", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import django

    django.setup()
    from havre.triage.lexicons import builtin_matcher
    from havre.triage.normalize import tokenize

    started = time.perf_counter()
    matcher = builtin_matcher()
    compiled = time.perf_counter() - started
    word = re.compile(r"\bsuicide\b")

    def baseline(text: str) -> object:
        return word.search(text.lower())

    print("triage, built-in lists, per text (best of 3)")
    print(f"  compiling the built-in lists once per process: {compiled * 1e3:.0f} ms")
    sets = [
        ("evaluation set (SMS length)", _evaluation_texts()),
        ("ordinary texts of 1,600 characters", ORDINARY),
    ]
    sets += [(f"built to be slow: {name}", [text]) for name, text in HOSTILE.items()]
    for name, texts in sets:
        chars = sum(len(t) for t in texts) // len(texts)
        base = _per_text(baseline, texts)
        read = _per_text(tokenize, texts)
        havre = _per_text(matcher.assess, texts)
        print(f"  {name} ({len(texts)} texts of {chars} characters):")
        print(f"    baseline (lower + one regex): {base * 1e6:10.1f} µs")
        print(f"    reading into tokens only:     {read * 1e6:10.1f} µs")
        print(f"    triage assess:                {havre * 1e6:10.1f} µs")
        print(f"    ratio triage/baseline:        {havre / base:10.1f}")
