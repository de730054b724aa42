from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Aggregate, person-free statistics: what a director gives a funder.

    Figures are computed from ids, times, channels and codes only
    (`figures.py`), small counts are withheld (`suppression.py`), and the
    same report reaches the console (`api.py`) and `havre report`.
    """

    name = "havre.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
