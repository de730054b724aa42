from __future__ import annotations

from django.apps import AppConfig


class GatewaysConfig(AppConfig):
    name = "havre.gateways"
    label = "gateways"
    default_auto_field = "django.db.models.BigAutoField"
