from __future__ import annotations

from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "havre.chat"
    label = "chat"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from havre.chat import retention

        retention.connect()
