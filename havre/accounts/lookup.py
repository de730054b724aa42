"""The program a command is about, found the same way by every `havre` command.

`--program` takes a program's id or its exact name; left out, it means the
only program there is. Each refusal says what to type instead.
"""

from __future__ import annotations

import uuid

from django.core.management.base import CommandError

from havre.accounts.models import Program

NONE_YET = "there is no program yet: `havre init` makes one"
SEVERAL = "this server has several programs: name one with --program (its id or exact name)"


def programs(wanted: str | None) -> list[Program]:
    """Every program, or the one named by its id or exact name."""
    found = list(Program.objects.order_by("created_at"))
    if wanted is None:
        return found
    chosen = [p for p in found if wanted in {str(p.pk), p.name}]
    if not chosen:
        try:
            chosen = [p for p in found if p.pk == uuid.UUID(wanted)]
        except ValueError:
            chosen = []
    if not chosen:
        raise CommandError(f"no program has the id or name {wanted!r}")
    return chosen


def one_program(wanted: str | None) -> Program:
    """The program named, or the only one; none or several without --program is said."""
    if wanted is not None:
        return programs(wanted)[0]
    found = programs(None)
    if not found:
        raise CommandError(NONE_YET)
    if len(found) > 1:
        raise CommandError(SEVERAL)
    return found[0]
