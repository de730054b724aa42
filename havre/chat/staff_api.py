"""The web chat in the console: its settings for admins, and replies sealed to a visitor.

GET  settings                        the program's chat settings (every member; null before any)
POST settings                        {"slug", "exit_url", "neutral_title", "enabled"}: admins only
GET  conversations/<id>              the visitor's public key and whether she is still there
POST conversations/<id>/reply        {"message_id", "body_sealed", "visitor_sealed", "number", "epoch"}

A reply's words never reach the server: the advocate's browser seals them to
the program key (the stored copy) and to the visitor's key (her page's copy).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import (
    BadRequestError,
    body,
    error,
    in_program,
    named_or_404,
    named_with_body,
    staff_api,
    text,
    whole,
)
from havre.accounts.models import User
from havre.chat import actions
from havre.chat.models import ChatSession
from havre.conversations.actions.errors import ActionError
from havre.conversations.models import Conversation
from havre.conversations.payloads import message_payload
from havre.vault import formats

ERROR_STATUS = {
    "forbidden": 403,
    "not_found": 404,
    "slug_taken": 409,
    "visitor_left": 409,
    "conversation_closed": 409,
    "stale_epoch": 409,
    "route_mismatch": 409,
    "key_required": 403,
    "no_program_key": 503,
}


@staff_api("GET", "POST")
def chat_settings(request: HttpRequest, member: User) -> HttpResponse:
    if request.method == "POST":
        if not member.is_admin:
            return error("forbidden", 403)
        data = body(request)
        enabled = data.get("enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise BadRequestError("bad_enabled")
        try:
            actions.configure(
                member.program,
                by=member,
                slug=data.get("slug"),
                exit_url=data.get("exit_url"),
                neutral_title=data.get("neutral_title"),
                enabled=enabled,
            )
        except actions.ChatError as exc:
            return error(exc.code, ERROR_STATUS.get(exc.code, 400))
    chat = actions.settings_of(member.program)
    return JsonResponse(
        {"chat": actions.describe(chat) if chat is not None else None, "may_edit": member.is_admin}
    )


def _web_chat(member: User, conversation_id: uuid.UUID) -> tuple[Conversation, ChatSession] | None:
    conversation = in_program(
        member, Conversation.objects.select_related("channel"), conversation_id
    )
    if conversation is None:
        return None
    session = ChatSession.objects.filter(conversation_ref=conversation.pk).first()
    return None if session is None else (conversation, session)


@staff_api("GET", key=True)
def visitor(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    _conversation, session = named_or_404(_web_chat(member, conversation_id))
    return JsonResponse(
        {
            "public_key": formats.b64e(bytes(session.visitor_public_key)),
            "present": session.ended_at is None,
            "language": session.language,
        }
    )


@staff_api("POST", key=True)
def reply(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    (conversation, _session), data = named_with_body(request, _web_chat(member, conversation_id))
    try:
        message_id = uuid.UUID(text(data, "message_id", 36))
    except ValueError:
        raise BadRequestError("bad_message_id") from None
    try:
        body_sealed = formats.b64d(text(data, "body_sealed", 30000))
        visitor_sealed = formats.b64d(text(data, "visitor_sealed", 30000))
    except formats.FormatError:
        raise BadRequestError("bad_sealed") from None
    try:
        message = actions.reply(
            conversation,
            author=member,
            message_id=message_id,
            body_sealed=body_sealed,
            visitor_sealed=visitor_sealed,
            address=text(data, "number", 64),
            epoch=whole(data, "epoch"),
            max_chars=settings.HAVRE_MAX_MESSAGE_CHARS,
        )
    except (actions.ChatError, ActionError) as exc:
        return error(exc.code, ERROR_STATUS.get(exc.code, 400))
    return JsonResponse(message_payload(message), status=201)
