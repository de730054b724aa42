"""The web chat's state changes: its settings, and a visit from start to end.

Views parse and authorise; everything that writes the chat's rows is here.
A visitor's texts enter through the inbound pipeline (`havre.intake.sealed`),
like every channel's; advocates' replies through
`conversations.actions.sealed`. The server never holds a visitor's words:
what it stores for her page is sealed to her key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.chat.models import ChatSession, ChatSettings, EndReason, VisitorCopy
from havre.conversations.actions.channels import store_channel
from havre.conversations.actions.sealed import record_visitor_event, store_sealed_reply
from havre.conversations.models import Conversation, Message, Status
from havre.intake.sealed import SealedText, receive_sealed
from havre.vault import formats
from havre.vault.addresses import AddressKind
from havre.vault.blocks import is_sealed_shape
from havre.vault.formats import padded_size

PROVIDER = "webchat"
SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
TITLE_MAX = 60
# The thread line an advocate sees when the visitor left (quick exit or not).
LEFT_EVENT = "chat.left"


class ChatError(ValueError):
    """Settings or a request the chat refuses; `code` is short, the message for an operator."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# -- settings -----------------------------------------------------------------------


def settings_of(program: Program) -> ChatSettings | None:
    return ChatSettings.objects.filter(program=program).select_related("channel").first()


def live_chat(slug: str) -> ChatSettings | None:
    """The switched-on chat at this slug, or None (answer a plain 404)."""
    return (
        ChatSettings.objects.filter(slug=slug, enabled=True, channel__removed_at__isnull=True)
        .select_related("program", "channel")
        .first()
    )


def clean_slug(raw: object) -> str:
    if not isinstance(raw, str) or not SLUG_RE.fullmatch(raw):
        raise ChatError(
            "bad_slug",
            "the slug is 1 to 40 lowercase letters, digits and hyphens, "
            "neither beginning nor ending with a hyphen",
        )
    return raw


def clean_exit_url(raw: object) -> str:
    if not isinstance(raw, str) or len(raw) > 500:
        raise ChatError(
            "bad_exit_url", "the exit URL is an https:// address of at most 500 characters"
        )
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise ChatError(
            "bad_exit_url", "the exit URL is an https:// address of at most 500 characters"
        )
    return raw


def clean_title(raw: object) -> str:
    if not isinstance(raw, str) or len(raw) > TITLE_MAX or any(ord(c) < 32 for c in raw):
        raise ChatError(
            "bad_title", f"the neutral title is at most {TITLE_MAX} characters on one line"
        )
    return raw.strip()


def configure(
    program: Program,
    *,
    by: User | None,
    slug: str | None = None,
    exit_url: str | None = None,
    neutral_title: str | None = None,
    enabled: bool | None = None,
) -> ChatSettings:
    """Create or change the program's chat settings; only the values given change.

    The first call needs a slug, and makes the chat's channel. The chat stays
    off until it is switched on.
    """
    with transaction.atomic():
        stored = (
            ChatSettings.objects.select_for_update()
            .filter(program=program)
            .select_related("channel")
            .first()
        )
        if stored is None:
            if slug is None:
                raise ChatError("slug_required", "a new chat needs a slug (--slug)")
            channel = store_channel(
                program,
                PROVIDER,
                address=f"chat-{uuid.uuid4().hex[:16]}",
                config={},
                secret={},
                address_kind=AddressKind.WEBCHAT,
            )
            stored = ChatSettings(program=program, channel=channel, slug=clean_slug(slug))
        elif slug is not None:
            stored.slug = clean_slug(slug)
        if exit_url is not None:
            stored.exit_url = clean_exit_url(exit_url)
        if neutral_title is not None:
            stored.neutral_title = clean_title(neutral_title)
        if enabled is not None:
            stored.enabled = enabled
        stored.updated_at = timezone.now()
        stored.updated_by = by
        try:
            with transaction.atomic():
                stored.save()
        except IntegrityError:
            raise ChatError("slug_taken", "another program's chat already has this slug") from None
        record(program, by, "chat.settings", program.pk)
    return stored


def describe(chat: ChatSettings) -> dict[str, object]:
    return {
        "program": {"id": str(chat.program_id), "name": chat.program.name},
        "slug": chat.slug,
        "enabled": chat.enabled,
        "exit_url": chat.exit_url,
        "neutral_title": chat.neutral_title,
        "url": f"{django_settings.HAVRE_PUBLIC_URL}/chat/{chat.slug}/",
        "channel": str(chat.channel_id),
    }


# -- a visit ------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    chat: ChatSettings, *, public_key: bytes, language: str
) -> tuple[ChatSession, str]:
    """A new visit, with the key pair the visitor's browser made; returns it and its token.

    The token is shown once, to the page, which keeps it in memory only.
    """
    try:
        # Sealing to the key checks its shape and refuses a low-order point.
        formats.seal(public_key, b"", formats.info("chat", "check"))
    except formats.FormatError:
        raise ChatError("bad_public_key", "not an X25519 public key") from None
    token = secrets.token_urlsafe(32)
    session = ChatSession.objects.create(
        program_id=chat.program_id,
        channel_id=chat.channel_id,
        token_hash=_token_hash(token),
        visitor_public_key=public_key,
        language=language if language in ("en", "fr") else "en",
    )
    return session, token


def session_for(chat: ChatSettings, token: str) -> ChatSession | None:
    """The live session this token opens on this chat, or None."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    session = ChatSession.objects.filter(
        token_hash=_token_hash(token), channel=chat.channel
    ).first()
    if session is None or not hmac.compare_digest(session.token_hash, _token_hash(token)):
        return None
    return session


def conversation_of(session: ChatSession) -> Conversation | None:
    return Conversation.objects.filter(pk=session.conversation_ref).first()


@dataclass(frozen=True)
class Sent:
    message: Message
    created: bool


def send_text(
    session: ChatSession,
    *,
    message_id: uuid.UUID,
    epoch: int,
    body_sealed: bytes,
    own_sealed: bytes,
    category: str | None,
    max_chars: int,
) -> Sent:
    """Store a visitor's sealed text and her own sealed copy of it."""
    if session.ended_at is not None:
        raise ChatError("ended", "the chat has ended")
    if not is_copy_shape(own_sealed, max_chars):
        raise ChatError("not_sealed", "the visitor's copy is not sealed")
    try:
        with transaction.atomic():
            message, created = _store_text(
                session, message_id, epoch, body_sealed, category, max_chars
            )
            if created:
                VisitorCopy.objects.create(message=message, session=session, sealed=own_sealed)
    except IntegrityError:
        # The browser chose an id another message already has.
        raise ChatError("bad_message_id", "this message id is taken") from None
    return Sent(message, created)


def _store_text(
    session: ChatSession,
    message_id: uuid.UUID,
    epoch: int,
    body_sealed: bytes,
    category: str | None,
    max_chars: int,
) -> tuple[Message, bool]:
    message, created = receive_sealed(
        SealedText(
            channel=session.channel,
            sender=str(session.pk),
            conversation_id=session.conversation_ref,
            message_id=message_id,
            epoch=epoch,
            body_sealed=body_sealed,
            category=category,
        ),
        max_chars,
    )
    if message.conversation_id != session.conversation_ref:
        # A message id the browser reused from another conversation.
        raise ChatError("bad_message_id", "this message id is taken")
    return message, created


def is_copy_shape(sealed: bytes, max_chars: int) -> bool:
    return is_sealed_shape(sealed, padded_size(4 * max_chars))


def leave(session: ChatSession) -> bool:
    """The visitor left (the quick exit, or the page's own button): the advocate sees it.

    Her session ends and its token opens nothing more. The conversation stays
    open for the advocate to read and close. False when it had already ended.
    """
    with transaction.atomic():
        ended = ChatSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=EndReason.LEFT
        )
        if not ended:
            return False
        conversation = (
            Conversation.objects.select_for_update()
            .filter(pk=session.conversation_ref, status=Status.OPEN)
            .first()
        )
        if conversation is not None:
            record_visitor_event(conversation, LEFT_EVENT)
    return True


def reply(
    conversation: Conversation,
    *,
    author: User,
    message_id: uuid.UUID,
    body_sealed: bytes,
    visitor_sealed: bytes,
    address: str,
    epoch: int,
    max_chars: int,
) -> Message:
    """An advocate's reply, sealed in her browser to the program key and to the visitor's."""
    session = ChatSession.objects.filter(conversation_ref=conversation.pk).first()
    if session is None:
        raise ChatError("not_found", "not a web chat conversation")
    if session.ended_at is not None:
        raise ChatError("visitor_left", "the visitor has left")
    if not is_copy_shape(visitor_sealed, max_chars):
        raise ChatError("not_sealed", "the visitor's copy is not sealed")
    try:
        with transaction.atomic():
            message, created = store_sealed_reply(
                conversation,
                author=author,
                message_id=message_id,
                body_sealed=body_sealed,
                address=address,
                epoch=epoch,
            )
            if created:
                VisitorCopy.objects.create(message=message, session=session, sealed=visitor_sealed)
    except IntegrityError:
        raise ChatError("bad_message_id", "this message id is taken") from None
    return message


# A page closed without leaving stops counting as open after this long.
SESSION_COUNTS_FOR = timedelta(hours=6)


def open_sessions(chat: ChatSettings) -> int:
    """Sessions on this chat that have not ended, begun recently."""
    return ChatSession.objects.filter(
        channel=chat.channel,
        ended_at__isnull=True,
        started_at__gte=timezone.now() - SESSION_COUNTS_FOR,
    ).count()


def snippet(chat: ChatSettings) -> str:
    """The link a program pastes on its website. Plain HTML: no script, no cookie, no referrer.

    It opens the chat in the same tab, so that the quick exit leaves nothing
    of the chat open behind it.
    """
    url = describe(chat)["url"]
    label = "Chat with us / Discuter avec nous"
    return f'<a href="{url}" rel="noreferrer noopener">{label}</a>'
