from __future__ import annotations

from havre.accounts.models import Program, User
from havre.audit.models import Entry


def record(program: Program, actor: User | None, action: str, target: object = "") -> None:
    """Note an action. `target` is an id; callers never pass text or numbers."""
    Entry.objects.create(program=program, actor=actor, action=action, target=str(target))
