"""JSON API of the safety tools: parse, authorise, call one action, answer.

Conversations, blocks and channels are looked up inside the member's own
program, so another program's id answers 404 like one that does not exist.
Sealed values travel as base64url; the server never receives a code word or
a label in clear, and receives a number only to check it against a route.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.api import (
    BadRequestError,
    body,
    error,
    named_or_404,
    named_with_body,
    staff_api,
)
from havre.accounts.models import User
from havre.conversations import payloads
from havre.conversations.actions.errors import ActionError, ConversationClosed, StaleEpoch
from havre.conversations.actions.team_errors import NotAllowed
from havre.conversations.models import Channel, Conversation
from havre.conversations.payloads import member_conversation, safety_fields
from havre.safety import actions as safety
from havre.safety import blocks
from havre.vault.addresses import AddressKind
from havre.vault.formats import FormatError, b64d, b64e

Act = Callable[[Conversation, dict[str, Any]], None]

# Refusals that describe the state of things rather than a malformed request.
CONFLICTS = (ConversationClosed, StaleEpoch, safety.NumberBlocked, safety.BlockRefused)


INVALID = "invalid_request"


def _sealed(data: dict[str, Any], name: str) -> bytes:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > 4096:
        raise BadRequestError(INVALID)
    try:
        return b64d(value)
    except FormatError:
        raise BadRequestError(INVALID) from None


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequestError(INVALID)
    return value


def _text(data: dict[str, Any], name: str, max_length: int = 64) -> str:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > max_length:
        raise BadRequestError(INVALID)
    return value


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadRequestError(INVALID) from None


def _refused(exc: ActionError) -> JsonResponse:
    if isinstance(exc, NotAllowed):
        return error(exc.code, 403)
    return error(exc.code, 409 if isinstance(exc, CONFLICTS) else 400)


def _state(conversation_id: uuid.UUID) -> JsonResponse:
    found = Conversation.objects.get(pk=conversation_id)
    return JsonResponse({"id": str(found.pk), "status": found.status, **safety_fields(found)})


def _conversation_action(
    request: HttpRequest, member: User, conversation_id: uuid.UUID, act: Act
) -> HttpResponse:
    """Runs `act(conversation, data)` on one of the member's conversations."""
    found, data = named_with_body(
        request, member_conversation(member, conversation_id), INVALID, strict=True
    )
    try:
        act(found, data)
    except BadRequestError:
        return error("invalid_request", 400)
    except ActionError as exc:
        return _refused(exc)
    return _state(found.pk)


@staff_api("GET", "POST", key=True)
def code_word(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """GET: the sealed code word, for the browser to compare with; POST: record it."""
    if request.method == "POST":

        def act(found: Conversation, data: dict[str, Any]) -> None:
            safety.set_code_word(
                found, by=member, sealed=_sealed(data, "sealed"), epoch=_int(data, "epoch")
            )

        return _conversation_action(request, member, conversation_id, act)
    found = named_or_404(member_conversation(member, conversation_id))
    if found.code_word_sealed is None or found.code_word_epoch is None:
        return error("no_code_word", 404)
    return JsonResponse(
        {
            "sealed": b64e(bytes(found.code_word_sealed)),
            "epoch": found.code_word_epoch.number,
        }
    )


@staff_api("POST", key=True)
def clear_code_word(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    return _conversation_action(
        request,
        member,
        conversation_id,
        lambda found, _data: safety.clear_code_word(found, by=member),
    )


@staff_api("POST", key=True)
def checkins(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    def act(found: Conversation, data: dict[str, Any]) -> None:
        every = timedelta(hours=_int(data, "every_hours"))
        safety.set_checkins(found, by=member, every=every)

    return _conversation_action(request, member, conversation_id, act)


@staff_api("POST", key=True)
def checkin_done(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    return _conversation_action(
        request, member, conversation_id, lambda found, _data: safety.checkin_done(found, by=member)
    )


@staff_api("POST", key=True)
def checkin_snooze(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    def act(found: Conversation, data: dict[str, Any]) -> None:
        safety.snooze_checkin(found, by=member, delay=timedelta(hours=_int(data, "hours")))

    return _conversation_action(request, member, conversation_id, act)


@staff_api("POST", key=True)
def checkins_stop(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    return _conversation_action(
        request,
        member,
        conversation_id,
        lambda found, _data: safety.stop_checkins(found, by=member),
    )


@staff_api("POST", key=True)
def block(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """Block the conversation's number (the browser decrypted it) with a sealed label."""

    def act(found: Conversation, data: dict[str, Any]) -> None:
        safety.block_texter(
            found,
            by=member,
            number=_text(data, "number"),
            block_id=_uuid(data.get("id")),
            label_sealed=_sealed(data, "label_sealed"),
            epoch=_int(data, "epoch"),
        )

    return _conversation_action(request, member, conversation_id, act)


@staff_api("GET")
def block_list(request: HttpRequest, member: User) -> HttpResponse:
    """Supervisors: the blocks in force, as sealed labels (the server has no numbers)."""
    if not member.is_supervisor:
        return error("supervisors_only", 403)
    return JsonResponse(
        {
            "blocks": [
                {
                    "id": str(b.uid),
                    "label_sealed": b64e(bytes(b.label_sealed)),
                    "label_epoch": b.label_epoch.number,
                    "created_at": b.created_at.isoformat(),
                    "created_by": str(b.created_by) if b.created_by is not None else None,
                }
                for b in blocks.active_blocks(member.program)
            ]
        }
    )


@staff_api("POST")
def lift(request: HttpRequest, member: User, block_id: uuid.UUID) -> HttpResponse:
    if not member.is_supervisor:
        return error("supervisors_only", 403)
    try:
        blocks.lift_block(member.program, block_id, by=member)
    except blocks.BlockRefusedError as exc:
        status = {"not_found": 404, "already_lifted": 409}.get(exc.code, 403)
        return error(exc.code, status)
    return JsonResponse({"id": str(block_id), "lifted": True})


@staff_api("GET")
def channels(request: HttpRequest, member: User) -> HttpResponse:
    """The program's channels, to choose which one to write first from."""
    # Only SMS channels write first (see safety.actions.open_to_number).
    live = Channel.objects.filter(
        program_id=member.program_id, removed_at__isnull=True, address_kind=AddressKind.PHONE
    )
    return JsonResponse(
        {
            "channels": [
                {"id": str(c.pk), "provider": c.provider, "address": c.address}
                for c in live.order_by("created_at")
            ]
        }
    )


@staff_api("POST", key=True)
def write_first(request: HttpRequest, member: User) -> HttpResponse:
    """Open (or find) the conversation to write first in; the message then goes as a reply."""
    try:
        data = body(request, INVALID, strict=True)
        channel = (
            Channel.objects.select_related("program")
            .filter(pk=_uuid(data.get("channel")), program_id=member.program_id)
            .first()
        )
        number, again = _text(data, "number"), _text(data, "number_again")
        last_digits = _text(data, "last_digits", 8)
    except BadRequestError:
        return error("invalid_request", 400)
    if channel is None:
        return error("not_found", 404)
    try:
        conversation, opened = safety.open_to_number(
            channel, by=member, number=number, number_again=again, last_digits=last_digits
        )
    except ActionError as exc:
        return _refused(exc)
    found = payloads.conversation_queryset(member.program_id).get(pk=conversation.pk)
    return JsonResponse(
        {"opened": opened, "conversation": payloads.conversation_payload(found)},
        status=201 if opened else 200,
    )
