"""Withholding small counts, so that a report never points at a person.

A helpline's figures are about a few people: "one contact from the
WhatsApp channel on Tuesday at 3 in the morning" can be enough for someone
who knows her to recognise her. Every count from 1 up to the program's
threshold less one is therefore withheld (`None`), and so is every figure
computed from fewer people than the threshold (a rate, a median). Zero is
shown: it points at nobody.

A breakdown printed beside its total would give a withheld cell away by
subtraction, so when exactly one cell of it is withheld, the smallest other
cell is withheld too.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence


def count(n: int, threshold: int) -> int | None:
    return n if n == 0 or n >= threshold else None


def breakdown(counts: Mapping[str, int], threshold: int) -> dict[str, int | None]:
    """Each cell of a breakdown whose total is shown, small ones withheld."""
    shown = {key: count(n, threshold) for key, n in counts.items()}
    withheld = [key for key, value in shown.items() if value is None]
    if len(withheld) == 1:
        others = [(n, key) for key, n in counts.items() if shown[key]]
        if others:
            shown[min(others)[1]] = None
    return shown


def rate(part: int, whole: int, threshold: int) -> float | None:
    """part / whole, unless either is withheld (the rate would give it back)."""
    if whole == 0 or count(whole, threshold) is None or count(part, threshold) is None:
        return None
    return round(part / whole, 3)


def median(values: Sequence[float], threshold: int) -> float | None:
    if not values or len(values) < threshold:
        return None
    return float(statistics.median(values))


def percentile_90(values: Sequence[float], threshold: int) -> float | None:
    """The nearest-rank 90th percentile: the smallest value at or above 90% of them."""
    if not values or len(values) < threshold:
        return None
    ordered = sorted(values)
    return float(ordered[math.ceil(0.9 * len(ordered)) - 1])
