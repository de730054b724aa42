"""The console page: one document whose parts the browser swaps in place.

Keys unlocked in the page live only in its memory, so the page must never be
reloaded behind the member's back: everything after the first load goes
through the JSON API and the websocket.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from havre.console.catalog import catalogs


@require_GET
@never_cache
@ensure_csrf_cookie
def home(request: HttpRequest) -> HttpResponse:
    config = {
        "language": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "languages": [{"code": code, "name": name} for code, name in settings.LANGUAGES],
        "signedIn": request.user.is_authenticated,
        "demo": settings.HAVRE_DEMO,
        "maxMessageChars": settings.HAVRE_MAX_MESSAGE_CHARS,
        "idleLockMinutes": settings.HAVRE_IDLE_LOCK_MINUTES,
        "urls": {
            "me": "/accounts/api/me",
            "language": "/accounts/api/language",
            "inbox": reverse("console:api-inbox"),
            "conversations": reverse("console:home") + "api/conversations/",
            "websocket": "/ws/console/",
            "triage": reverse("triage:lexicons"),
            "team": reverse("console:home") + "api/team/",
            "strength": static("havre/strength.js"),
        },
    }
    # The site-wide Content-Security-Policy (settings.SECURE_CSP) admits no
    # inline script: configuration and texts travel as JSON data blocks.
    return render(request, "console/home.html", {"console_config": config, "catalogs": catalogs()})
