"""URLs of the console's team API, under /console/api/team/."""

from __future__ import annotations

from django.urls import URLPattern, path

from havre.console import team_api

urlpatterns: list[URLPattern] = [
    path("api/team/queue", team_api.queue_state, name="team-queue"),
    path("api/team/people", team_api.people, name="team-people"),
    path("api/team/overview", team_api.overview, name="team-overview"),
    path("api/team/take-next", team_api.take_next, name="team-take-next"),
    path("api/team/duty", team_api.set_duty, name="team-duty"),
    path("api/team/pause-seen", team_api.pause_seen, name="team-pause-seen"),
    path("api/team/settings", team_api.settings, name="team-settings"),
    path("api/team/people/<uuid:user_id>/cap", team_api.member_cap, name="team-member-cap"),
    path(
        "api/team/people/<uuid:user_id>/deactivate",
        team_api.deactivate,
        name="team-member-deactivate",
    ),
    path(
        "api/team/conversations/<uuid:conversation_id>",
        team_api.conversation_team,
        name="team-conversation",
    ),
    path(
        "api/team/conversations/<uuid:conversation_id>/transfer",
        team_api.transfer,
        name="team-transfer",
    ),
    path(
        "api/team/conversations/<uuid:conversation_id>/notes",
        team_api.write_note,
        name="team-notes",
    ),
    path("api/team/conversations/<uuid:conversation_id>/join", team_api.join, name="team-join"),
    path("api/team/conversations/<uuid:conversation_id>/leave", team_api.leave, name="team-leave"),
    path("api/team/conversations/<uuid:conversation_id>/heavy", team_api.heavy, name="team-heavy"),
]
