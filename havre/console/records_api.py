"""The console's records area, for admins: the retention policy, purge reports, the audit log.

Everything here describes the helpline's work, never a texter: the policy's
durations, each purge's counts and duration, and the audit trail's actions,
times, members and ids.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import BadRequestError, body, error, staff_api
from havre.accounts.models import User
from havre.audit.models import Entry
from havre.retention import durations
from havre.retention.durations import format_duration
from havre.retention.models import AUDIT_KEEP, CLOSE_IDLE_AFTER, DELETE_AFTER, Policy, PurgeReport
from havre.retention.policy import LIMITS, Change, PolicyError, policy_for, set_policy

REPORTS_SHOWN = 50
AUDIT_PAGE = 100
DEFAULTS = {
    "delete_after": DELETE_AFTER,
    "close_idle_after": CLOSE_IDLE_AFTER,
    "audit_keep": AUDIT_KEEP,
}


def _policy(policy: Policy) -> dict[str, Any]:
    return {
        "delete_after": format_duration(policy.delete_after),
        "close_idle_after": format_duration(policy.close_idle_after),
        "audit_keep": format_duration(policy.audit_keep),
        "limits": {
            name: [format_duration(low), format_duration(high)]
            for name, (low, high) in LIMITS.items()
        },
        "defaults": {name: format_duration(value) for name, value in DEFAULTS.items()},
        "updated_at": policy.updated_at.isoformat(),
    }


@staff_api("GET", "POST")
def policy(request: HttpRequest, member: User) -> HttpResponse:
    """GET the program's policy; POST `{"delete_after": "24h", ...}` (any of the three)."""
    if not member.is_admin:
        return error("forbidden", 403)
    if request.method == "GET":
        return JsonResponse(_policy(policy_for(member.program)))
    data = body(request)
    values: dict[str, Any] = {}
    for name in LIMITS:
        if name not in data:
            continue
        written = data[name]
        if not isinstance(written, str):
            raise BadRequestError(f"bad_{name}")
        try:
            values[name] = durations.parse(written)
        except durations.DurationError:
            raise BadRequestError(f"bad_{name}") from None
    if not values:
        raise BadRequestError("nothing_to_change")
    try:
        changed = set_policy(member.program, Change(**values), by=member)
    except PolicyError as exc:
        return error(f"out_of_bounds_{exc.field}", 400)
    return JsonResponse(_policy(changed))


@staff_api("GET")
def purges(request: HttpRequest, member: User) -> HttpResponse:
    """The latest purge reports: when, how long, what trigger, and the counts."""
    if not member.is_admin:
        return error("forbidden", 403)
    reports = PurgeReport.objects.filter(program=member.program).order_by("-started_at")
    return JsonResponse(
        {
            "reports": [
                {
                    "started_at": report.started_at.isoformat(),
                    "duration_ms": report.duration_ms,
                    "trigger": report.trigger,
                    "counts": report.counts,
                }
                for report in reports[:REPORTS_SHOWN]
            ]
        }
    )


@staff_api("GET")
def audit(request: HttpRequest, member: User) -> HttpResponse:
    """The audit log, newest first: `?action=close&actor=<id>&after=<ISO>&before=<ISO>`.

    `action` matches an action or its family (`triage` finds `triage.flag.clear.joke`).
    `after` and `before` bound the period; `cursor` (the previous answer's
    `next`) pages on, even through entries written in the same instant. The
    answer names the program's staff, for a filter: names only.
    """
    if not member.is_admin:
        return error("forbidden", 403)
    entries = Entry.objects.filter(program=member.program).select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action[:64])
    actor = request.GET.get("actor", "").strip()
    if actor:
        actor_id = _uuid(actor)
        if (
            actor_id is None
            or not User.objects.filter(pk=actor_id, program=member.program).exists()
        ):
            raise BadRequestError("bad_actor")
        entries = entries.filter(actor_id=actor_id)
    for bound, lookup in (("before", "at__lt"), ("after", "at__gte")):
        written = request.GET.get(bound, "").strip()
        if written:
            when = _when(written)
            if when is None:
                raise BadRequestError(f"bad_{bound}")
            entries = entries.filter(**{lookup: when})
    cursor = request.GET.get("cursor", "").strip()
    if cursor:
        written, _, last = cursor.rpartition("/")
        when = _when(written)
        if when is None or not last.isascii() or not last.isdigit():
            raise BadRequestError("bad_cursor")
        entries = entries.filter(Q(at__lt=when) | Q(at=when, pk__lt=int(last)))
    page = list(entries.order_by("-at", "-pk")[: AUDIT_PAGE + 1])
    shown = page[:AUDIT_PAGE]
    return JsonResponse(
        {
            "entries": [
                {
                    "at": entry.at.isoformat(),
                    "action": entry.action,
                    "actor": None
                    if entry.actor is None
                    else {"id": str(entry.actor.pk), "name": str(entry.actor)},
                    "target": entry.target,
                }
                for entry in shown
            ],
            "more": len(page) > AUDIT_PAGE,
            "next": f"{shown[-1].at.isoformat()}/{shown[-1].pk}"
            if len(page) > AUDIT_PAGE
            else None,
            "members": [
                {"id": str(user.pk), "name": str(user)}
                for user in User.objects.filter(program=member.program).order_by(
                    "display_name", "email"
                )
            ],
        }
    )


def _when(text: str) -> datetime | None:
    """An ISO time; one without a zone is read in the server's (UTC)."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
