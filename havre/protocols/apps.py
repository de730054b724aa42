from __future__ import annotations

from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "havre.protocols"
    label = "protocols"
    default_auto_field = "django.db.models.BigAutoField"
