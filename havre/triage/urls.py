from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.triage import api, flags_api

app_name = "triage"

urlpatterns: list[URLPattern | URLResolver] = [
    path("lexicons", api.lexicons, name="lexicons"),
    path("lexicons/<str:category>/<str:language>", api.save, name="save"),
    path("lexicons/<str:category>/<str:language>/reset", api.reset, name="reset"),
    path("try", api.try_text, name="try"),
    path("alerts", flags_api.alerts, name="alerts"),
    path("alerts/<int:alert_id>/acknowledge", flags_api.acknowledge, name="acknowledge"),
    path("conversations/<uuid:conversation_id>/clear", flags_api.clear, name="clear"),
]
