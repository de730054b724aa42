"""The console's JSON API for notices, hours, quick replies and emergency mode.

Parse, authorise, call one action. Everything is looked up or changed inside
the member's own program: another program's conversation answers 404 exactly
as one that does not exist.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import body, error, named_with_body, staff_api
from havre.accounts.models import User
from havre.conversations import actions as conversation_actions
from havre.conversations.actions.language import UnknownLanguageError, set_texter_language
from havre.conversations.actions.team_errors import NotAllowed, NotParticipant
from havre.conversations.payloads import member_conversation, message_payload
from havre.protocols import actions, payloads
from havre.protocols.defaults import NOTICES


def _refused(exc: actions.ProtocolError) -> JsonResponse:
    return error(exc.code, exc.status)


@staff_api("GET")
def summary(request: HttpRequest, member: User) -> HttpResponse:
    return JsonResponse(payloads.summary(member.program))


@staff_api("GET")
def settings(request: HttpRequest, member: User) -> HttpResponse:
    if not member.is_supervisor:
        return error("forbidden", 403)
    return JsonResponse(payloads.settings_payload(member.program))


@staff_api("POST")
def notice_texts(request: HttpRequest, member: User, notice: str) -> HttpResponse:
    texts = body(request, "invalid_json", strict=True).get("texts")
    if not isinstance(texts, dict):
        return error("invalid_json", 400)
    try:
        actions.set_notice_texts(member, notice, texts)
    except actions.ProtocolError as exc:
        return _refused(exc)
    return JsonResponse(payloads.settings_payload(member.program))


@staff_api("POST")
def hours(request: HttpRequest, member: User) -> HttpResponse:
    data = body(request, "invalid_json", strict=True)
    try:
        actions.set_hours(
            member,
            time_zone=data.get("time_zone"),
            schedule=data.get("schedule"),
            holidays=data.get("holidays", []),
        )
    except actions.ProtocolError as exc:
        return _refused(exc)
    return JsonResponse(payloads.settings_payload(member.program))


@staff_api("POST")
def numbers(request: HttpRequest, member: User) -> HttpResponse:
    data = body(request, "invalid_json", strict=True)
    try:
        actions.set_emergency_numbers(member, data.get("numbers"))
    except actions.ProtocolError as exc:
        return _refused(exc)
    return JsonResponse(payloads.settings_payload(member.program))


@staff_api("POST")
def quick_replies(request: HttpRequest, member: User) -> HttpResponse:
    data = body(request, "invalid_json", strict=True)
    try:
        if data.get("reset") is True:
            actions.reset_quick_replies(member)
        else:
            actions.set_quick_replies(member, data.get("replies"))
    except actions.ProtocolError as exc:
        return _refused(exc)
    return JsonResponse(payloads.settings_payload(member.program))


@staff_api("POST")
def emergency(request: HttpRequest, member: User) -> HttpResponse:
    data = body(request, "invalid_json", strict=True)
    if not isinstance(data.get("on"), bool):
        return error("invalid_json", 400)
    try:
        if data["on"]:
            actions.switch_emergency_on(member, data.get("reason"))
        else:
            actions.switch_emergency_off(member)
    except actions.ProtocolError as exc:
        return _refused(exc)
    return JsonResponse(payloads.summary(member.program))


@staff_api("POST", key=True)
def send_notice(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found, data = named_with_body(
        request, member_conversation(member, conversation_id), "invalid_notice"
    )
    notice, number = data.get("notice"), data.get("number")
    if notice not in NOTICES or not isinstance(number, str):
        return error("invalid_notice", 400)
    try:
        message = actions.send_notice(found, str(notice), by=member, number=number)
    except (
        conversation_actions.ConversationClosed,
        conversation_actions.ChannelRemoved,
        conversation_actions.ReplyWindowClosed,
        NotParticipant,
    ) as exc:
        return error(exc.code, 409)
    except conversation_actions.ActionError as exc:
        return error(exc.code, 400)
    return JsonResponse(message_payload(message), status=201)


@staff_api("POST", key=True)
def close(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """Close with the closing notice; the browser sends the number it decrypted."""
    found, data = named_with_body(
        request, member_conversation(member, conversation_id), "invalid_number"
    )
    number = data.get("number")
    if not isinstance(number, str):
        return error("invalid_number", 400)
    try:
        actions.close_with_notice(found, by=member, number=number)
    except conversation_actions.ConversationClosed as exc:
        return error(exc.code, 409)
    except NotAllowed as exc:
        return error(exc.code, 403)
    except conversation_actions.ActionError as exc:
        return error(exc.code, 400)
    return JsonResponse({"id": str(found.pk), "status": "closed"})


@staff_api("POST")
def texter_language(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """An advocate sets the texter's language: her notices and quick replies follow it."""
    found, data = named_with_body(
        request, member_conversation(member, conversation_id), "invalid_language"
    )
    language = data.get("language")
    try:
        changed = set_texter_language(found, by=member, language=str(language))
    except UnknownLanguageError:
        return error("invalid_language", 400)
    except (conversation_actions.ConversationClosed, NotParticipant) as exc:
        return error(exc.code, 409)
    except conversation_actions.ActionError as exc:
        return error(exc.code, 400)
    return JsonResponse({"id": str(changed.pk), "language": changed.language, "seq": changed.seq})
