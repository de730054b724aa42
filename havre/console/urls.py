from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from havre.console import api, records_api, team_urls, views

app_name = "console"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("api/inbox", api.inbox, name="api-inbox"),
    path("api/ongoing", api.ongoing_list, name="api-ongoing-list"),
    path("api/conversations/<uuid:conversation_id>", api.conversation, name="api-conversation"),
    path("api/conversations/<uuid:conversation_id>/reply", api.reply, name="api-reply"),
    path("api/conversations/<uuid:conversation_id>/close", api.close, name="api-close"),
    path("api/conversations/<uuid:conversation_id>/ongoing", api.ongoing, name="api-ongoing"),
    path(
        "api/conversations/<uuid:conversation_id>/messages/<uuid:message_id>/retry",
        api.retry,
        name="api-retry",
    ),
    path("api/safety/", include("havre.safety.urls")),
    path("api/reports/", include("havre.reports.urls")),
    path("api/records/policy", records_api.policy, name="records-policy"),
    path("api/records/purges", records_api.purges, name="records-purges"),
    path("api/records/audit", records_api.audit, name="records-audit"),
    *team_urls.urlpatterns,
]
