"""`havre channel add|list|remove`: the provider accounts and numbers texters reach.

Prints each channel's webhook URLs, to paste into the provider's console.
Auth tokens are stored only boxed, and never printed.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.models import Program
from havre.conversations.actions.channels import remove_channel
from havre.conversations.models import Channel
from havre.gateways import actions
from havre.gateways.base import Provider
from havre.gateways.registry import webhook_urls


def describe(channel: Channel) -> dict[str, Any]:
    return {
        "id": str(channel.pk),
        "provider": channel.provider,
        "number": channel.address,
        "program": {"id": str(channel.program_id), "name": channel.program.name},
        "account_sid": channel.config.get("account_sid"),
        "webhooks": webhook_urls(channel),
        "created_at": channel.created_at.isoformat(),
        "removed_at": channel.removed_at.isoformat() if channel.removed_at else None,
    }


class Command(BaseCommand):
    help = "Add, list or remove the channels (provider numbers) through which texters write."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|remove")

        add = sub.add_parser("add", help="connect a provider number to a program")
        add.add_argument("provider", choices=[p.value for p in Provider])
        add.add_argument(
            "--program", help="the program's id (may be left out when the server has one program)"
        )
        add.add_argument("--account-sid", required=True, help="Twilio account SID (AC...)")
        token = add.add_mutually_exclusive_group(required=True)
        token.add_argument(
            "--auth-token-file",
            help="file holding the auth token, or - for standard input (recommended: "
            "a token typed on the command line stays in the shell's history)",
        )
        token.add_argument("--auth-token", help="the auth token itself (prefer --auth-token-file)")
        add.add_argument(
            "--number", required=True, help="the number in E.164 form, e.g. +15145550100"
        )
        add.add_argument("--json", action="store_true", help="print the result as JSON")

        listing = sub.add_parser("list", help="show the channels and their webhook URLs")
        listing.add_argument("--all", action="store_true", help="include removed channels")
        listing.add_argument("--json", action="store_true", help="print the result as JSON")

        remove = sub.add_parser("remove", help="stop a channel and forget its credentials")
        remove.add_argument("channel", help="the channel's id")
        remove.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "list":
            self._list(options)
        else:
            self._remove(options)

    def _add(self, options: dict[str, Any]) -> None:
        program = self._program(options["program"])
        try:
            channel = actions.add_channel(
                program,
                options["provider"],
                address=options["number"],
                account_sid=options["account_sid"],
                auth_token=self._token(options),
            )
        except actions.ChannelError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(describe(channel)))
            return
        urls = webhook_urls(channel)
        self.stdout.write(
            f"Channel {channel.pk} added: {Provider(channel.provider).label} {channel.address} "
            f"for {program.name!r}.\n"
            f"In Twilio's console, under this number's messaging configuration, set\n"
            f'"A message comes in" to this webhook, with HTTP POST:\n'
            f"  {urls['sms']}\n"
            f"Delivery reports come to this URL, which Havre gives Twilio with each reply:\n"
            f"  {urls['status']}"
        )

    def _list(self, options: dict[str, Any]) -> None:
        channels = Channel.objects.select_related("program").order_by("created_at")
        if not options["all"]:
            channels = channels.filter(removed_at__isnull=True)
        described = [describe(c) for c in channels]
        if options["json"]:
            self.stdout.write(json.dumps(described))
            return
        if not described:
            self.stdout.write("No channels. Add one with: havre channel add twilio --help")
        for item in described:
            removed = f"  (removed {item['removed_at']})" if item["removed_at"] else ""
            self.stdout.write(
                f"{item['id']}  {item['provider']}  {item['number']}  "
                f"{item['program']['name']} ({item['program']['id']}){removed}"
            )
            for event, url in item["webhooks"].items():
                self.stdout.write(f"    {event:<7} {url}")

    def _remove(self, options: dict[str, Any]) -> None:
        try:
            channel = Channel.objects.select_related("program").get(
                pk=uuid.UUID(options["channel"])
            )
        except (ValueError, Channel.DoesNotExist):
            raise CommandError(f"no channel with id {options['channel']}") from None
        if channel.removed_at is not None:
            raise CommandError(f"channel {channel.pk} was already removed")
        remove_channel(channel)
        if options["json"]:
            self.stdout.write(json.dumps(describe(channel)))
            return
        self.stdout.write(
            f"Channel {channel.pk} removed: its webhooks now answer 404 and its auth token "
            "is forgotten. Also remove the webhook URL from the number in Twilio's console."
        )

    def _program(self, program_id: str | None) -> Program:
        if program_id is None:
            programs = list(Program.objects.all()[:2])
            if len(programs) != 1:
                raise CommandError("this server has several programs (or none): give --program ID")
            return programs[0]
        try:
            return Program.objects.get(pk=program_id)
        except (ValidationError, ValueError, Program.DoesNotExist):
            raise CommandError(f"no program with id {program_id}") from None

    def _token(self, options: dict[str, Any]) -> str:
        path = options["auth_token_file"]
        if path is None:
            return str(options["auth_token"]).strip()
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        return text.strip()
