"""Crisis alerts and flags in the console, for supervisors and admins of one program.

GET  alerts                             the pending alerts this member's console shows
POST alerts/<id>/acknowledge            end a pending alert for every console
POST conversations/<id>/clear           {"reason": "<code>"}: clear a false flag

An advocate is refused (403); a conversation or alert of another program
is unknown (404). A reason is one of `CLEAR_REASONS`, never free text.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import body, error, in_program, staff_api
from havre.accounts.models import User
from havre.conversations.models import Conversation
from havre.triage import actions
from havre.triage.models import CrisisAlert


def _when(alert: CrisisAlert) -> str:
    return alert.raised_at.isoformat()


@staff_api("GET")
def alerts(request: HttpRequest, member: User) -> HttpResponse:
    return JsonResponse(
        {
            "alerts": [
                {
                    "id": alert.pk,
                    "conversation": str(alert.conversation_id),
                    "category": alert.category,
                    "previous": alert.previous,
                    "raised_at": _when(alert),
                }
                for alert in actions.pending_alerts(member)
            ],
            "reasons": list(actions.CLEAR_REASONS),
        }
    )


@staff_api("POST")
def acknowledge(request: HttpRequest, member: User, alert_id: int) -> HttpResponse:
    if not member.is_supervisor:
        return error("forbidden", 403)
    alert = CrisisAlert.objects.filter(program_id=member.program_id, pk=alert_id).first()
    if alert is None:
        return error("not_found", 404)
    return JsonResponse({"acknowledged": actions.acknowledge_alert(alert, by=member)})


@staff_api("POST")
def clear(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    if not member.is_supervisor:
        return error("forbidden", 403)
    reason = body(request).get("reason")
    conversation = in_program(member, Conversation.objects.all(), conversation_id)
    if conversation is None:
        return error("not_found", 404)
    if not isinstance(reason, str):
        return error("unknown_reason", 400)
    try:
        actions.clear_flag(conversation, by=member, reason=reason)
    except actions.FlagError as exc:
        status = {"forbidden": 403, "not_flagged": 409}.get(exc.code, 400)
        return error(exc.code, status)
    return JsonResponse({"cleared": True})
