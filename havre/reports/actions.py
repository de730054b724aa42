"""The one way the reporting settings change: audited, ids only."""

from __future__ import annotations

from django.db import transaction

from havre.accounts.models import User
from havre.audit.actions import record
from havre.reports.models import MIN_COUNT_RANGE, ReportSettings


class SettingsError(ValueError):
    """A setting refused; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def set_min_count(by: User, min_count: int) -> ReportSettings:
    """An admin sets the threshold under which counts are withheld."""
    if not by.is_admin:
        raise SettingsError("admins_only")
    low, high = MIN_COUNT_RANGE
    if not low <= min_count <= high:
        raise SettingsError("bad_min_count")
    with transaction.atomic():
        settings, _created = ReportSettings.objects.update_or_create(
            program=by.program, defaults={"min_count": min_count}
        )
        record(by.program, by, "reports.min_count", by.program_id)
    return settings
