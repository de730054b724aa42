"""Triage cost per inbound text, against lower-casing and one regex search of
the same texts as a baseline, including texts built to be slow."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

ORDINARY = [
    "he keeps texting me and I don't know what to do about the custody hearing next week "
    f"and whether I should tell the school {n}"
    for n in range(500)
]
HOSTILE = ["he said " * 2000 + "I want to die", "not " * 4000 + "pills", '"' * 4000]


def _per_text(work: Callable[[str], object], texts: list[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, (time.perf_counter() - started) / len(texts))
    return best


def main() -> None:
    import os

    os.environ.setdefault("HAVRE_MODE", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import django

    django.setup()
    from havre.triage.lexicons import builtin_matcher

    matcher = builtin_matcher()
    word = re.compile(r"\bsuicide\b")

    def baseline(text: str) -> object:
        return word.search(text.lower())

    print("triage, built-in lists, per text (best of 3)")
    for name, texts in (("ordinary texts", ORDINARY), ("texts built to be slow", HOSTILE)):
        base = _per_text(baseline, texts)
        havre = _per_text(matcher.assess, texts)
        print(f"  {name}:")
        print(f"    baseline (lower + one regex): {base * 1e6:10.1f} µs")
        print(f"    triage assess:                {havre * 1e6:10.1f} µs")
        print(f"    ratio triage/baseline:        {havre / base:10.1f}")
