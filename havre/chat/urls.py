from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.chat import views

app_name = "chat"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:slug>/", views.page, name="page"),
    path("<str:slug>/api/state", views.state, name="state"),
    path("<str:slug>/api/start", views.start, name="start"),
    path("<str:slug>/api/messages", views.messages, name="messages"),
    path("<str:slug>/api/leave", views.leave, name="leave"),
    path("<str:slug>/api/lexicons", views.lexicons, name="lexicons"),
]
