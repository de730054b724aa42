"""`havre retention show|set`: how long each program keeps what it holds."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.models import Program
from havre.retention import commands
from havre.retention.durations import format_duration
from havre.retention.models import Policy
from havre.retention.policy import Change, PolicyError, policy_for, set_policy

FLAGS = {
    "delete_after": "--delete-after",
    "close_idle_after": "--close-idle-after",
    "audit_keep": "--audit-keep",
}


def described(program: Program, policy: Policy) -> dict[str, str]:
    return {
        "program": str(program.pk),
        "name": program.name,
        "delete_after": format_duration(policy.delete_after),
        "close_idle_after": format_duration(policy.close_idle_after),
        "audit_keep": format_duration(policy.audit_keep),
    }


class Command(BaseCommand):
    help = (
        "Show or set how long each program keeps conversations: contents deleted after "
        "closing, idle conversations closed, the audit log kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="each program's retention policy")
        show.add_argument("--program", metavar="ID", help="only this program (its id or name)")
        show.add_argument("--json", action="store_true", help="print the result as JSON")
        change = sub.add_parser(
            "set",
            help="change a program's policy; DURATION reads like 24h, 7d, 90m or 0s",
        )
        change.add_argument("--program", metavar="ID", help="the program (needed if several)")
        change.add_argument(
            "--delete-after",
            metavar="DURATION",
            help="delete a conversation's messages, notes and number this long after it "
            "closes (0s: at once)",
        )
        change.add_argument(
            "--close-idle-after",
            metavar="DURATION",
            help="close an open conversation with no activity for this long (at least 1h)",
        )
        change.add_argument(
            "--audit-keep", metavar="DURATION", help="keep the audit log this long (30d to 3650d)"
        )
        change.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            found = [
                described(program, policy_for(program))
                for program in commands.programs(options["program"])
            ]
            self._print(found, options["json"])
            return
        change = Change(
            delete_after=commands.duration("--delete-after", options["delete_after"]),
            close_idle_after=commands.duration("--close-idle-after", options["close_idle_after"]),
            audit_keep=commands.duration("--audit-keep", options["audit_keep"]),
        )
        if change == Change():
            raise CommandError(
                "nothing to change: give --delete-after, --close-idle-after or --audit-keep"
            )
        program = commands.one_program(options["program"])
        try:
            policy = set_policy(program, change, by=None)
        except PolicyError as exc:
            raise CommandError(f"{FLAGS[exc.field]} {exc}") from None
        self._print([described(program, policy)], options["json"])

    def _print(self, found: list[dict[str, str]], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(found))
            return
        if not found:
            self.stdout.write("No program yet: `havre init` makes one.")
        for row in found:
            self.stdout.write(
                f"{row['name']} ({row['program']}): contents deleted {row['delete_after']} "
                f"after closing; idle conversations closed after {row['close_idle_after']}; "
                f"audit log kept {row['audit_keep']}."
            )
