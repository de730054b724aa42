from __future__ import annotations

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="console:home", permanent=False)),
    path("accounts/", include("havre.accounts.urls")),
    path("console/", include("havre.console.urls")),
    path("console/api/triage/", include("havre.triage.urls")),
    path("console/api/protocols/", include("havre.protocols.urls")),
    path("console/api/chat/", include("havre.chat.staff_urls")),
    path("chat/", include("havre.chat.urls")),
    path("hooks/", include("havre.gateways.urls")),
]

if settings.HAVRE_DEMO or settings.HAVRE_TESTING:
    urlpatterns.append(path("simulator/", include("havre.demo.urls")))
