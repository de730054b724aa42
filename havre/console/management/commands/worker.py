"""`havre worker`: task workers in their own process, for scale-out mode."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from havre.tasks_backend import run_worker


class Command(BaseCommand):
    help = "Run task workers (scale-out mode; the embedded server runs its own)."

    def handle(self, *args: Any, **options: Any) -> None:
        run_worker()
