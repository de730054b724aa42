"""`havre report --from DATE --to DATE [--json|--csv] [--program ID]`: a program's
person-free figures for a period, as the console's Reports section shows them.

Counts under the program's threshold (5 unless it set another) are
withheld: "<5" in text and CSV, null in JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.lookup import one_program
from havre.reports import export
from havre.reports.figures import Period, PeriodError, parse_days, report, zone_of


class Command(BaseCommand):
    help = (
        "Print a program's person-free figures for a period (contacts, answers, waits, "
        "transfers, crisis flags, blocks), small counts withheld. Dates are YYYY-MM-DD, "
        "both included, in the program's time zone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="first", required=True, metavar="DATE", help="first day, YYYY-MM-DD"
        )
        parser.add_argument(
            "--to", dest="last", required=True, metavar="DATE", help="last day, YYYY-MM-DD"
        )
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="print JSON (withheld: null)")
        output.add_argument("--csv", action="store_true", help="print CSV (withheld: <N)")
        parser.add_argument(
            "--program", help="its id or exact name (may be left out with one program)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            first, last = parse_days(options["first"], options["last"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        program = one_program(options["program"])
        period = Period(first, last, zone_of(program))
        figures = report(program, period)
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
        elif options["csv"]:
            self.stdout.write(export.to_csv(figures), ending="")
        else:
            self.stdout.write(_text(figures))


def _text(figures: dict[str, Any]) -> str:
    period = figures["period"]
    lines = [
        f"Report from {period['from']} to {period['to']} ({period['time_zone']}); "
        f"counts under {figures['threshold']} are withheld (<{figures['threshold']}).",
    ]
    section = None
    for name, item, value in export.rows(figures):
        if name != section:
            lines.append(f"{name}:")
            section = name
        lines.append(f"  {item or name}: {value}")
    return "\n".join(lines)
