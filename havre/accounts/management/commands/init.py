"""`havre init`: a new program and the one-time sign-up link of its first admin.

Without `--program-public-key`, the admin makes the program key in their
browser at sign-up. With it (from `havre keys generate` on an offline
computer), epoch 1 is created now and the admin imports the recovery file.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from havre.accounts import actions, links
from havre.accounts.grants import create_first_epoch
from havre.accounts.models import Program, Role, User
from havre.vault.formats import KEY_SIZE, FormatError, b64d, fingerprint


class Command(BaseCommand):
    help = "Create a program and print its first admin's one-time sign-up link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, help="the program's name")
        parser.add_argument("--admin", required=True, help="the first admin's email address")
        parser.add_argument(
            "--program-public-key", help="from `havre keys generate` (base64url, 32 bytes)"
        )
        parser.add_argument("--program-id", type=uuid.UUID, help="from `havre keys generate`")
        parser.add_argument(
            "--language",
            default="en",
            choices=sorted(actions.LANGUAGES),
            help="the language texters' automatic notices default to (default: en)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        public_key = self._public_key(options["program_public_key"])
        name = " ".join(options["program"].split())
        if not name:
            raise CommandError("--program must name the program, for example --program Refuge")
        name_limit = Program._meta.get_field("name").max_length
        if name_limit is not None and len(name) > name_limit:
            raise CommandError(f"--program is a name of at most {name_limit} characters")
        email = options["admin"].strip().lower()
        if "@" not in email:
            raise CommandError("--admin must be an email address")
        if User.objects.filter(email=email).exists():
            raise CommandError(f"{email} already has an account")
        program_id = options["program_id"]
        if program_id is not None and Program.objects.filter(pk=program_id).exists():
            raise CommandError(f"a program with id {program_id} already exists")
        with transaction.atomic():
            program = actions.create_program(name, options["language"], program_id=program_id)
            if public_key is not None:
                create_first_epoch(program, public_key)
            admin, token = actions.invite(program, email, Role.ADMIN, None)
        result = {
            "program_id": str(program.pk),
            "admin_id": str(admin.pk),
            "epoch": 1 if public_key else None,
            "signup_url": links.url(token),
            "expires_in_days": links.LIFETIME.days,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"Program {program.name!r} created ({program.pk}).")
        if public_key is not None:
            self.stdout.write(f"Program key fingerprint: {fingerprint(public_key)}")
        self.stdout.write(
            f"Sign-up link for {email} (works once, for {links.LIFETIME.days} days):\n"
            f"  {result['signup_url']}\n"
            "Send it yourself, by a channel you trust. It is not shown again."
        )

    def _public_key(self, text: str | None) -> bytes | None:
        if text is None:
            return None
        try:
            key = b64d(text.strip())
            fingerprint(key)
        except FormatError:
            raise CommandError("--program-public-key is not a base64url X25519 key") from None
        if len(key) != KEY_SIZE:
            raise CommandError("--program-public-key is not a base64url X25519 key")
        return key
