from __future__ import annotations

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    """The console's safety tools: their JSON API, texts and French catalogue.

    The state they change lives in `conversations.actions.safety` and
    `vault.blocks`; this app has no models of its own.
    """

    name = "havre.safety"
    label = "safety"
    default_auto_field = "django.db.models.BigAutoField"
