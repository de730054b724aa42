"""`havre triage [--program ID | --defaults] [--lang en|fr] [--explain]`: assess
messages read from standard input.

One message per line in, one JSON line per message out, in the same order:
{"crisis": true, "category": "suicide"} or {"crisis": false, "category": null}.
With --defaults the built-in lexicons are used and no database is needed,
so anyone can evaluate them; otherwise the program's lexicons in force.
--lang keeps one language's lists only, to evaluate them apart. --explain
adds to each line the terms that matched, with their list and, for those
set aside, why ("hits"): for a program's own testing of its lists. Nothing
read is logged or stored, explained or not.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.lookup import one_program
from havre.accounts.models import Program
from havre.triage.lexicons import builtin_lists, compile_lists, lists_for, matcher_for
from havre.triage.matcher import LANGUAGES, Assessment, Matcher


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
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            help="use only this language's lists (both languages' apply by default)",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="also print which list and term matched each message, and why a match was "
            "set aside; for testing a program's lists (never logged)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        matcher = self._matcher(options)
        explain = bool(options["explain"])
        source = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        lines = (
            (raw.decode("utf-8", errors="replace") for raw in source)
            if source is not None
            else iter(sys.stdin)
        )
        for line in lines:
            assessment = matcher.assess(line.rstrip("\r\n"))
            self.stdout.write(json.dumps(_answer(assessment, explain=explain)))
            self.stdout.flush()

    def _matcher(self, options: dict[str, Any]) -> Matcher:
        language = options["lang"]
        if options["defaults"]:
            lists = builtin_lists()
        else:
            program_id = _program_id(options["program"])
            if language is None:
                return matcher_for(program_id)
            lists = lists_for(program_id)
        if language is not None:
            lists = {key: terms for key, terms in lists.items() if key[1] == language}
        return compile_lists(lists)


def _program_id(named: str | None) -> uuid.UUID:
    """The program named by id or exact name, found as every command finds it."""
    if named is None and not Program.objects.exists():
        raise CommandError("there is no program yet: use --defaults for the built-in lexicons")
    return one_program(named).pk


def _answer(assessment: Assessment, *, explain: bool) -> dict[str, Any]:
    answer: dict[str, Any] = {"crisis": assessment.crisis, "category": assessment.category}
    if explain:
        answer["hits"] = [
            {
                "list": f"{hit.category}/{hit.language}",
                "term": hit.term,
                "counted": hit.counted,
                "reason": hit.reason,
            }
            for hit in assessment.hits
        ]
    return answer
