from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.protocols import api

app_name = "protocols"

urlpatterns: list[URLPattern | URLResolver] = [
    path("summary", api.summary, name="api-summary"),
    path("settings", api.settings, name="api-settings"),
    path("notices/<str:notice>", api.notice_texts, name="api-notice-texts"),
    path("hours", api.hours, name="api-hours"),
    path("numbers", api.numbers, name="api-numbers"),
    path("quick-replies", api.quick_replies, name="api-quick-replies"),
    path("emergency", api.emergency, name="api-emergency"),
    path(
        "conversations/<uuid:conversation_id>/notice",
        api.send_notice,
        name="api-send-notice",
    ),
    path("conversations/<uuid:conversation_id>/close", api.close, name="api-close"),
    path(
        "conversations/<uuid:conversation_id>/language",
        api.texter_language,
        name="api-texter-language",
    ),
]
