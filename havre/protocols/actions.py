"""Every change to a program's protocols: its wording, hours, numbers, quick
replies and emergency mode; and closing a conversation with the closing notice.

Only supervisors and administrators change the program's protocols. Each
change is audited (by what changed, never with the texts) and tells the
program's consoles to fetch the new state.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.conversations.actions import team
from havre.conversations.actions.common import require_key
from havre.conversations.actions.errors import ActionError
from havre.conversations.actions.lifecycle import check_may_close, close_conversation
from havre.conversations.actions.outbound import (
    check_can_answer,
    lock_open_conversation,
    queue_notice,
)
from havre.conversations.models import Conversation, Message
from havre.events import send_event_on_commit
from havre.protocols import hours as hours_module
from havre.protocols.defaults import CATEGORIES, CLOSING, NOTICES
from havre.protocols.models import EmergencyMode, NoticeText, ProtocolSettings, QuickReply
from havre.protocols.notices import (
    LANGUAGES,
    MAX_CHARS,
    render,
    texter_language,
    unknown_placeholders,
)

NUMBER_RE = re.compile(r"^\+?[0-9][0-9 .\-]{0,19}$")
MAX_QUICK_REPLIES = 100
MAX_REASON_CHARS = 500


class ProtocolError(Exception):
    """A refused change; `code` is a short machine string for the console."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


def _editor(user: User) -> None:
    if not user.is_active or not user.is_supervisor:
        raise ProtocolError("forbidden", 403)


def _changed(program: Program, by: User, action: str, target: object = "") -> None:
    record(program, by, action, target)
    send_event_on_commit(program.pk, {"type": "protocols"})


def _settings_for_update(program: Program) -> ProtocolSettings:
    ProtocolSettings.objects.get_or_create(program=program)
    return ProtocolSettings.objects.select_for_update().get(program=program)


def _text(value: object, *, limit: int = MAX_CHARS) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError("invalid_text")
    return value.strip()


# -- notices --------------------------------------------------------------------------


def set_notice_texts(by: User, notice: str, texts: dict[str, object]) -> None:
    """The program's wording of one notice; an empty text goes back to the built-in one."""
    _editor(by)
    if notice not in NOTICES:
        raise ProtocolError("unknown_notice", 404)
    if not texts or any(language not in LANGUAGES for language in texts):
        raise ProtocolError("invalid_language")
    cleaned = {language: _text(value) for language, value in texts.items()}
    for text in cleaned.values():
        if unknown_placeholders(text):
            raise ProtocolError("unknown_placeholder")
    with transaction.atomic():
        for language, text in cleaned.items():
            rows = NoticeText.objects.filter(program=by.program, notice=notice, language=language)
            if not text:
                rows.delete()
            elif not rows.update(text=text, updated_at=timezone.now(), updated_by=by):
                NoticeText.objects.create(
                    program=by.program, notice=notice, language=language, text=text, updated_by=by
                )
        _changed(by.program, by, "protocols.notice_edited", notice)


# -- hours and numbers ----------------------------------------------------------------------


def set_hours(by: User, *, time_zone: object, schedule: object, holidays: object) -> None:
    _editor(by)
    try:
        hours_module.parse_zone(time_zone)
        cleaned_schedule = hours_module.clean_schedule(schedule)
        cleaned_holidays = hours_module.clean_holidays(holidays)
    except hours_module.InvalidHours as exc:
        raise ProtocolError(str(exc)) from None
    with transaction.atomic():
        stored = _settings_for_update(by.program)
        stored.time_zone = str(time_zone)
        stored.schedule = cleaned_schedule
        stored.holidays = cleaned_holidays
        stored.updated_at, stored.updated_by = timezone.now(), by
        stored.save()
        _changed(by.program, by, "protocols.hours_edited")


def set_emergency_numbers(by: User, numbers: object) -> None:
    _editor(by)
    if not isinstance(numbers, list) or len(numbers) > 10:
        raise ProtocolError("invalid_numbers")
    cleaned: list[dict[str, Any]] = []
    for entry in numbers:
        if not isinstance(entry, dict):
            raise ProtocolError("invalid_numbers")
        number = entry.get("number")
        if not isinstance(number, str) or not NUMBER_RE.match(number.strip()):
            raise ProtocolError("invalid_number")
        labels = entry.get("label", {})
        if not isinstance(labels, dict) or any(k not in LANGUAGES for k in labels):
            raise ProtocolError("invalid_label")
        cleaned.append(
            {
                "number": number.strip(),
                "label": {k: _text(v, limit=80) for k, v in labels.items() if _text(v, limit=80)},
            }
        )
    with transaction.atomic():
        stored = _settings_for_update(by.program)
        stored.emergency_numbers = cleaned
        stored.updated_at, stored.updated_by = timezone.now(), by
        stored.save()
        _changed(by.program, by, "protocols.numbers_edited")


# -- quick replies -----------------------------------------------------------------------


def set_quick_replies(by: User, replies: object) -> None:
    """Replaces the program's quick replies (and, the first time, the built-in ones)."""
    _editor(by)
    if not isinstance(replies, list) or len(replies) > MAX_QUICK_REPLIES:
        raise ProtocolError("invalid_quick_replies")
    rows = []
    for position, reply in enumerate(replies):
        if not isinstance(reply, dict) or reply.get("category") not in CATEGORIES:
            raise ProtocolError("invalid_quick_replies")
        texts = reply.get("texts", {})
        if not isinstance(texts, dict) or any(k not in LANGUAGES for k in texts):
            raise ProtocolError("invalid_language")
        en, fr = _text(texts.get("en", "")), _text(texts.get("fr", ""))
        if not en and not fr:
            raise ProtocolError("empty_quick_reply")
        rows.append(
            QuickReply(
                program=by.program,
                category=str(reply["category"]),
                position=position,
                text_en=en,
                text_fr=fr,
            )
        )
    with transaction.atomic():
        stored = _settings_for_update(by.program)
        QuickReply.objects.filter(program=by.program).delete()
        QuickReply.objects.bulk_create(rows)
        stored.quick_replies_edited = True
        stored.save(update_fields=["quick_replies_edited"])
        _changed(by.program, by, "protocols.quick_replies_edited")


def reset_quick_replies(by: User) -> None:
    _editor(by)
    with transaction.atomic():
        stored = _settings_for_update(by.program)
        QuickReply.objects.filter(program=by.program).delete()
        stored.quick_replies_edited = False
        stored.save(update_fields=["quick_replies_edited"])
        _changed(by.program, by, "protocols.quick_replies_reset")


# -- emergency mode ------------------------------------------------------------------------


def _emergency_event(program: Program, on: bool) -> None:
    send_event_on_commit(program.pk, {"type": "emergency", "on": on})


def switch_emergency_on(by: User, reason: object) -> EmergencyMode:
    """Every new text now gets the unavailability notice, and every console a banner."""
    _editor(by)
    if not isinstance(reason, str) or not reason.strip():
        raise ProtocolError("reason_required")
    text = _text(reason, limit=MAX_REASON_CHARS)
    try:
        with transaction.atomic():
            mode = EmergencyMode.objects.create(program=by.program, reason=text, started_by=by)
            record(by.program, by, "emergency.on", mode.pk)
            _emergency_event(by.program, True)
    except IntegrityError:
        raise ProtocolError("already_on", 409) from None
    return mode


def switch_emergency_off(by: User) -> None:
    _editor(by)
    with transaction.atomic():
        mode = (
            EmergencyMode.objects.select_for_update()
            .filter(program=by.program, ended_at__isnull=True)
            .first()
        )
        if mode is None:
            raise ProtocolError("already_off", 409)
        mode.ended_at, mode.ended_by = timezone.now(), by
        mode.save(update_fields=["ended_at", "ended_by"])
        record(by.program, by, "emergency.off", mode.pk)
        _emergency_event(by.program, False)


# -- notices sent by an advocate, and closing with the closing notice ------------------------


def send_notice(conversation: Conversation, notice: str, *, by: User, number: str) -> Message:
    """An advocate sends (or re-sends) a notice in one click; the browser supplies the number."""
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    require_key(by)
    team.check_may_answer(conversation, by)
    with transaction.atomic():
        by = team.lock_member(by)
        conversation, e164 = lock_open_conversation(conversation, number)
        # A notice answers the texter like a reply: the same people may send it.
        team.before_reply(conversation, by)
        check_can_answer(conversation)
        text = render(conversation.program, notice, language=texter_language(conversation))
        return queue_notice(conversation, notice, text=text, to=e164, author=by)


def close_with_notice(conversation: Conversation, *, by: User, number: str) -> Message:
    """Queue the closing notice to the number the browser decrypted, then close, at once.

    Either both happen or neither: a closing notice never goes to a
    conversation left open, and a refused number leaves it open.
    """
    check_may_close(conversation, by)
    with transaction.atomic():
        conversation, e164 = lock_open_conversation(conversation, number)
        text = render(conversation.program, CLOSING, language=texter_language(conversation))
        message = queue_notice(conversation, CLOSING, text=text, to=e164, author=by)
        close_conversation(conversation, by=by)
    return message
