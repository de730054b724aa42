"""`havre channel add|list|remove`: the provider accounts through which texters write.

`add` has one form per provider, built from the settings its folder declares;
credentials are read from files (or standard input), stored only boxed, and
never printed. `list` shows each channel with its webhook URLs, to paste into
the provider's console.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from havre.accounts.lookup import one_program
from havre.conversations.actions.channels import remove_channel
from havre.conversations.models import Channel
from havre.gateways import actions
from havre.gateways.registry import PROVIDERS, UnknownProviderError, provider, webhook_urls
from havre.gateways.spec import Field, ProviderSpec
from havre.vault.addresses import is_phone_number

KIND_NAMES = {"phone": "SMS", "whatsapp": "WhatsApp", "messenger": "Messenger", "signal": "Signal"}


def describe(channel: Channel) -> dict[str, Any]:
    try:
        spec: ProviderSpec | None = provider(channel.provider)
    except UnknownProviderError:
        spec = None
    return {
        "id": str(channel.pk),
        "provider": channel.provider,
        "kind": channel.address_kind,
        "address": channel.address,
        "number": channel.address if is_phone_number(channel.address) else None,
        "program": {"id": str(channel.program_id), "name": channel.program.name},
        **(spec.summary(channel) if spec is not None else {}),
        "webhooks": webhook_urls(channel) if spec is not None else {},
        "created_at": channel.created_at.isoformat(),
        "removed_at": channel.removed_at.isoformat() if channel.removed_at else None,
    }


def _add_field(parser: argparse.ArgumentParser, field: Field) -> None:
    if not field.secret:
        parser.add_argument(
            f"--{field.flag}", dest=field.name, required=field.required, help=field.help
        )
        return
    group = parser.add_mutually_exclusive_group(required=field.required)
    group.add_argument(
        f"--{field.flag}-file",
        dest=f"{field.name}__file",
        metavar="FILE",
        help=f"file holding {field.help}, or - for standard input",
    )
    if not field.multiline:
        group.add_argument(
            f"--{field.flag}",
            dest=field.name,
            help=f"{field.help} itself (prefer --{field.flag}-file: a value typed on the "
            "command line stays in the shell's history)",
        )


class Command(BaseCommand):
    help = "Add, list or remove the channels (provider accounts) through which texters write."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|list|remove")

        add = sub.add_parser("add", help="connect a provider account to a program")
        providers = add.add_subparsers(dest="provider", required=True, metavar="PROVIDER")
        for spec in PROVIDERS.values():
            form = providers.add_parser(spec.name, help=spec.label, description=spec.label)
            for field in spec.fields:
                _add_field(form, field)
            form.add_argument(
                "--program",
                help="its id or exact name (may be left out when the server has one program)",
            )
            form.add_argument("--json", action="store_true", help="print the result as JSON")

        listing = sub.add_parser("list", help="show the channels and their webhook URLs")
        listing.add_argument("--all", action="store_true", help="include removed channels")
        listing.add_argument("--json", action="store_true", help="print the result as JSON")

        remove = sub.add_parser("remove", help="stop a channel at once and forget its credentials")
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
        spec = provider(options["provider"])
        program = one_program(options["program"])
        values = {field.name: self._value(field, options) for field in spec.fields}
        try:
            channel = actions.add_channel(
                program, spec.name, **{k: v for k, v in values.items() if v is not None}
            )
        except actions.ChannelError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(describe(channel)))
            return
        self.stdout.write(
            f"Channel {channel.pk} added: {spec.label} {channel.address} for {program.name!r}.\n"
            + spec.setup(channel, webhook_urls(channel))
        )

    def _list(self, options: dict[str, Any]) -> None:
        # Only providers' channels: the web chat's own is shown by `havre chat show`.
        channels = (
            Channel.objects.select_related("program")
            .filter(provider__in=PROVIDERS)
            .order_by("created_at")
        )
        if not options["all"]:
            channels = channels.filter(removed_at__isnull=True)
        described = [describe(c) for c in channels]
        if options["json"]:
            self.stdout.write(json.dumps(described))
            return
        if not described:
            names = ", ".join(PROVIDERS)
            self.stdout.write(f"No channels. Add one with: havre channel add PROVIDER ({names})")
        for item in described:
            removed = f"  (removed {item['removed_at']})" if item["removed_at"] else ""
            self.stdout.write(
                f"{item['id']}  {item['provider']}  {item['address']}  "
                f"{item['program']['name']} ({item['program']['id']}){removed}"
            )
            for event, url in item["webhooks"].items():
                self.stdout.write(f"    {event:<8} {url}")

    def _remove(self, options: dict[str, Any]) -> None:
        try:
            channel = Channel.objects.select_related("program").get(
                pk=uuid.UUID(options["channel"])
            )
        except (ValueError, Channel.DoesNotExist):
            raise CommandError(f"no channel with id {options['channel']}") from None
        if channel.removed_at is not None:
            raise CommandError(f"channel {channel.pk} was already removed")
        removal = remove_channel(channel)
        if options["json"]:
            self.stdout.write(
                json.dumps({**describe(channel), "open_conversations": removal.open_conversations})
            )
            return
        kind = KIND_NAMES.get(channel.address_kind, channel.address_kind)
        try:
            after = provider(channel.provider).after_removal
        except UnknownProviderError:
            after = ""
        self.stdout.write(
            f"Channel {channel.pk} removed: Havre takes no more texts from it, from now on, "
            "and its credentials are forgotten.\n"
            + self._open_conversations(removal.open_conversations, kind)
            + (f"\n{after}" if after else "")
        )

    @staticmethod
    def _open_conversations(count: int, kind: str) -> str:
        if count == 0:
            return "It had no open conversation."
        those = (
            "It had 1 open conversation: it stays"
            if count == 1
            else (f"It had {count} open conversations: they stay")
        )
        return (
            f"{those} open in the console, with its messages readable, but no reply can be "
            f"sent through this channel any more. A texter who writes again on another {kind} "
            "channel of this program continues her conversation there; otherwise close it "
            "once she has been told another way."
        )

    def _value(self, field: Field, options: dict[str, Any]) -> str | None:
        if not field.secret:
            value = options.get(field.name)
            return None if value is None else str(value)
        path = options.get(f"{field.name}__file")
        if path is None:
            value = options.get(field.name)
            return None if value is None else str(value).strip()
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not a text file"
            raise CommandError(f"cannot read {path}: {reason}") from None
        return text if field.multiline else text.strip()
