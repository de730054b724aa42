from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.protocols import api

app_name = "protocols"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/summary", api.summary, name="api-summary"),
    path("api/settings", api.settings, name="api-settings"),
    path("api/notices/<str:notice>", api.notice_texts, name="api-notice-texts"),
    path("api/hours", api.hours, name="api-hours"),
    path("api/numbers", api.numbers, name="api-numbers"),
    path("api/quick-replies", api.quick_replies, name="api-quick-replies"),
    path("api/emergency", api.emergency, name="api-emergency"),
    path(
        "api/conversations/<uuid:conversation_id>/notice",
        api.send_notice,
        name="api-send-notice",
    ),
    path("api/conversations/<uuid:conversation_id>/close", api.close, name="api-close"),
]
