"""Which automatic replies answer a text that just arrived.

Havre never writes first: every automatic message answers a text received
in the same request (welcome, out of hours, emergency mode, a photo that
cannot be kept). The caller queues them with the number it is answering.

Each is said once: the welcome once per conversation, the out-of-hours
notice once per closed period, the unavailability notice once per emergency,
the photo explanation once per conversation; `AutomaticReplies` remembers
what was said. A conversation that opens during emergency mode gets its
welcome with the first text after the mode ends. A STOP request gets no
reply at all and ends the conversation.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.actions.lifecycle import close_conversation
from havre.conversations.models import Conversation, Direction, Message
from havre.protocols import clock, emergency
from havre.protocols.defaults import EMERGENCY, MEDIA, OUT_OF_HOURS, WELCOME
from havre.protocols.hours import Hours, hours_for
from havre.protocols.models import AutomaticReplies

# The keywords carriers honour (Twilio's opt-out words) and their French
# counterparts, compared without case, accents, spaces or punctuation.
STOP_WORDS = frozenset(
    {
        "STOP",
        "STOPALL",
        "UNSUBSCRIBE",
        "CANCEL",
        "END",
        "QUIT",
        "OPTOUT",
        "REVOKE",
        "ARRET",
        "ARRETE",
        "ARRETER",
        "FIN",
        "DESABONNER",
        "DESINSCRIRE",
    }
)
# A staff reply this recent means an advocate is in the conversation now:
# no out-of-hours notice cuts across them.
ADVOCATE_PRESENT = timedelta(minutes=30)


@dataclass(frozen=True)
class Arrival:
    conversation: Conversation
    message: Message
    new_conversation: bool
    stop_requested: bool


def is_stop_request(text: str) -> bool:
    """The texter asks to stop (STOP, ARRET...): the keyword alone on the message."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return letters.upper() in STOP_WORDS


def replies_for(arrival: Arrival) -> list[str]:
    """Keys of the notices that answer this arrival, in the order to send them."""
    conversation = arrival.conversation
    if arrival.stop_requested or conversation.stopped_at is not None:
        return []
    # A conversation that opened with this text has been told nothing yet.
    told = (
        None
        if arrival.new_conversation
        else AutomaticReplies.objects.filter(conversation=conversation).first()
    )
    notices, _mode = _decide(
        conversation.program,
        conversation.pk,
        told,
        new_conversation=arrival.new_conversation,
        media_count=arrival.message.media_count,
    )
    return notices


class ToldChanged(Exception):  # noqa: N818 (reads as the condition it reports)
    """What the texter was told changed between planning the replies and storing them."""


@dataclass(frozen=True)
class Plan:
    """The replies an arrival gets, decided before its transaction from what was read then.

    Nothing here needs the conversation's lock: what was told only ever
    grows, so a plan read too early says too much, never too little, and
    `record_planned` refuses it (`ToldChanged`) when the row moved meanwhile.
    """

    notices: list[str]
    told: AutomaticReplies | None
    emergency_id: int | None


def plan_replies(
    program: Program,
    conversation_id: uuid.UUID,
    *,
    new_conversation: bool,
    stop_requested: bool,
    media_count: int,
) -> Plan:
    """The notices that will answer an arrival, read before its transaction."""
    if stop_requested:
        return Plan(notices=[], told=None, emergency_id=None)
    told = (
        None
        if new_conversation
        else AutomaticReplies.objects.filter(conversation_id=conversation_id).first()
    )
    notices, mode = _decide(
        program,
        conversation_id,
        told,
        new_conversation=new_conversation,
        media_count=media_count,
    )
    return Plan(notices=notices, told=told, emergency_id=mode)


def _decide(
    program: Program,
    conversation_id: uuid.UUID,
    told: AutomaticReplies | None,
    *,
    new_conversation: bool,
    media_count: int,
) -> tuple[list[str], int | None]:
    """The notices, and the emergency mode they were decided under."""
    replies: list[str] = []
    mode = emergency.current_id(program.pk)
    if mode is not None:
        if told is None or told.emergency_id != mode:
            replies.append(EMERGENCY)
    else:
        now = clock.now()
        hours = hours_for(program)
        if (
            not hours.is_open(now)
            and _new_closed_period(told, hours, now)
            and not _advocate_present(conversation_id)
        ):
            replies.append(OUT_OF_HOURS)
        if new_conversation or (told is not None and told.welcomed_at is None):
            replies.extend(WELCOME)
    if media_count > 0 and (told is None or told.media_explained_at is None):
        replies.append(MEDIA)
    return replies, mode


def record_planned(arrival: Arrival, plan: Plan, replied: Collection[str]) -> None:
    """`after_arrival` for replies planned before the transaction.

    Inside the arrival's transaction. The row of what was told changes only
    if it still is as the plan read it; otherwise `ToldChanged` (or, for a
    row created meanwhile, the database's IntegrityError) undoes the
    transaction, to be planned again.
    """
    sent = _to_remember(arrival, replied)
    if sent is None:
        return
    changes = _told_changes(sent, plan.emergency_id)
    told = plan.told
    if told is None:
        AutomaticReplies.objects.create(conversation=arrival.conversation, **changes)
        return
    unchanged = AutomaticReplies.objects.filter(
        conversation=arrival.conversation,
        welcomed_at=told.welcomed_at,
        out_of_hours_at=told.out_of_hours_at,
        emergency_id=told.emergency_id,
        media_explained_at=told.media_explained_at,
    )
    if unchanged.update(**changes) != 1:
        raise ToldChanged("what the texter was told changed since the replies were planned")


def _to_remember(arrival: Arrival, replied: Collection[str]) -> set[str] | None:
    """The notices to remember as said, or None when nothing of what she was
    told changes. A STOP ends the conversation here, and nothing is remembered."""
    if arrival.stop_requested:
        stop(arrival.conversation)
        return None
    sent = set(replied)
    if not sent and not arrival.new_conversation:
        return None
    return sent


def _told_changes(sent: set[str], emergency_id: int | None) -> dict[str, object]:
    now = clock.now()
    changes: dict[str, object] = {}
    if sent & set(WELCOME):
        changes["welcomed_at"] = now
    if OUT_OF_HOURS in sent:
        changes["out_of_hours_at"] = now
    if EMERGENCY in sent:
        changes["emergency_id"] = emergency_id
    if MEDIA in sent:
        changes["media_explained_at"] = now
    return changes


def after_arrival(arrival: Arrival, replied: Collection[str]) -> None:
    """Changes to the conversation once the arrival and the replies it got are stored.

    `replied` names the notices queued in answer (from `replies_for`): they
    are remembered as said. A STOP ends the conversation.
    """
    sent = _to_remember(arrival, replied)
    if sent is None:
        return
    mode = emergency.current_id(arrival.conversation.program_id) if EMERGENCY in sent else None
    changes = _told_changes(sent, mode)
    if arrival.new_conversation:
        AutomaticReplies.objects.create(conversation=arrival.conversation, **changes)
        return
    told, _ = AutomaticReplies.objects.get_or_create(conversation=arrival.conversation)
    for field, value in changes.items():
        setattr(told, field, value)
    told.save()


def stop(conversation: Conversation) -> None:
    """The texter asked to stop: close through the one close action, and send nothing more."""
    close_conversation(conversation, by=None, stopped=True)


def _new_closed_period(told: AutomaticReplies | None, hours: Hours, now: datetime) -> bool:
    """No out-of-hours notice yet, or the helpline has opened since the last one."""
    if told is None or told.out_of_hours_at is None:
        return True
    reopened = hours.next_opening(told.out_of_hours_at)
    return reopened is not None and reopened <= now


def _advocate_present(conversation_id: uuid.UUID) -> bool:
    return Message.objects.filter(
        conversation_id=conversation_id,
        direction=Direction.OUTBOUND,
        author__isnull=False,
        notice="",
        created_at__gte=timezone.now() - ADVOCATE_PRESENT,
    ).exists()
