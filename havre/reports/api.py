"""The console's Reports section: figures, charts, CSV and queue health, for supervisors.

Under /console/api/reports/. Every answer is about the member's own program;
advocates are refused (403), since supervision is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation

from havre.accounts.api import BadRequestError, body, error, staff_api, whole
from havre.accounts.models import User
from havre.reports import charts, export
from havre.reports.actions import SettingsError, set_min_count
from havre.reports.figures import Period, PeriodError, report, zone_of
from havre.reports.health import queue_health
from havre.reports.models import MIN_COUNT_RANGE, ReportSettings


def _period(request: HttpRequest, member: User) -> Period:
    try:
        return Period.parse(
            request.GET.get("from", ""), request.GET.get("to", ""), zone_of(member.program)
        )
    except PeriodError:
        raise BadRequestError("bad_period") from None


def _supervisors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapper(request: HttpRequest, member: User, *args: Any) -> HttpResponse:
        if not member.is_supervisor:
            return error("supervisors_only", 403)
        return view(request, member, *args)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@staff_api("GET")
@_supervisors
def figures(request: HttpRequest, member: User) -> HttpResponse:
    return JsonResponse(report(member.program, _period(request, member)))


@staff_api("GET")
@_supervisors
def chart_page(request: HttpRequest, member: User) -> HttpResponse:
    """The period's charts as an HTML fragment the console places in its section."""
    period = _period(request, member)
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        fragment = charts.render(report(member.program, period))
    return HttpResponse(fragment, content_type="text/html; charset=utf-8")


@staff_api("GET")
@_supervisors
def csv_export(request: HttpRequest, member: User) -> HttpResponse:
    period = _period(request, member)
    response = HttpResponse(
        export.to_csv(report(member.program, period)), content_type="text/csv; charset=utf-8"
    )
    name = f"havre-report-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_api("GET")
@_supervisors
def health(request: HttpRequest, member: User) -> HttpResponse:
    return JsonResponse(queue_health(member.program).as_json())


@staff_api("GET", "POST")
@_supervisors
def report_settings(request: HttpRequest, member: User) -> HttpResponse:
    if request.method == "POST":
        try:
            set_min_count(member, whole(body(request), "min_count"))
        except SettingsError as exc:
            return error(exc.code, 403 if exc.code == "admins_only" else 400)
    low, high = MIN_COUNT_RANGE
    return JsonResponse(
        {
            "min_count": ReportSettings.of(member.program).min_count,
            "range": [low, high],
            "can_edit": member.is_admin,
        }
    )


__all__ = ["chart_page", "csv_export", "figures", "health", "report_settings"]
