"""Providers' webhooks: /hooks/<provider>/<channel uuid>/<event>, as each provider declares them."""

from __future__ import annotations

from havre.gateways.registry import PROVIDERS

app_name = "gateways"

urlpatterns = [pattern for spec in PROVIDERS.values() for pattern in spec.urlpatterns]
