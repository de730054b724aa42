"""`havre staff list|deactivate`: the members of each program, for scripted deployments.

Lives beside `serve` among the doors, since parting with a member hands her
conversations on: the same action the console's Team area calls.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.models import Program
from havre.accounts.roster import roster

STATES = {"active": "active", "invited": "invited", "deactivated": "deactivated"}
KEYS = {
    "holds_current_key": "holds the current program key",
    "awaiting_key": "waits for the program key",
    "no_keys": "no keys yet",
}


class Command(BaseCommand):
    help = "List the members of each program, or deactivate one (she leaves at once)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="members, roles, state and key status")
        listing.add_argument("--program", help="only this program (its id or exact name)")
        listing.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(options)

    def _programs(self, wanted: str | None) -> list[Program]:
        programs = list(Program.objects.order_by("name"))
        if wanted is None:
            return programs
        chosen = [p for p in programs if wanted in {str(p.pk), p.name}]
        if not chosen:
            raise CommandError(f"no program has the id or name {wanted!r}")
        return chosen

    def _list(self, options: dict[str, Any]) -> None:
        found = [
            {**member, "program": {"id": str(program.pk), "name": program.name}}
            for program in self._programs(options["program"])
            for member in roster(program)
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"members": found}))
            return
        if not found:
            self.stdout.write("No members yet: `havre init` makes a program and its first admin.")
            return
        for member in found:
            name = f" ({member['display_name']})" if member["display_name"] else ""
            self.stdout.write(
                f"{member['program']['name']}: {member['email']}{name}, {member['role']}, "
                f"{STATES[member['state']]}, {KEYS[member['keys']]}"
            )
