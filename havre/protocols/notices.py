"""The program's notices: texts it edits in French and English, sent by key.

A message row records only which notice was sent; its text is rendered here
when it is queued, from the program's wording (or the built-in one) with its
placeholders filled in. Notices go out in the texter's language, read from
her first text on arrival (havre.protocols.language) or set by an advocate,
and in the program's language while hers is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import dateformat, translation
from django.utils.translation import gettext as _

from havre.accounts.models import Program
from havre.conversations.models import Conversation
from havre.protocols import clock
from havre.protocols.defaults import NOTICES, PLACEHOLDERS
from havre.protocols.hours import Hours
from havre.protocols.models import NoticeText, ProtocolSettings

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
MAX_CHARS = 1000
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def language_of(program: Program) -> str:
    return program.language if program.language in LANGUAGES else LANGUAGES[0]


def texter_language(conversation: Conversation) -> str:
    """The language notices go to this texter in: hers when known, else the program's."""
    return language_for(conversation.program, conversation.language)


def language_for(program: Program, texter: str) -> str:
    """`texter_language` for a texter whose language (or "") is known without her conversation."""
    return texter if texter in LANGUAGES else language_of(program)


def default_text(notice: str, language: str) -> str:
    with translation.override(language):
        return str(NOTICES[notice])


def wording(program: Program, notice: str, language: str) -> str:
    """The program's text for `notice` in `language`, placeholders unfilled."""
    if notice not in NOTICES:
        raise LookupError(f"unknown notice {notice!r}")
    own = (
        NoticeText.objects.filter(program=program, notice=notice, language=language)
        .values_list("text", flat=True)
        .first()
    )
    return own if own is not None else default_text(notice, language)


def render(program: Program, notice: str, *, language: str | None = None) -> str:
    """The text of `notice` for this program, in the language it sends in."""
    language = language or language_of(program)
    return fill(wording(program, notice, language), program, language)


def render_all(program: Program, notices: list[str], *, language: str) -> list[str]:
    """The texts of several notices, as `render` gives each, read in one query."""
    for notice in notices:
        if notice not in NOTICES:
            raise LookupError(f"unknown notice {notice!r}")
    if not notices:
        return []
    own = dict(
        NoticeText.objects.filter(
            program=program, notice__in=notices, language=language
        ).values_list("notice", "text")
    )
    stored: list[ProtocolSettings] = []
    return [
        fill(
            own[notice] if notice in own else default_text(notice, language),
            program,
            language,
            stored=stored,
        )
        for notice in notices
    ]


def fill(
    template: str, program: Program, language: str, *, stored: list[ProtocolSettings] | None = None
) -> str:
    """Replaces the known placeholders; anything else in braces stays as written.

    The program's settings are read only for a placeholder that needs them,
    and kept in `stored` for the next call.
    """
    if PLACEHOLDER_RE.search(template) is None:
        return template
    kept: list[ProtocolSettings] = [] if stored is None else stored

    def protocol_settings() -> ProtocolSettings:
        if not kept:
            kept.append(ProtocolSettings.of(program))
        return kept[0]

    now = clock.now()
    values: dict[str, Callable[[], str]] = {
        "program": lambda: program.name,
        "next_opening": lambda: describe_opening(protocol_settings(), now, language),
        "emergency_numbers": lambda: describe_numbers(
            protocol_settings().emergency_numbers, language
        ),
    }
    cache: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in values:
            return match[0]
        if name not in cache:
            cache[name] = values[name]()
        return cache[name]

    return PLACEHOLDER_RE.sub(replace, template)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS]


def describe_opening(stored: ProtocolSettings, now: datetime, language: str) -> str:
    """When an advocate will answer, as a texter reads it: "tomorrow at 9:00 AM"."""
    hours = Hours.from_stored(stored.time_zone, stored.schedule, stored.holidays)
    when = hours.next_opening(now)
    with translation.override(language):
        if when is None:
            return _("as soon as we are open again")
        local = when.astimezone(hours.zone)
        time = dateformat.format(local, _("g:i A"))
        days = (local.date() - now.astimezone(hours.zone).date()).days
        if days <= 0:
            return _("today at {time}").replace("{time}", time)
        if days == 1:
            return _("tomorrow at {time}").replace("{time}", time)
        if days < 7:
            weekday = dateformat.format(local, "l")
            return _("on {weekday} at {time}").replace("{weekday}", weekday).replace("{time}", time)
        day = dateformat.format(local, _("l, F j"))
        return _("on {date} at {time}").replace("{date}", day).replace("{time}", time)


def describe_numbers(entries: list[dict[str, Any]], language: str) -> str:
    """ "112 (emergency services), 17 (police) or 114 (by text)", in `language`."""
    parts = []
    for entry in entries:
        label = str(entry.get("label", {}).get(language, "")).strip()
        parts.append(f"{entry['number']} ({label})" if label else str(entry["number"]))
    with translation.override(language):
        if not parts:
            return _("your local emergency number")
        if len(parts) == 1:
            return parts[0]
        return (
            _("{first} or {last}")
            .replace("{first}", ", ".join(parts[:-1]))
            .replace("{last}", parts[-1])
        )
