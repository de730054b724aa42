"""`havre chat show|set`: the program's web chat, for scripted deployments.

The same action as the console's settings form (`havre.chat.actions.configure`).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.lookup import one_program
from havre.chat import actions


class Command(BaseCommand):
    help = "Show or change the program's web chat: its address, exit page, title, on or off."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="show|set")
        show = sub.add_parser("show", help="the chat's settings and the snippet for the website")
        show.add_argument(
            "--program",
            help="its id or exact name (may be left out when the server has one program)",
        )
        show.add_argument("--json", action="store_true", help="print the result as JSON")
        change = sub.add_parser("set", help="change the chat's settings (only those given)")
        change.add_argument(
            "--program",
            help="its id or exact name (may be left out when the server has one program)",
        )
        change.add_argument(
            "--slug",
            help="the chat's address, /chat/SLUG/: lowercase letters, digits and hyphens "
            "(needed the first time; choose a word that says nothing about violence)",
        )
        change.add_argument(
            "--exit-url",
            metavar="URL",
            help="the https:// page the quick exit replaces the chat with",
        )
        change.add_argument(
            "--neutral-title",
            metavar="TEXT",
            help="a title for the tab and the history instead of the program's name, with a "
            'plain icon ("" to show the name again)',
        )
        state = change.add_mutually_exclusive_group()
        state.add_argument("--on", dest="enabled", action="store_true", default=None)
        state.add_argument("--off", dest="enabled", action="store_false")
        change.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        program = one_program(options["program"])
        if options["action"] == "set":
            try:
                chat = actions.configure(
                    program,
                    by=None,
                    slug=options["slug"],
                    exit_url=options["exit_url"],
                    neutral_title=options["neutral_title"],
                    enabled=options["enabled"],
                )
            except actions.ChatError as exc:
                raise CommandError(str(exc)) from None
        else:
            found = actions.settings_of(program)
            if found is None:
                if options["json"]:
                    self.stdout.write(json.dumps({"chat": None}))
                    return
                self.stdout.write(
                    f"{program.name} has no web chat yet: "
                    "`havre chat set --slug SLUG --on` makes one."
                )
                return
            chat = found
        described = actions.describe(chat)
        if options["json"]:
            self.stdout.write(json.dumps({"chat": described, "snippet": actions.snippet(chat)}))
            return
        self.stdout.write(
            f"Web chat of {program.name}: {'on' if chat.enabled else 'off'}\n"
            f"  address:       {described['url']}\n"
            f"  quick exit to: {chat.exit_url}\n"
            f"  tab title:     {chat.neutral_title or program.name + ' (the program name)'}\n"
            "Paste this on the program's website to open it:\n"
            f"  {actions.snippet(chat)}"
        )
