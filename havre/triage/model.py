"""The learned second reader: reads a text where the lists found no term.

Two logistic regressions over the words and pairs of adjacent words (in one
sentence) of the matcher's own tokens (normalize.py), each counted once, a
number reading "#": one scores crisis against none, the other danger
against suicide risk. The matcher asks it only when no term of the lists
was found, counted or set aside (a denied or quoted term stays set aside,
the model does not flag it again); it flags when the crisis score, a
log-odds, passes `threshold`, and the second model picks the category.

The weights are data, `model.json`, written by `scripts/triage-model`
from the evaluation set's development parts (docs/triage.md), and read by
the browser's port too (frontend/src/triage/model.ts). Reading is one pass
over the tokens and a dictionary look-up per feature: linear in the text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from havre.triage.normalize import Token

PATH = Path(__file__).with_name("model.json")
# Words shown by an explanation: the features that weighed most towards crisis.
EXPLAINED = 5


def features(tokens: Sequence[Token]) -> list[str]:
    """Words and pairs of adjacent words of one sentence, each once, in order of reading."""
    words = ["#" if token.kind == "number" else token.text for token in tokens]
    found: dict[str, None] = {}
    for i, word in enumerate(words):
        found.setdefault("w " + word, None)
        if i + 1 < len(tokens) and tokens[i + 1].sentence == tokens[i].sentence:
            found.setdefault("b " + word + " " + words[i + 1], None)
    return list(found)


@dataclass(frozen=True, slots=True)
class Linear:
    """A logistic regression: bias plus the mean-scaled sum of the known features' weights."""

    bias: float
    weights: Mapping[str, float]

    def known(self, found: Sequence[str]) -> list[tuple[str, float]]:
        return [(f, self.weights[f]) for f in found if f in self.weights]

    def score(self, found: Sequence[str]) -> float:
        # Added one by one, in order: the browser's port adds the same way
        # (sum() of floats compensates, and would differ in the last bits).
        total, count = 0.0, 0
        for _, weight in self.known(found):
            total += weight
            count += 1
        return self.bias + (total / math.sqrt(count) if count else 0.0)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the model made of a text: its crisis log-odds and what weighed most."""

    category: str | None  # "suicide" or "danger" when the score passed the threshold
    score: float
    threshold: float
    # The features that weighed most towards crisis, as (words, weight).
    words: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Model:
    crisis: Linear
    danger: Linear
    threshold: float

    def read(self, tokens: Sequence[Token]) -> Reading:
        found = features(tokens)
        score = self.crisis.score(found)
        category = None
        if score > self.threshold:
            category = "danger" if self.danger.score(found) > 0 else "suicide"
        heaviest = sorted(self.crisis.known(found), key=lambda pair: -pair[1])[:EXPLAINED]
        words = tuple((f[2:], weight) for f, weight in heaviest if weight > 0)
        return Reading(category, score, self.threshold, words)

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Model:
        def linear(part: Mapping[str, Any]) -> Linear:
            return Linear(float(part["bias"]), dict(part["weights"]))

        return cls(linear(data["crisis"]), linear(data["danger"]), float(data["threshold"]))


@cache
def data() -> dict[str, Any]:
    """The weights file as written (also served to the web chat's page)."""
    loaded: dict[str, Any] = json.loads(PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def builtin() -> Model:
    return Model.of(data())
