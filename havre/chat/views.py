"""The public chat page and the visitor's API. No account, no cookie, no IP address kept.

GET  /chat/<slug>/                 the page (404, plain, for an unknown or switched-off chat)
GET  /chat/<slug>/api/state        hours, emergency mode, alternatives, the program key
POST /chat/<slug>/api/start        {"public_key", "language"}: a session and its token
GET  /chat/<slug>/api/messages     ?after=<seq>: her conversation, sealed to her key
POST /chat/<slug>/api/messages     {"message_id", "epoch", "body_sealed", "own_sealed", "flag"}
POST /chat/<slug>/api/leave        she left: the session ends, the advocate sees it
GET  /chat/<slug>/api/lexicons     the program's triage lists in force, for her page's triage

A session is named by the bearer token the page keeps in memory
(`Authorization: Bearer ...`); there is no cookie to clear and nothing to
find in the browser afterwards. Every answer is `Cache-Control: no-store`.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt

from havre.accounts.api import BadRequestError, body, error, raw, whole
from havre.chat import actions, limits, visitor
from havre.chat.models import ChatSession, ChatSettings
from havre.conversations.actions.errors import ActionError
from havre.vault import formats

# Only Havre's own script and stylesheet, nothing inline, nothing from elsewhere;
# no form posts anywhere and no page may frame the chat.
CHAT_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
SEALED_MAX = 4 * 4096 + 1024

type ChatView = Callable[..., HttpResponse]


def not_found() -> HttpResponse:
    response = HttpResponseNotFound("Not found\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def chat_view(methods: tuple[str, ...], *, session: bool = False) -> Callable[[ChatView], ChatView]:
    """A visitor endpoint: the live chat by slug (else 404), optionally her session."""

    def decorate(view: ChatView) -> ChatView:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
            if request.method not in methods:
                response = error("method_not_allowed", 405)
                response["Allow"] = ", ".join(methods)
                return response
            chat = actions.live_chat(slug)
            if chat is None:
                return not_found()
            args: list[Any] = [chat]
            if session:
                found = _session(request, chat)
                if found is None:
                    return error("no_session", 401)
                args.append(found)
            try:
                return view(request, *args)
            except BadRequestError as exc:
                return error(exc.reason, 400)
            except actions.ChatError as exc:
                return error(exc.code, 409 if exc.code in {"ended", "visitor_left"} else 400)
            except ActionError as exc:
                status = {
                    "blocked": 409,
                    "conversation_closed": 409,
                    "stale_epoch": 409,
                    "no_program_key": 503,
                }.get(exc.code, 400)
                return error(exc.code, status)

        # No cookie is read or set, so there is no session to forge a request with.
        return csrf_exempt(never_cache(wrapper))

    return decorate


def _session(request: HttpRequest, chat: ChatSettings) -> ChatSession | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return actions.session_for(chat, header.removeprefix("Bearer ").strip())


def _language(request: HttpRequest) -> str:
    chosen = request.GET.get("lang")
    if chosen in ("en", "fr"):
        return chosen
    found = get_language_from_request(request)
    return "fr" if found.startswith("fr") else "en"


@never_cache
@csp_override(CHAT_CSP)
def page(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return not_found()
    chat = actions.live_chat(slug)
    if chat is None:
        return not_found()
    language = _language(request)
    with translation.override(language):
        return render(
            request,
            "chat/page.html",
            {
                "chat": chat,
                "language": language,
                "title": chat.neutral_title or chat.program.name,
                "neutral": bool(chat.neutral_title),
            },
        )


@chat_view(("GET",))
def state(request: HttpRequest, chat: ChatSettings) -> HttpResponse:
    return JsonResponse(visitor.chat_state(chat, _language(request)))


@chat_view(("POST",))
def start(request: HttpRequest, chat: ChatSettings) -> HttpResponse:
    data = body(request)
    public_key = raw(data, "public_key", formats.KEY_SIZE)
    language = data.get("language") if data.get("language") in ("fr", "en") else "en"
    if not limits.allow(limits.STARTS_PER_PROGRAM, str(chat.program_id)) or not limits.allow(
        limits.STARTS_PER_ADDRESS, f"{chat.program_id}|{limits.address_of(request)}"
    ):
        return error("rate_limited", 429)
    if actions.open_sessions(chat) >= limits.OPEN_SESSIONS_PER_PROGRAM:
        return error("rate_limited", 429)
    session, token = actions.start_session(chat, public_key=public_key, language=str(language))
    return JsonResponse(
        {
            "session": str(session.pk),
            "conversation": str(session.conversation_ref),
            "token": token,
        },
        status=201,
    )


@chat_view(("GET", "POST"), session=True)
def messages(request: HttpRequest, chat: ChatSettings, session: ChatSession) -> HttpResponse:
    if request.method == "POST":
        return _send(request, chat, session)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return error("bad_after", 400)
    conversation = actions.conversation_of(session)
    return JsonResponse(
        {
            "status": visitor.session_status(session, conversation),
            "waiting": visitor.waiting_room(session, conversation),
            "messages": visitor.thread(session, max(after, 0)),
        }
    )


def _send(request: HttpRequest, chat: ChatSettings, session: ChatSession) -> HttpResponse:
    data = body(request)
    try:
        message_id = uuid.UUID(str(data.get("message_id")))
    except ValueError:
        raise BadRequestError("bad_message_id") from None
    if str(message_id) != data.get("message_id") or message_id.version != 4:
        raise BadRequestError("bad_message_id")
    epoch = whole(data, "epoch")
    body_sealed = _sealed(data, "body_sealed")
    own_sealed = _sealed(data, "own_sealed")
    flag = data.get("flag")
    if flag is not None and not isinstance(flag, str):
        raise BadRequestError("bad_flag")
    if not limits.allow(limits.TEXTS_PER_SESSION, str(session.pk)):
        return error("rate_limited", 429)
    sent = actions.send_text(
        session,
        message_id=message_id,
        epoch=epoch,
        body_sealed=body_sealed,
        own_sealed=own_sealed,
        category=flag,
        max_chars=settings.HAVRE_MAX_MESSAGE_CHARS,
    )
    return JsonResponse(
        {"id": str(sent.message.pk), "seq": sent.message.seq}, status=201 if sent.created else 200
    )


def _sealed(data: dict[str, Any], name: str) -> bytes:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > SEALED_MAX * 4 // 3 + 4:
        raise BadRequestError(f"bad_{name}")
    try:
        return formats.b64d(value)
    except formats.FormatError:
        raise BadRequestError(f"bad_{name}") from None


@chat_view(("GET",), session=True)
def lexicons(request: HttpRequest, chat: ChatSettings, session: ChatSession) -> HttpResponse:
    """The lists her page triages with: terms only (no editor, no revision), and only
    for an open session, which is when the page needs them."""
    if session.ended_at is not None:
        return error("ended", 409)
    return JsonResponse({"lists": visitor.triage_lists(chat)})


@chat_view(("POST",), session=True)
def leave(request: HttpRequest, chat: ChatSettings, session: ChatSession) -> HttpResponse:
    return JsonResponse({"left": actions.leave(session)})
