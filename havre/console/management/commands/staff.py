"""`havre staff list|deactivate`: the members of each program, for scripted deployments.

Lives beside `serve` among the doors, since parting with a member hands her
conversations on: the same action the console's Team area calls.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts import epochs
from havre.accounts.models import Program, User
from havre.accounts.roster import roster
from havre.conversations.actions import parting
from havre.conversations.actions.errors import ActionError

REFUSALS = {
    "last_admin": "she is the program's last active administrator: make someone else admin first",
    "already_deactivated": "she is already deactivated",
    "bad_colleague": "the colleague named with --to cannot take her conversations",
}

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
        leaving = sub.add_parser(
            "deactivate",
            help="part with a member: sessions end, grants are deleted, conversations handed on",
        )
        leaving.add_argument("email", help="the member's e-mail address")
        leaving.add_argument(
            "--to",
            metavar="EMAIL",
            help="a colleague who takes her conversations (default: the queue)",
        )
        leaving.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(options)
        else:
            self._deactivate(options)

    def _deactivate(self, options: dict[str, Any]) -> None:
        email = str(options["email"]).strip().lower()
        member = User.objects.select_related("program").filter(email=email).first()
        if member is None:
            raise CommandError(f"nobody has the address {email}")
        to = None
        if options["to"]:
            to = parting.colleague_for(member.program, options["to"])
            if to is None:
                raise CommandError(
                    f"{options['to']} is not an active member of {member.program.name}"
                )
        try:
            handed_on = parting.part_with(member, by=None, to=to)
        except epochs.EpochRefusedError as exc:
            raise CommandError(REFUSALS.get(exc.code, exc.code)) from None
        except ActionError as exc:
            raise CommandError(f"her conversations could not be handed on: {exc.code}") from None
        state = epochs.key_state(Program.objects.get(pk=member.program_id))
        result = {
            "email": email,
            "handed_on": handed_on,
            "new_key_needed": state["new_key_needed_since"] is not None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        where = to.email if to is not None else "the queue"
        self.stdout.write(
            f"{email} is deactivated: her sessions ended and her grants are deleted; "
            f"{handed_on} conversation(s) went to {where}."
        )
        if result["new_key_needed"]:
            self.stdout.write(
                "She held the program key, so a new one is needed. Until an administrator makes it, "
                "texts are still sealed to the key she held: the next administrator to unlock the "
                "console is asked to make it at once (it is made in the browser, never here)."
            )

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
