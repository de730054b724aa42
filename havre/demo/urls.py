"""The demo's phone simulator and its fake Twilio (demo and test modes only)."""

from __future__ import annotations

from django.urls import path

from havre.demo import fake_views, views

app_name = "demo"

urlpatterns = [
    path("", views.simulator, name="simulator"),
    path("send", views.send, name="send"),
    path("messages", views.messages, name="messages"),
    path(
        "twilio/2010-04-01/Accounts/<str:account_sid>/Messages.json",
        fake_views.messages_api,
        name="twilio-messages",
    ),
    path("twilio/<path:rest>", fake_views.anything_else, name="twilio-other"),
]
