from __future__ import annotations

from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "havre.console"
    label = "console"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from havre.console import signals

        signals.connect()
