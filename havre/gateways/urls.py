"""Providers' webhooks: /hooks/<provider>/<channel uuid>/<event>, as each provider declares them.

Every one answers 503 with Retry-After, rather than 500, while the database
cannot take it (`busy.py`).
"""

from __future__ import annotations

from django.urls import URLPattern

from havre.gateways.busy import answer_busy
from havre.gateways.registry import PROVIDERS

app_name = "gateways"


def _answering_busy(pattern: URLPattern) -> URLPattern:
    return URLPattern(
        pattern.pattern, answer_busy(pattern.callback), pattern.default_args, pattern.name
    )


urlpatterns = [
    _answering_busy(pattern) for spec in PROVIDERS.values() for pattern in spec.urlpatterns
]
