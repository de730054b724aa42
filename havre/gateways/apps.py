from __future__ import annotations

from django.apps import AppConfig


class GatewaysConfig(AppConfig):
    name = "havre.gateways"
    label = "gateways"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Signals are connected once the apps are loaded, as Django asks.
        from havre.conversations.signals import texts_queued
        from havre.gateways.sender import on_texts_queued

        texts_queued.connect(on_texts_queued, dispatch_uid="havre.gateways.sender")
