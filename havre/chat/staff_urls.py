from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.chat import staff_api

app_name = "chat_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings", staff_api.chat_settings, name="settings"),
    path("conversations/<uuid:conversation_id>", staff_api.visitor, name="visitor"),
    path("conversations/<uuid:conversation_id>/reply", staff_api.reply, name="reply"),
]
