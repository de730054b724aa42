"""The wrap-up at closing: which options a program offers, and recording the chosen codes.

Optional: an advocate may close without one. Only codes the program offers
are stored, as "category:code", never a word typed by anyone; a second
wrap-up of the same conversation replaces the first (a correction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.conversations.actions.lifecycle import check_may_close
from havre.conversations.models import Conversation, Status
from havre.reports import wrapup_defaults
from havre.reports.models import WrapUp, WrapUpOption

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_OPTIONS = 60
MAX_LABEL = 80


class WrapUpError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Option:
    category: str
    code: str
    label: dict[str, str]

    @property
    def key(self) -> str:
        return f"{self.category}:{self.code}"


def options(program: Program) -> list[Option]:
    """The program's options in order, or the built-in ones."""
    own = list(WrapUpOption.objects.filter(program=program))
    if own:
        return [Option(o.category, o.code, {"en": o.label_en, "fr": o.label_fr}) for o in own]
    built_in = []
    for category, code, label in wrapup_defaults.OPTIONS:
        texts = {}
        for language in ("en", "fr"):
            with translation.override(language):
                texts[language] = str(label)
        built_in.append(Option(category, code, texts))
    return built_in


def category_label(category: str) -> str:
    label = wrapup_defaults.CATEGORIES.get(category)
    return str(label) if label is not None else category


def set_options(by: User, entries: object) -> list[Option]:
    """An admin replaces the program's options. Codes already recorded stay counted."""
    if not by.is_admin:
        raise WrapUpError("admins_only")
    if not isinstance(entries, list) or not 0 < len(entries) <= MAX_OPTIONS:
        raise WrapUpError("bad_options")
    rows, seen = [], set()
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise WrapUpError("bad_options")
        category, code, label = entry.get("category"), entry.get("code"), entry.get("label")
        if not (isinstance(category, str) and CODE_RE.match(category)):
            raise WrapUpError("bad_category")
        if not (isinstance(code, str) and CODE_RE.match(code)) or (category, code) in seen:
            raise WrapUpError("bad_code")
        if not isinstance(label, dict):
            raise WrapUpError("bad_label")
        texts = [label.get(language) for language in ("en", "fr")]
        if not all(isinstance(t, str) and 0 < len(t.strip()) <= MAX_LABEL for t in texts):
            raise WrapUpError("bad_label")
        seen.add((category, code))
        rows.append(
            WrapUpOption(
                program=by.program,
                category=category,
                code=code,
                label_en=str(texts[0]).strip(),
                label_fr=str(texts[1]).strip(),
                position=position,
            )
        )
    with transaction.atomic():
        WrapUpOption.objects.filter(program=by.program).delete()
        WrapUpOption.objects.bulk_create(rows)
        record(by.program, by, "reports.wrapup_options", by.program_id)
    return options(by.program)


def record_wrapup(conversation: Conversation, *, by: User, codes: object) -> WrapUp:
    """Keep the codes chosen for a closed conversation (audited by id)."""
    check_may_close(conversation, by)
    if conversation.status != Status.CLOSED:
        raise WrapUpError("not_closed")
    offered = {option.key for option in options(conversation.program)}
    if not isinstance(codes, list) or len(codes) > len(offered):
        raise WrapUpError("bad_codes")
    if any(not isinstance(code, str) or code not in offered for code in codes):
        raise WrapUpError("bad_codes")
    chosen = sorted(set(codes))
    with transaction.atomic():
        wrapup, _created = WrapUp.objects.update_or_create(
            conversation=conversation,
            defaults={
                "program_id": conversation.program_id,
                "contact_at": conversation.created_at,
                "codes": chosen,
                "recorded_by": by,
                "recorded_at": timezone.now(),
            },
        )
        record(conversation.program_id, by, "reports.wrapup", conversation.pk)
    return wrapup
