"""Refusals of team work: the queue, caseloads, duty and handoffs."""

from __future__ import annotations

from havre.conversations.actions.errors import ActionError


class NotOnDuty(ActionError):  # noqa: N818 (reads as the condition it reports)
    code = "not_on_duty"


class AtCapacity(ActionError):  # noqa: N818
    """The member already holds as many conversations as their cap allows."""

    code = "at_capacity"


class QueueEmpty(ActionError):  # noqa: N818
    code = "queue_empty"


class NotAllowed(ActionError):  # noqa: N818
    """Only the holder or a supervisor may do this (or only a supervisor)."""

    code = "not_allowed"


class InvalidTarget(ActionError):  # noqa: N818
    """Not someone this conversation can go to (another program, inactive, the holder)."""

    code = "invalid_target"


class NoteRequired(ActionError):  # noqa: N818
    code = "note_required"


class InvalidNote(ActionError):  # noqa: N818
    code = "invalid_note"


class HandoffRequired(ActionError):  # noqa: N818
    """Going off duty while holding conversations that were not handed on."""

    code = "handoff_required"

    def __init__(self, message: str, conversations: list[str]) -> None:
        super().__init__(message)
        self.conversations = conversations


class NotParticipant(ActionError):  # noqa: N818
    """Someone else holds the conversation: join it before answering."""

    code = "not_participant"
