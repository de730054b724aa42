"""The console's JSON API: parse, authorise, call one action, answer.

Every object is looked up inside the member's own program, so an id from
another program answers 404 exactly as an id that does not exist.

The two reading answers (the inbox, a conversation) are compressed when the
browser accepts it: at 3,000 open conversations the inbox is megabytes of
JSON. Compression is safe there because these answers carry no secret that
compressed length could reveal to an attacker who can inject text into them
(a BREACH attack): no CSRF token or session id, and no plaintext. Texts and
numbers are HPKE ciphertexts, random to whoever lacks the key, and nothing a
texter writes is reflected beside a secret.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.gzip import gzip_page

from havre.accounts.api import error, in_program, named_or_404, named_with_body, staff_api
from havre.accounts.models import User
from havre.audit.actions import record_once_within
from havre.audit.models import Entry
from havre.conversations import actions, payloads
from havre.conversations.actions import reading
from havre.conversations.actions.team_errors import NotAllowed, NotParticipant
from havre.conversations.models import Conversation, Message, Status
from havre.vault.formats import FormatError, b64d

# The ongoing relationships listed at once, newest first.
ONGOING_SHOWN = 200

# A member's opening of a conversation is audited once in this time, so
# reloading the page or coming back to it a minute later adds nothing.
OPENED_EVERY = timedelta(minutes=10)


@gzip_page
@staff_api("GET")
def inbox(request: HttpRequest, member: User) -> HttpResponse:
    conversations = payloads.inbox_queryset(member.program_id)
    return JsonResponse({"conversations": payloads.inbox_payload(conversations, member)})


@gzip_page
@staff_api("GET")
def conversation(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    after: int | None = None
    if "after" in request.GET:
        raw = request.GET["after"]
        if not raw.isascii() or not raw.isdigit():
            return error("invalid_after", 400)
        after = int(raw)
    # The conversation is read before its messages: a message committed in
    # between then shows up in this answer or under a later seq, never in neither.
    found = named_or_404(
        in_program(
            member,
            payloads.with_reading(payloads.conversation_queryset(member.program_id), member),
            conversation_id,
        )
    )
    if after is None:
        # The console asks without `after` when it opens the conversation;
        # its later fetches, for what changed, are not openings.
        record_once_within(found.program_id, member, "opened", found.pk, OPENED_EVERY)
    messages = payloads.messages_queryset(found, after)
    return JsonResponse(
        {
            **payloads.conversation_with_messages(found, messages),
            **payloads.reading_fields(found, payloads.last_messages([found])),
            "related": payloads.related_conversations(found),
            "blocked": _closed_by_a_block(found),
        }
    )


def _closed_by_a_block(conversation: Conversation) -> bool:
    """Whether blocking the number closed it, as the audit trail says (by ids only)."""
    if conversation.status != Status.CLOSED:
        return False
    return Entry.objects.filter(
        program_id=conversation.program_id,
        action="blocked_and_closed",
        target=str(conversation.pk),
    ).exists()


@staff_api("POST")
def read(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """The member has the conversation on screen up to `seq`: her unread count starts after it."""
    found, data = named_with_body(
        request, payloads.member_conversation(member, conversation_id), "invalid_seq", strict=True
    )
    seq = data.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        return error("invalid_seq", 400)
    stored = reading.mark_read(found, member=member, seq=seq)
    return JsonResponse({"id": str(found.pk), "read_seq": stored})


@staff_api("POST", key=True)
def reply(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found, data = named_with_body(
        request, payloads.member_conversation(member, conversation_id), "invalid_json", strict=True
    )
    body, sealed_text, number = data.get("body"), data.get("body_sealed"), data.get("number")
    epoch = data.get("epoch")
    if not (isinstance(body, str) and isinstance(sealed_text, str) and isinstance(number, str)):
        return error("invalid_reply", 400)
    if not isinstance(epoch, int) or isinstance(epoch, bool):
        return error("invalid_reply", 400)
    try:
        message_id = uuid.UUID(str(data.get("message_id")))
        body_sealed = b64d(sealed_text)
    except (ValueError, FormatError):
        return error("invalid_reply", 400)
    try:
        message = actions.queue_reply(
            found,
            author=member,
            message_id=message_id,
            body=body,
            body_sealed=body_sealed,
            number=number,
            epoch=epoch,
        )
    except (
        actions.ConversationClosed,
        actions.StaleEpoch,
        actions.ChannelRemoved,
        actions.ReplyWindowClosed,
        NotParticipant,
    ) as exc:
        return error(exc.code, 409)
    except actions.ActionError as exc:
        return error(exc.code, 400)
    except IntegrityError:
        # The browser retries with the same id when an answer was lost; the
        # first attempt was stored, so this one succeeds without a second copy.
        stored = (
            Message.objects.select_related("epoch", "author")
            .filter(pk=message_id, conversation=found, author=member)
            .first()
        )
        if stored is None:
            return error("duplicate_message", 409)
        return JsonResponse(payloads.message_payload(stored), status=200)
    return JsonResponse(payloads.message_payload(message), status=201)


@staff_api("POST", key=True)
def close(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    found = named_or_404(payloads.member_conversation(member, conversation_id))
    try:
        actions.close_conversation(found, by=member)
    except actions.ConversationClosed as exc:
        return error(exc.code, 409)
    except NotAllowed as exc:
        return error(exc.code, 403)
    except actions.ActionError as exc:
        return error(exc.code, 400)
    return JsonResponse({"id": str(found.pk), "status": "closed"})


@staff_api("POST", key=True)
def retry(
    request: HttpRequest, member: User, conversation_id: uuid.UUID, message_id: uuid.UUID
) -> HttpResponse:
    found = named_or_404(payloads.member_conversation(member, conversation_id))
    try:
        message = actions.retry_send(found, message_id, by=member)
    except actions.MessageNotFound as exc:
        return error(exc.code, 404)
    except (
        actions.ConversationClosed,
        actions.ChannelRemoved,
        actions.ReplyWindowClosed,
        actions.NotRetryable,
        actions.TextGone,
        NotParticipant,
    ) as exc:
        return error(exc.code, 409)
    except actions.ActionError as exc:
        return error(exc.code, 400)
    stored = Message.objects.select_related("epoch", "author").get(pk=message.pk)
    return JsonResponse(payloads.message_payload(stored))


@staff_api("POST", key=True)
def ongoing(request: HttpRequest, member: User, conversation_id: uuid.UUID) -> HttpResponse:
    """`{"ongoing": true}` marks an ongoing relationship; `false` ends it (and erases, if closed)."""
    found, data = named_with_body(
        request, payloads.member_conversation(member, conversation_id), "invalid_json", strict=True
    )
    wanted = data.get("ongoing")
    if not isinstance(wanted, bool):
        return error("invalid_ongoing", 400)
    try:
        if wanted:
            actions.mark_ongoing(found, by=member)
        else:
            actions.end_ongoing(found, by=member)
    except actions.ConversationClosed as exc:
        return error(exc.code, 409)
    except NotAllowed as exc:
        return error(exc.code, 403)
    except actions.ActionError as exc:
        return error(exc.code, 400)
    return JsonResponse(
        {
            "id": str(found.pk),
            "ongoing_since": None
            if found.ongoing_since is None
            else found.ongoing_since.isoformat(),
        }
    )


@staff_api("GET")
def ongoing_list(request: HttpRequest, member: User) -> HttpResponse:
    """Closed conversations whose ongoing relationship this member may end.

    A supervisor sees the program's; another member those she held last.
    Numbers stay sealed: the console decrypts them to name the texters.
    """
    found = payloads.conversation_queryset(member.program_id).filter(
        status=Status.CLOSED, ongoing_since__isnull=False
    )
    if not member.is_supervisor:
        found = found.filter(assigned_to=member)
    rows: list[Conversation] = list(found.order_by("-ongoing_since")[:ONGOING_SHOWN])
    return JsonResponse({"conversations": [payloads.conversation_payload(c) for c in rows]})
