"""Under /console/api/safety/ (included from havre/console/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.safety import api

app_name = "safety"

conversation = "conversations/<uuid:conversation_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(conversation + "code-word", api.code_word, name="code-word"),
    path(conversation + "code-word/clear", api.clear_code_word, name="code-word-clear"),
    path(conversation + "checkins", api.checkins, name="checkins"),
    path(conversation + "checkins/done", api.checkin_done, name="checkin-done"),
    path(conversation + "checkins/snooze", api.checkin_snooze, name="checkin-snooze"),
    path(conversation + "checkins/stop", api.checkins_stop, name="checkins-stop"),
    path(conversation + "block", api.block, name="block"),
    path("blocks", api.block_list, name="blocks"),
    path("blocks/<uuid:block_id>/lift", api.lift, name="lift"),
    path("channels", api.channels, name="channels"),
    path("write-first", api.write_first, name="write-first"),
]
