"""Under /console/api/reports/ (included from havre/console/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from havre.reports import api

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("figures", api.figures, name="figures"),
    path("charts", api.chart_page, name="charts"),
    path("export.csv", api.csv_export, name="export"),
    path("health", api.health, name="health"),
    path("settings", api.report_settings, name="settings"),
    path("wrapup-options", api.wrapup_options, name="wrapup-options"),
    path("conversations/<uuid:conversation_id>/wrapup", api.record_wrapup, name="wrapup"),
]
