"""`havre serve`: migrate, start the embedded workers, serve over ASGI with uvicorn."""

from __future__ import annotations

import argparse
from typing import Any

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from havre.config import is_loopback_host
from havre.tasks_backend import start_embedded_workers


class Command(BaseCommand):
    help = "Run the Havre server (migrations applied; worker threads in embedded mode)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="port to listen on (default: 8000)"
        )
        parser.add_argument(
            "--no-workers",
            action="store_true",
            help="Do not run task workers in this process (scale-out: run `havre worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        if (
            settings.HAVRE_MODE == "production"
            and not is_loopback_host(host)
            and not settings.HAVRE_PUBLIC_URL.startswith("https://")
        ):
            raise CommandError(
                f"Refusing plain HTTP on {host}: put Havre behind HTTPS and set "
                "HAVRE_PUBLIC_URL to its https:// address."
            )
        call_command("migrate", interactive=False, verbosity=0)
        consumer = None
        if not options["no_workers"] and not settings.HAVRE_SCALE_OUT:
            consumer = start_embedded_workers()
        try:
            uvicorn.run(
                "havre.asgi:application",
                host=host,
                port=options["port"],
                # havre.proxies believes forwarded headers from HAVRE_TRUSTED_PROXIES
                # only; uvicorn's own handling would believe them from 127.0.0.1.
                proxy_headers=False,
                # The console's socket carries pings and nothing larger.
                ws_max_size=16 * 1024,
                log_level="info",
                lifespan="off",
                server_header=False,
                # Client addresses of texters using web chat are sensitive; none kept.
                access_log=False,
            )
        finally:
            if consumer is not None:
                consumer.stop(graceful=True)
