"""Caseload settings: the program's cap, automatic assignment, the no-reply alert,
and a cap per person. Supervisors set them; every change is audited."""

from __future__ import annotations

from django.db import transaction

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.conversations.actions.team import refill, team_event
from havre.conversations.actions.team_errors import InvalidTarget, NotAllowed

MAX_CAP = 50
MAX_NO_REPLY_MINUTES = 24 * 60


def _supervisor(by: User) -> None:
    if not by.is_supervisor:
        raise NotAllowed("supervisors only")


def set_program_caseload(
    program: Program, *, by: User, max_conversations: int, auto_assign: bool, no_reply_minutes: int
) -> None:
    _supervisor(by)
    if by.program_id != program.pk:
        raise NotAllowed("not a member of this program")
    if not 1 <= max_conversations <= MAX_CAP or not 1 <= no_reply_minutes <= MAX_NO_REPLY_MINUTES:
        raise InvalidTarget("out of range")
    with transaction.atomic():
        Program.objects.filter(pk=program.pk).update(
            max_conversations=max_conversations,
            auto_assign=auto_assign,
            no_reply_minutes=no_reply_minutes,
        )
        record(program, by, "caseload_settings", program.pk)
        team_event(program.pk, "settings")
        refill(program)


def set_member_cap(member: User, *, by: User, cap: int | None) -> None:
    """`cap` None: the program's cap applies to them again."""
    _supervisor(by)
    if member.program_id != by.program_id:
        raise InvalidTarget("not a member of this program")
    if cap is not None and not 0 <= cap <= MAX_CAP:
        raise InvalidTarget("out of range")
    with transaction.atomic():
        User.objects.filter(pk=member.pk).update(max_conversations=cap)
        record(member.program, by, "member_cap", member.pk)
        team_event(member.program_id, "settings")
        refill(member.program)
