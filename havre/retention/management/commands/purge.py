"""`havre purge`: run the retention sweep now, or count what it would delete."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from havre.retention import commands
from havre.retention.sweep import COUNTS, Outcome, purge

LABELS = {
    "closed_idle": "idle conversations closed",
    "closing_notices_owed": "idle with the texter's text last, left open for the closing notice",
    "closing_notices_unsent": "of those closed, owed the closing notice nobody sent",
    "conversations_erased": "conversations erased",
    "messages_deleted": "messages deleted",
    "notes_deleted": "notes deleted",
    "numbers_erased": "numbers erased",
    "code_words_erased": "code words erased",
    "audit_entries_deleted": "audit entries deleted",
    "reports_deleted": "old purge reports deleted",
    "epochs_shredded": "old program keys shredded",
    "grants_deleted": "grants deleted",
}


class Command(BaseCommand):
    help = (
        "Run the retention sweep now: close idle conversations and delete what each "
        "program's policy says is due. --dry-run counts what it would delete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", metavar="ID", help="only this program (its id or name)")
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be deleted; delete nothing"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = commands.programs(options["program"])
        bar = None if options["json"] or not sys.stderr.isatty() else _bar
        outcomes: list[Outcome] = []
        for program in chosen:
            outcomes += purge(program=program, dry_run=options["dry_run"], progress=bar)
            if bar is not None:
                sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "dry_run": options["dry_run"],
                        "programs": [
                            {
                                "program": o.program_id,
                                "duration_ms": o.duration_ms,
                                **o.counts,
                            }
                            for o in outcomes
                        ],
                    }
                )
            )
            return
        names = {str(p.pk): p.name for p in chosen}
        verb = "would be" if options["dry_run"] else "done"
        for outcome in outcomes:
            self.stdout.write(f"{names[outcome.program_id]} ({verb}, {outcome.duration_ms} ms):")
            for name in COUNTS:
                self.stdout.write(f"  {LABELS[name]}: {outcome.counts[name]}")
        if not outcomes:
            self.stdout.write("No program yet: nothing to purge.")


def _bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rErasing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()
