"""The JSON shapes the console reads for notices, hours, quick replies and emergency mode."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from havre.accounts.models import Program
from havre.protocols import clock, emergency
from havre.protocols.defaults import EMERGENCY_PRESETS, NOTICES, PLACEHOLDERS, QUICK_REPLIES
from havre.protocols.hours import Hours, time_zones
from havre.protocols.models import EmergencyMode, NoticeText, ProtocolSettings, QuickReply
from havre.protocols.notices import LANGUAGES, default_text, fill, language_of


def emergency_payload(mode: EmergencyMode | None) -> dict[str, Any]:
    if mode is None:
        return {"on": False}
    return {
        "on": True,
        "since": mode.started_at.isoformat(),
        "by": str(mode.started_by) if mode.started_by is not None else None,
        "reason": mode.reason,
    }


def notices_payload(program: Program) -> list[dict[str, Any]]:
    own: dict[tuple[str, str], str] = {
        (row.notice, row.language): row.text for row in NoticeText.objects.filter(program=program)
    }
    notices = []
    stored: list[ProtocolSettings] = []  # the program's settings, read once for every preview
    for key in NOTICES:
        defaults = {language: default_text(key, language) for language in LANGUAGES}
        texts = {language: own.get((key, language), defaults[language]) for language in LANGUAGES}
        notices.append(
            {
                "key": key,
                "texts": texts,
                # As the texter would read it now: placeholders filled with the program's values.
                "previews": {
                    language: fill(texts[language], program, language, stored=stored)
                    for language in LANGUAGES
                },
                "defaults": defaults,
                "edited": {language: (key, language) in own for language in LANGUAGES},
            }
        )
    return notices


def quick_replies_payload(program: Program, stored: ProtocolSettings) -> list[dict[str, Any]]:
    if stored.quick_replies_edited:
        return [
            {"category": row.category, "texts": {"en": row.text_en, "fr": row.text_fr}}
            for row in QuickReply.objects.filter(program=program)
        ]
    return [
        {"category": reply.category, "texts": _in_every_language(reply.text)}
        for reply in QUICK_REPLIES
    ]


def _in_every_language(text: Promise) -> dict[str, str]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(text)
    return texts


def presets() -> dict[str, list[dict[str, Any]]]:
    return {
        name: [{"number": number, "label": _in_every_language(label)} for number, label in entries]
        for name, entries in EMERGENCY_PRESETS.items()
    }


def summary(program: Program) -> dict[str, Any]:
    """What every member's console needs: emergency mode, notices to re-send, quick replies."""
    stored = ProtocolSettings.of(program)
    hours = Hours.from_stored(stored.time_zone, stored.schedule, stored.holidays)
    now = clock.now()
    opening = hours.next_opening(now)
    return {
        "program_language": language_of(program),
        "emergency": emergency_payload(emergency.current(program.pk)),
        "open_now": hours.is_open(now),
        "next_opening": opening.isoformat() if opening is not None else None,
        "notices": notices_payload(program),
        "quick_replies": quick_replies_payload(program, stored),
    }


def settings_payload(program: Program) -> dict[str, Any]:
    """Everything the settings area edits."""
    stored = ProtocolSettings.of(program)
    return {
        **summary(program),
        "time_zone": stored.time_zone,
        "time_zones": time_zones(),
        "schedule": stored.schedule,
        "holidays": stored.holidays,
        "emergency_numbers": stored.emergency_numbers,
        "presets": presets(),
        "quick_replies_edited": stored.quick_replies_edited,
        "placeholders": PLACEHOLDERS,
        "languages": LANGUAGES,
    }
