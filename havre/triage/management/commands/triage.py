"""`havre triage [--program ID] [--defaults]`: assess messages read from standard input.

One message per line in, one JSON line per message out, in the same order:
{"crisis": true, "category": "suicide"} or {"crisis": false, "category": null}.
With --defaults the built-in lexicons are used and no database is needed,
so anyone can evaluate them; otherwise the program's lexicons in force.
Nothing read is logged or stored.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.models import Program
from havre.triage.lexicons import builtin_matcher, matcher_for
from havre.triage.matcher import Matcher


class Command(BaseCommand):
    help = (
        "Read messages from standard input, one per line, and print for each one a JSON "
        'line {"crisis": true|false, "category": "suicide"|"danger"|null}.'
    )
    # With --defaults it runs on a computer with no server set up at all.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--program", help="the program whose lexicons apply (may be left out with one program)"
        )
        which.add_argument("--defaults", action="store_true", help="use Havre's built-in lexicons")

    def handle(self, *args: Any, **options: Any) -> None:
        matcher = builtin_matcher() if options["defaults"] else self._program_matcher(options)
        source = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        lines = (
            (raw.decode("utf-8", errors="replace") for raw in source)
            if source is not None
            else iter(sys.stdin)
        )
        for line in lines:
            assessment = matcher.assess(line.rstrip("\r\n"))
            self.stdout.write(
                json.dumps({"crisis": assessment.crisis, "category": assessment.category})
            )
            self.stdout.flush()

    def _program_matcher(self, options: dict[str, Any]) -> Matcher:
        if options["program"]:
            try:
                program = Program.objects.filter(pk=options["program"]).first()
            except ValidationError:
                program = None
            if program is None:
                raise CommandError(f"no program has the id {options['program']}")
            return matcher_for(program.pk)
        programs = list(Program.objects.all()[:2])
        if len(programs) == 1:
            return matcher_for(programs[0].pk)
        if not programs:
            raise CommandError("there is no program yet: use --defaults for the built-in lexicons")
        raise CommandError("this server has several programs: name one with --program ID")
