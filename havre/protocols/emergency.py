"""Whether a program is in emergency mode (switched in actions.py)."""

from __future__ import annotations

import uuid

from havre.protocols.models import EmergencyMode


def current(program_id: uuid.UUID) -> EmergencyMode | None:
    return (
        EmergencyMode.objects.filter(program_id=program_id, ended_at__isnull=True)
        .select_related("started_by")
        .first()
    )


def current_id(program_id: uuid.UUID) -> int | None:
    """The id of the program's emergency mode, if on: what every arrival asks, in one small read."""
    return (
        EmergencyMode.objects.filter(program_id=program_id, ended_at__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )
