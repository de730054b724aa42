"""Reading and changing a program's retention policy: the one path, console or command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import ExpressionWrapper, F, fields
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.retention.durations import format_duration
from havre.retention.models import Erasure, Policy

# What each setting may be. Zero "delete after" is for programs that want
# nothing kept once a conversation closes; an idle time under an hour would
# close conversations in the middle of a pause.
LIMITS = {
    "delete_after": (timedelta(0), timedelta(days=365)),
    "close_idle_after": (timedelta(hours=1), timedelta(days=365)),
    "audit_keep": (timedelta(days=30), timedelta(days=3650)),
}


class PolicyError(ValueError):
    """A setting out of its bounds; `field` names it, the message says the bounds."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Change:
    delete_after: timedelta | None = None
    close_idle_after: timedelta | None = None
    audit_keep: timedelta | None = None


def policy_for(program: Program) -> Policy:
    """The program's policy; a program that never chose one has the safe defaults."""
    policy, _ = Policy.objects.get_or_create(program=program)
    return policy


def check(change: Change) -> None:
    for field, (low, high) in LIMITS.items():
        value = getattr(change, field)
        if value is not None and not low <= value <= high:
            raise PolicyError(
                field, f"must be between {format_duration(low)} and {format_duration(high)}"
            )


def set_policy(program: Program, change: Change, *, by: User | None) -> Policy:
    """Change the policy; erasures already due move with a new "delete after"."""
    if by is not None and (by.program_id != program.pk or not by.is_admin):
        raise PermissionError("only the program's admins change its retention")
    check(change)
    with transaction.atomic():
        policy = policy_for(program)
        policy = Policy.objects.select_for_update().get(pk=policy.pk)
        changed = [
            field
            for field in LIMITS
            if getattr(change, field) not in {None, getattr(policy, field)}
        ]
        for field in changed:
            setattr(policy, field, getattr(change, field))
        if not changed:
            return policy
        policy.updated_at = timezone.now()
        policy.save()
        if "delete_after" in changed:
            Erasure.objects.filter(program=program, done_at__isnull=True).update(
                due_at=ExpressionWrapper(
                    F("closed_at") + policy.delete_after, output_field=fields.DateTimeField()
                )
            )
        record(program, by, "retention_set", program.pk)
    return policy
