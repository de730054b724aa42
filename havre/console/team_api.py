"""The console's team API: the queue, duty, handing on, joining, support, supervision.

Parse, authorise, call one action, answer. Conversations and people are
looked up inside the member's own program: another program's ids answer
404 like ids that do not exist. Supervisor-only endpoints answer 403 to
advocates.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError
from django.db.models import Count, Min, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts import epochs
from havre.accounts.api import (
    BadRequestError,
    body,
    error,
    named_or_404,
    named_with_body,
    staff_api,
)
from havre.accounts.models import Program, User
from havre.console import team_payloads as shapes
from havre.conversations import queueing
from havre.conversations.actions import (
    caseload,
    duty,
    notes,
    participants,
    parting,
    support,
    team,
)
from havre.conversations.actions.errors import ActionError
from havre.conversations.actions.team_errors import (
    HandoffRequired,
    InvalidNote,
    NotAllowed,
    NoteRequired,
)
from havre.conversations.models import Conversation, HeavyMark, Note, Participant
from havre.conversations.payloads import member_conversation, person
from havre.vault.formats import FormatError, b64d

# The queue endpoint lists this many waiting conversations (and counts them all).
QUEUE_SHOWN = 50
# Each supervisor's list shows this many; its count says how many there are.
LIST_SHOWN = 10
MAX_HANDOFFS = 100


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadRequestError from None


def _note(value: object) -> team.SealedNote | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadRequestError
    epoch, sealed = value.get("epoch"), value.get("body_sealed")
    if not isinstance(epoch, int) or isinstance(epoch, bool) or not isinstance(sealed, str):
        raise BadRequestError
    try:
        return team.SealedNote(id=_uuid(value.get("id")), sealed=b64d(sealed), epoch=epoch)
    except FormatError:
        raise BadRequestError from None


def _colleague(member: User, user_id: object) -> User | None:
    try:
        pk = uuid.UUID(str(user_id))
    except ValueError:
        return None
    return User.objects.filter(pk=pk, program_id=member.program_id).first()


def _refused(exc: ActionError) -> JsonResponse:
    if isinstance(exc, NotAllowed):
        return error(exc.code, 403)
    if isinstance(exc, InvalidNote | NoteRequired):
        return error(exc.code, 400)
    if isinstance(exc, HandoffRequired):
        return JsonResponse({"error": exc.code, "conversations": exc.conversations}, status=409)
    return error(exc.code, 409)


# -- reading -------------------------------------------------------------------------


@staff_api("GET")
def queue_state(request: HttpRequest, member: User) -> HttpResponse:
    """The queue in its order, its summary, and the member's own shift."""
    program = member.program
    waiting = queueing.waiting(program.pk)
    summary = waiting.order_by().aggregate(
        count=Count("pk"),
        oldest=Min("waiting_since"),
        crisis=Count("pk", filter=Q(crisis_category__isnull=False)),
    )
    heavy = queueing.heavy_count(member)
    oldest = summary["oldest"]
    return JsonResponse(
        {
            "count": summary["count"],
            "crisis": summary["crisis"],
            "oldest": oldest.isoformat() if oldest is not None else None,
            "waiting": [shapes.waiting_row(c) for c in waiting[:QUEUE_SHOWN]],
            "me": {
                "on_duty": member.on_duty,
                "since": member.duty_changed_at.isoformat() if member.duty_changed_at else None,
                "load": queueing.load_of(member),
                "cap": queueing.cap_of(member, program),
                "joined": queueing.joined_by(member),
                "heavy": heavy,
                "suggest_pause": queueing.suggests_pause(member, heavy),
            },
        }
    )


@staff_api("GET")
def people(request: HttpRequest, member: User) -> HttpResponse:
    """Colleagues on duty with their load: whom a conversation can go to."""
    program = member.program
    return JsonResponse(
        {"people": [shapes.staff_row(m, program) for m in queueing.on_duty(program.pk)]}
    )


@staff_api("GET")
def conversation_team(
    request: HttpRequest, member: User, conversation_id: uuid.UUID
) -> HttpResponse:
    """Who is in a conversation, its notes (sealed), and whether the member marked it heavy."""
    found = named_or_404(member_conversation(member, conversation_id))
    joined = Participant.objects.filter(conversation=found, left_at__isnull=True).select_related(
        "user"
    )
    notes = (
        Note.objects.filter(conversation=found)
        .select_related("author", "recipient", "epoch")
        .order_by("created_at")
    )
    return JsonResponse(
        {
            "id": str(found.pk),
            "holder": person(found.assigned_to),
            "participants": [person(p.user) for p in joined.order_by("joined_at")],
            "notes": [shapes.note_payload(n) for n in notes],
            "heavy": HeavyMark.objects.filter(conversation=found, user=member).exists(),
        }
    )


def _capped(name: str, conversations: QuerySet[Conversation]) -> dict[str, Any]:
    """The first rows of a supervisor's list, and how many there are in all."""
    return {
        name: [shapes.flagged_row(c) for c in conversations[:LIST_SHOWN]],
        f"{name}_count": conversations.count(),
    }


@staff_api("GET")
def overview(request: HttpRequest, member: User) -> HttpResponse:
    """Queue health for supervisors: waiting, crisis, no reply for too long, who is on duty."""
    if not member.is_supervisor:
        return error("forbidden", 403)
    program = member.program
    waiting = queueing.waiting(program.pk)
    summary = waiting.order_by().aggregate(count=Count("pk"), oldest=Min("waiting_since"))
    oldest = summary["oldest"]
    return JsonResponse(
        {
            "waiting": summary["count"],
            "oldest": oldest.isoformat() if oldest is not None else None,
            "queue": [shapes.waiting_row(c) for c in waiting[:QUEUE_SHOWN]],
            **_capped("crisis", queueing.crisis(program)),
            **_capped("unanswered", queueing.unanswered(program)),
            "staff": [
                {**shapes.staff_row(m, program), "heavy": m.heavy}  # type: ignore[attr-defined]
                for m in queueing.staff_overview(program)
            ],
            "settings": {
                "max_conversations": program.max_conversations,
                "auto_assign": program.auto_assign,
                "no_reply_minutes": program.no_reply_minutes,
            },
        }
    )


# -- changing ------------------------------------------------------------------------


@staff_api("POST")
def take_next(request: HttpRequest, member: User) -> HttpResponse:
    try:
        taken = team.take_next(member)
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"conversation": str(taken.pk)})


@staff_api("POST")
def set_duty(request: HttpRequest, member: User) -> HttpResponse:
    """`{"on_duty": true}`, or `{"on_duty": false, "handoffs": [...]}` at the end of a shift."""
    data = body(request)
    on_duty = data.get("on_duty")
    if not isinstance(on_duty, bool):
        raise BadRequestError
    handoffs = [] if on_duty else _handoffs(member, data.get("handoffs", []))
    try:
        if on_duty:
            duty.go_on_duty(member)
        else:
            duty.go_off_duty(member, handoffs)
    except ActionError as exc:
        return _refused(exc)
    except IntegrityError:
        return error("duplicate_note", 409)
    return JsonResponse({"on_duty": on_duty})


def _handoffs(member: User, raw: object) -> list[duty.Handoff]:
    if not isinstance(raw, list) or len(raw) > MAX_HANDOFFS:
        raise BadRequestError
    handoffs = []
    for item in raw:
        if not isinstance(item, dict):
            raise BadRequestError
        to = None
        if item.get("to") is not None:
            to = named_or_404(_colleague(member, item["to"]))
        handoffs.append(
            duty.Handoff(
                conversation_id=_uuid(item.get("conversation")),
                to=to,
                note=_note(item.get("note")),
            )
        )
    return handoffs


@staff_api("POST")
def transfer(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """`{"to": user id or null for the queue, "note": sealed note or null, "override": false}`."""
    found, data = named_with_body(request, member_conversation(member, conversation_id))
    note = _note(data.get("note"))
    override = data.get("override", False)
    if not isinstance(override, bool):
        raise BadRequestError
    to = None
    if data.get("to") is not None:
        to = named_or_404(_colleague(member, data["to"]))
    try:
        action = team.transfer(found, by=member, to=to, note=note, override=override)
    except ActionError as exc:
        return _refused(exc)
    except IntegrityError:
        return error("duplicate_note", 409)
    return JsonResponse({"id": str(found.pk), "action": action})


@staff_api("POST", key=True)
def write_note(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """`{"note": sealed note}`: a staff note of kind "note" on the conversation."""
    found, data = named_with_body(request, member_conversation(member, conversation_id))
    note = _note(data.get("note"))
    if note is None:
        raise BadRequestError
    try:
        stored = notes.write_note(found, by=member, note=note)
    except ActionError as exc:
        return _refused(exc)
    except IntegrityError:
        return error("duplicate_note", 409)
    return JsonResponse({"id": str(stored.pk), "kind": stored.kind}, status=201)


@staff_api("POST")
def join(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found = named_or_404(member_conversation(member, conversation_id))
    try:
        participants.join(found, member)
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"id": str(found.pk), "joined": True})


@staff_api("POST")
def leave(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found = named_or_404(member_conversation(member, conversation_id))
    try:
        participants.leave(found, member)
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"id": str(found.pk), "joined": False})


@staff_api("POST")
def heavy(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found, data = named_with_body(request, member_conversation(member, conversation_id))
    marked = data.get("heavy")
    if not isinstance(marked, bool):
        raise BadRequestError
    try:
        support.mark_heavy(found, member, marked)
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"id": str(found.pk), "heavy": marked})


@staff_api("POST")
def pause_seen(request: HttpRequest, member: User) -> HttpResponse:
    support.acknowledge_pause(member)
    return JsonResponse({"ok": True})


@staff_api("POST")
def settings(request: HttpRequest, member: User) -> HttpResponse:
    """Supervisors: `{"max_conversations": 3, "auto_assign": false, "no_reply_minutes": 10}`."""
    if not member.is_supervisor:
        return error("forbidden", 403)
    data = body(request)
    cap = _integer(data.get("max_conversations"))
    minutes = _integer(data.get("no_reply_minutes"))
    auto = data.get("auto_assign")
    if not isinstance(auto, bool):
        raise BadRequestError
    try:
        caseload.set_program_caseload(
            member.program,
            by=member,
            max_conversations=cap,
            auto_assign=auto,
            no_reply_minutes=minutes,
        )
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"ok": True})


@staff_api("POST")
def member_cap(request: HttpRequest, member: User, user_id: uuid.UUID) -> HttpResponse:
    """Supervisors: `{"max_conversations": 4}`, or null to follow the program's cap."""
    if not member.is_supervisor:
        return error("forbidden", 403)
    colleague, data = named_with_body(request, _colleague(member, user_id))
    raw = data.get("max_conversations")
    cap = None if raw is None else _integer(raw)
    try:
        caseload.set_member_cap(colleague, by=member, cap=cap)
    except ActionError as exc:
        return _refused(exc)
    return JsonResponse({"ok": True})


def _integer(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequestError
    return value


@staff_api("POST")
def deactivate(request: HttpRequest, member: User, user_id: uuid.UUID) -> HttpResponse:
    """An admin parts with a member: conversations back to the queue or to `to`."""
    if not member.is_admin:
        return error("forbidden", 403)
    data = body(request, "invalid_json")
    leaving = named_or_404(_colleague(member, user_id))
    to = None
    if data.get("to") not in (None, ""):
        to = _colleague(member, data.get("to"))
        if to is None:
            return error("bad_colleague", 400)
    try:
        handed_on = parting.part_with(leaving, by=member, to=to)
    except epochs.EpochRefusedError as exc:
        return error(exc.code, 409)
    except ActionError as exc:
        return _refused(exc)
    program = Program.objects.get(pk=member.program_id)
    return JsonResponse({"handed_on": handed_on, **epochs.key_state(program)})
