from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def havre(request: HttpRequest) -> dict[str, Any]:
    return {
        "HAVRE_DEMO": settings.HAVRE_DEMO,
        "HAVRE_REQUIRE_SECOND_FACTOR": settings.HAVRE_REQUIRE_SECOND_FACTOR,
    }
