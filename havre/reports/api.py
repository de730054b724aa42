"""The console's Reports section: figures, charts, CSV and queue health, for supervisors.

Under /console/api/reports/. Every answer is about the member's own program;
advocates are refused (403), since supervision is not theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation

from havre.accounts.api import (
    BadRequestError,
    body,
    error,
    in_program,
    named_or_404,
    staff_api,
    whole,
)
from havre.accounts.models import User
from havre.conversations.actions.errors import ActionError
from havre.conversations.models import Conversation
from havre.reports import charts, export, wrapup
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
        labels = {option.key: option.label[language] for option in wrapup.options(member.program)}
        fragment = charts.render(report(member.program, period), labels)
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


def _in(language: str, label: Callable[[str], str], category: str) -> str:
    with translation.override(language):
        return label(category)


def _options_json(member: User) -> dict[str, Any]:
    return {
        "options": [
            {"category": o.category, "code": o.code, "key": o.key, "label": o.label}
            for o in wrapup.options(member.program)
        ],
        "categories": {
            category: {
                language: _in(language, wrapup.category_label, category)
                for language, _name in settings.LANGUAGES
            }
            for category in dict.fromkeys(o.category for o in wrapup.options(member.program))
        },
        "can_edit": member.is_admin,
    }


@staff_api("GET", "POST")
def wrapup_options(request: HttpRequest, member: User) -> HttpResponse:
    """What the close dialog offers (every member); admins replace the list."""
    if request.method == "POST":
        try:
            wrapup.set_options(member, body(request).get("options"))
        except wrapup.WrapUpError as exc:
            return error(exc.code, 403 if exc.code == "admins_only" else 400)
    return JsonResponse(_options_json(member))


@staff_api("POST", key=True)
def record_wrapup(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """The codes chosen when the conversation closed (an optional step after closing)."""
    conversation = named_or_404(
        in_program(member, Conversation.objects.select_related("program"), conversation_id)
    )
    try:
        saved = wrapup.record_wrapup(conversation, by=member, codes=body(request).get("codes"))
    except wrapup.WrapUpError as exc:
        return error(exc.code, 409 if exc.code == "not_closed" else 400)
    except ActionError as exc:
        return error("not_allowed", 403, detail=type(exc).__name__)
    return JsonResponse({"codes": saved.codes})


__all__ = [
    "chart_page",
    "csv_export",
    "figures",
    "health",
    "record_wrapup",
    "report_settings",
    "wrapup_options",
]
