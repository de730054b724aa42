"""`havre demo`: a ready helpline with demo staff, demo keys and a phone simulator."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from havre.demo.fake import register_account
from havre.demo.seed import DEMO_SID, DEMO_STAFF, DEMO_TOKEN, seed


class Command(BaseCommand):
    help = "Run a demonstration helpline (fictitious data, demo keys, no second factor)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="port to listen on (default: 8000)"
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="set up the demo's data and sign-ins, print them, and exit without serving",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HAVRE_DEMO:
            raise CommandError("run the demo through `havre demo`")
        # A data folder left by an earlier demo is made private too.
        settings.DATA_DIR.chmod(0o700)
        call_command("migrate", interactive=False, verbosity=0)
        _, channel = seed()
        register_account(DEMO_SID, DEMO_TOKEN)
        url = settings.HAVRE_PUBLIC_URL
        lines = [
            "",
            "Havre DEMO helpline: fictitious data, demo keys, no second factor.",
            f"  Console:    {url}/console/",
            f"  Simulator:  {url}/simulator/   (play one or more texters)",
            "  Sign-ins (email / passphrase):",
            *(f"    {p.role.label:<14} {p.email} / {p.passphrase}" for p in DEMO_STAFF),
            f"  Channel:    Twilio (simulated) {channel.address}",
            f"  Data:       {settings.DATA_DIR}",
            "",
        ]
        self.stdout.write("\n".join(lines))
        if options["no_serve"]:
            return
        call_command("serve", host=options["host"], port=options["port"])
