"""Writing the audit trail: ids only."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.utils import timezone

from havre.audit.models import Entry


class Identified(Protocol):
    """A program or a member: the trail keeps its id, never its content."""

    @property
    def pk(self) -> Any: ...


def record(
    program: Identified | uuid.UUID, actor: Identified | None, action: str, target: object = ""
) -> None:
    """Note an action. `target` is an id; callers never pass text or numbers."""
    program_id = program if isinstance(program, uuid.UUID) else program.pk
    Entry.objects.create(
        program_id=program_id,
        actor_id=actor.pk if actor is not None else None,
        action=action,
        target=str(target),
    )


def record_once_within(
    program: Identified | uuid.UUID,
    actor: Identified,
    action: str,
    target: object,
    window: timedelta,
) -> bool:
    """Note an action unless the same member noted the same one on the same target lately.

    For acts that repeat as a page reloads (opening a conversation): the log
    says that she read it, and when she came back after a while, without an
    entry per refresh. Returns whether it wrote one.
    """
    program_id = program if isinstance(program, uuid.UUID) else program.pk
    recent = Entry.objects.filter(
        program_id=program_id,
        actor_id=actor.pk,
        action=action,
        target=str(target),
        at__gte=timezone.now() - window,
    )
    if recent.exists():
        return False
    record(program_id, actor, action, target)
    return True


def forget_before(program: Identified | uuid.UUID, before: datetime) -> int:
    """The audit log's own retention: delete a program's entries older than `before`."""
    program_id = program if isinstance(program, uuid.UUID) else program.pk
    deleted, _ = Entry.objects.filter(program_id=program_id, at__lt=before).delete()
    return deleted
