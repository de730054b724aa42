"""A report drawn as SVG on the server, for the console's Reports section.

Each chart is a <figure>: an SVG with role="img", a <title> and a <desc>
that says in a sentence what it shows, a caption, and the same figures as a
table for whoever cannot see it. Colours come from classes (reports.css),
so the page's Content-Security-Policy needs no inline style; withheld
counts are drawn as an outlined stub marked "<5" and written out in words
in the tables. Everything drawn is a number or Havre's own text, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from havre.reports.figures import CHANNELS, WEEKDAYS
from havre.reports.wrapup import category_label

WIDTH = 640
BAR_AREA = 180
# Room above the tallest column for the value written over it.
TOP = 22
LABEL_BAND = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None


def render(report: dict[str, Any], labels: dict[str, str] | None = None) -> SafeString:
    """The report's charts; `labels` names the wrap-up codes ("abuse:physical") in this language."""
    labels = labels or {}
    threshold = int(report["threshold"])
    contacts = report["contacts"]
    days = [date.fromisoformat(day) for day in contacts["by_day"]]
    parts = [
        _figures(report),
        _columns(
            "days",
            _("Contacts by day"),
            [
                Bar(formats.date_format(day, "D j"), contacts["by_day"][day.isoformat()])
                for day in days
            ],
            threshold,
        ),
        _rows(
            "channels",
            _("Contacts by channel"),
            [Bar(channel_name(kind), contacts["by_channel"][kind]) for kind in CHANNELS],
            threshold,
        ),
        _rows(
            "answers",
            _("Answered and unanswered contacts"),
            [
                Bar(_("Answered"), report["answers"]["answered"]),
                Bar(_("Closed before an answer"), report["answers"]["abandoned"]),
                Bar(_("Still waiting"), report["answers"]["waiting"]),
            ],
            threshold,
        ),
        _week(contacts["by_hour_of_week"], threshold),
        *(
            _rows(
                f"wrapup-{category}",
                _("Wrap-up: {category}").replace("{category}", category_label(category)),
                [Bar(labels.get(f"{category}:{code}", code), n) for code, n in codes.items()],
                threshold,
            )
            for category, codes in report.get("wrapup", {}).items()
        ),
    ]
    return format_html('<div class="report">{}</div>', mark_safe("".join(parts)))  # noqa: S308 (each part escaped)


def channel_name(kind: str) -> str:
    names = {
        "phone": _("SMS"),
        "whatsapp": _("WhatsApp"),
        "messenger": _("Messenger"),
        "signal": _("Signal"),
        "webchat": _("Web chat"),
    }
    return names.get(kind, kind)


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


def shown(value: int | float | None, threshold: int) -> str:
    """A figure as the tables write it: the number, or "fewer than 5"."""
    if value is None:
        return _("fewer than {n}").replace("{n}", str(threshold))
    return formats.number_format(value)


def _short(value: int | None, threshold: int) -> str:
    return f"<{threshold}" if value is None else formats.number_format(value)


def _withheld_note(threshold: int) -> str:
    return _("Counts under {n} are not shown, so that no one can be recognised.").replace(
        "{n}", str(threshold)
    )


def _figures(report: dict[str, Any]) -> str:
    threshold = int(report["threshold"])
    answers, waits, lengths = (
        report["answers"],
        report["first_answer_minutes"],
        report["length_minutes"],
    )
    rate = answers["answer_rate"]
    items = [
        (_("contacts"), shown(report["contacts"]["total"], threshold)),
        (
            _("answer rate"),
            shown(None, threshold)
            if rate is None
            else f"{formats.number_format(round(rate * 100, 1))} %",
        ),
        (_("median wait for a first answer, in minutes"), shown(waits["median"], threshold)),
        (_("9 in 10 answered within, in minutes"), shown(waits["p90"], threshold)),
        (_("median length, in minutes"), shown(lengths["median"], threshold)),
        (_("transfers"), shown(report["team"]["transfers"], threshold)),
        (_("escalations to a supervisor"), shown(report["team"]["escalations"], threshold)),
        (_("flagged suicide risk"), shown(report["crisis_flags"]["suicide"], threshold)),
        (_("flagged immediate danger"), shown(report["crisis_flags"]["danger"], threshold)),
        (_("out-of-hours replies"), shown(report["automatic_replies"]["out_of_hours"], threshold)),
        (_("emergency-mode replies"), shown(report["automatic_replies"]["emergency"], threshold)),
        (_("numbers blocked"), shown(report["blocks"], threshold)),
    ]
    tiles = format_html_join(
        "",
        '<li><span class="figure-value">{}</span> <span class="figure-label">{}</span></li>',
        ((value, label) for label, value in items),
    )
    return str(
        format_html(
            '<section class="report-figures" aria-labelledby="report-figures-title">'
            '<h3 id="report-figures-title">{}</h3><ul>{}</ul><p class="report-note">{}</p></section>',
            _("Key figures"),
            tiles,
            _withheld_note(threshold),
        )
    )


def _describe(bars: Sequence[Bar], threshold: int) -> str:
    known = [bar for bar in bars if bar.value]
    withheld = sum(1 for bar in bars if bar.value is None)
    if not known:
        sentence = _("No figure large enough to show.")
    else:
        top = max(known, key=lambda bar: bar.value or 0)
        sentence = (
            _("Highest: {label}, {n}.")
            .replace("{label}", top.label)
            .replace("{n}", formats.number_format(top.value or 0))
        )
    if withheld:
        sentence += " " + _("{k} withheld (under {n}).").replace("{k}", str(withheld)).replace(
            "{n}", str(threshold)
        )
    return sentence


def _table(name: str, head: str, bars: Sequence[Bar], threshold: int) -> str:
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td></tr>',
        ((bar.label, shown(bar.value, threshold)) for bar in bars),
    )
    return str(
        format_html(
            '<details class="chart-table"><summary>{}</summary><table>'
            '<thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table></details>",
            _("Show the figures as a table"),
            head,
            _("Contacts"),
            rows,
        )
    )


def _figure(name: str, title: str, svg_body: str, height: int, desc: str, table: str) -> str:
    return str(
        format_html(
            '<figure class="chart" id="chart-{name}">'
            '<svg class="chart-svg" viewBox="0 0 {w} {h}" role="img" '
            'aria-labelledby="chart-{name}-title chart-{name}-desc" preserveAspectRatio="xMinYMin meet">'
            '<title id="chart-{name}-title">{title}</title><desc id="chart-{name}-desc">{desc}</desc>'
            "{body}</svg><figcaption>{title}</figcaption>{table}</figure>",
            name=name,
            w=WIDTH,
            h=height,
            title=title,
            desc=desc,
            body=mark_safe(svg_body),  # noqa: S308 (built with format_html)
            table=mark_safe(table),  # noqa: S308 (built with format_html)
        )
    )


def _svg(template: str, *args: object) -> str:
    """format_html for drawing: coordinates written with one decimal, text escaped."""
    return str(format_html(template, *(f"{a:.1f}" if isinstance(a, float) else a for a in args)))


def _scale(bars: Sequence[Bar], threshold: int) -> int:
    return max([threshold, *(bar.value or 0 for bar in bars)])


def _columns(name: str, title: str, bars: Sequence[Bar], threshold: int) -> str:
    """Vertical bars, one per day."""
    top = _scale(bars, threshold)
    slot = WIDTH / max(len(bars), 1)
    every = max(1, round(len(bars) / 14))
    shapes = []
    for index, bar in enumerate(bars):
        x = index * slot + slot * 0.15
        width = slot * 0.7
        if bar.value is None:
            height = BAR_AREA * (threshold / 2) / top
            shapes.append(
                _svg(
                    '<rect class="bar withheld" x="{}" y="{}" width="{}" height="{}"/>',
                    x,
                    TOP + BAR_AREA - height,
                    width,
                    height,
                )
            )
        else:
            height = BAR_AREA * bar.value / top
            shapes.append(
                _svg(
                    '<rect class="bar" x="{}" y="{}" width="{}" height="{}"/>',
                    x,
                    TOP + BAR_AREA - height,
                    width,
                    height,
                )
            )
        if len(bars) <= 31:
            shapes.append(
                _svg(
                    '<text class="bar-value" x="{}" y="{}">{}</text>',
                    x + width / 2,
                    TOP + BAR_AREA - height - 4,
                    _short(bar.value, threshold),
                )
            )
        if index % every == 0:
            shapes.append(
                _svg(
                    '<text class="axis-label" x="{}" y="{}">{}</text>',
                    x + width / 2,
                    TOP + BAR_AREA + 18,
                    bar.label,
                )
            )
    body = "".join(str(shape) for shape in shapes)
    height = TOP + BAR_AREA + LABEL_BAND
    return _figure(
        name,
        title,
        body,
        height,
        _describe(bars, threshold),
        _table(name, _("Day"), bars, threshold),
    )


def _rows(name: str, title: str, bars: Sequence[Bar], threshold: int) -> str:
    """Horizontal bars, one per line, label on the left."""
    top = _scale(bars, threshold)
    label_width, row = 200, 30
    room = WIDTH - label_width - 60
    shapes = []
    for index, bar in enumerate(bars):
        y = 8 + index * row
        length = room * ((threshold / 2) if bar.value is None else bar.value) / top
        kind = "bar withheld" if bar.value is None else "bar"
        shapes.append(
            _svg(
                '<text class="row-label" x="{}" y="{}">{}</text>'
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="bar-value start" x="{}" y="{}">{}</text>',
                label_width - 8,
                y + 16,
                bar.label,
                kind,
                label_width,
                y,
                max(length, 1),
                row - 10,
                label_width + max(length, 1) + 6,
                y + 16,
                _short(bar.value, threshold),
            )
        )
    body = "".join(str(shape) for shape in shapes)
    return _figure(
        name,
        title,
        body,
        8 + len(bars) * row,
        _describe(bars, threshold),
        _table(name, title, bars, threshold),
    )


def _week(by_hour: dict[str, list[int | None]], threshold: int) -> str:
    """A 7 by 24 grid, darker where more contacts began in that hour."""
    names = weekday_names()
    values = [v for day in WEEKDAYS for v in by_hour[day] if v]
    top = max(values, default=0)
    left, cell, height = 90, (WIDTH - 90) / 24, 22
    shapes = []
    for hour in range(0, 24, 3):
        shapes.append(
            _svg(
                '<text class="axis-label" x="{}" y="12">{}</text>',
                left + hour * cell + cell / 2,
                f"{hour:02d}",
            )
        )
    for row, day in enumerate(WEEKDAYS):
        y = 18 + row * height
        shapes.append(
            _svg('<text class="row-label" x="{}" y="{}">{}</text>', left - 8, y + 15, names[row])
        )
        for hour, value in enumerate(by_hour[day]):
            if value is None:
                kind = "cell withheld"
            elif value == 0 or top == 0:
                kind = "cell level-0"
            else:
                kind = f"cell level-{min(4, 1 + (4 * value - 1) // top)}"
            shapes.append(
                _svg(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>',
                    kind,
                    left + hour * cell + 1,
                    y,
                    cell - 2,
                    height - 2,
                )
            )
    body = "".join(str(shape) for shape in shapes)
    cells = [
        Bar(f"{names[r]} {h:02d}", by_hour[day][h])
        for r, day in enumerate(WEEKDAYS)
        for h in range(24)
    ]
    head = format_html_join("", '<th scope="col">{}</th>', ((f"{h:02d}",) for h in range(24)))
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                names[r],
                format_html_join(
                    "", "<td>{}</td>", ((_short(v, threshold),) for v in by_hour[day])
                ),
            )
            for r, day in enumerate(WEEKDAYS)
        ),
    )
    table = _svg(
        '<details class="chart-table"><summary>{}</summary><div class="table-scroll" tabindex="0"><table>'
        '<thead><tr><th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody></table></div>'
        '<p class="report-note">{}</p></details>',
        _("Show the figures as a table"),
        _("Day"),
        head,
        rows,
        _(
            "Each cell counts the contacts that began in that hour; <{n} means fewer than {n}."
        ).replace("{n}", str(threshold)),
    )
    return _figure(
        "week",
        _("Contacts by hour of the week"),
        body,
        18 + 7 * height,
        _describe(cells, threshold),
        str(table),
    )
