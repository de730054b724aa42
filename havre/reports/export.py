"""A report as rows (section, item, value), for CSV and for the plain-text listing.

A withheld figure is written "<N" (fewer than the threshold N), so that a
spreadsheet shows plainly that it was not given rather than zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

HEADER = ("section", "item", "value")


def rows(report: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    withheld = f"<{report['threshold']}"
    for section, content in report.items():
        if section in {"period", "threshold"}:
            continue
        yield from _flatten(section, content, withheld)


def _flatten(section: str, content: Any, withheld: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(content, dict):
        for key, value in content.items():
            if isinstance(value, dict | list):
                yield from _flatten(f"{section}.{key}", value, withheld)
            else:
                yield section, str(key), _value(value, withheld)
    elif isinstance(content, list):
        for index, value in enumerate(content):
            yield section, f"{index:02d}", _value(value, withheld)
    else:
        yield section, "", _value(content, withheld)


def _value(value: Any, withheld: str) -> str:
    return withheld if value is None else str(value)


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    period = report["period"]
    writer.writerow(HEADER)
    writer.writerow(("period", "from", period["from"]))
    writer.writerow(("period", "to", period["to"]))
    writer.writerow(("period", "time_zone", period["time_zone"]))
    writer.writerow(("threshold", "", report["threshold"]))
    writer.writerows(rows(report))
    return out.getvalue()
