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
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

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
    replies: list[str] = []
    mode = emergency.current_id(conversation.program_id)
    if mode is not None:
        if told is None or told.emergency_id != mode:
            replies.append(EMERGENCY)
    else:
        now = clock.now()
        hours = hours_for(conversation.program)
        if (
            not hours.is_open(now)
            and _new_closed_period(told, hours, now)
            and not _advocate_present(conversation)
        ):
            replies.append(OUT_OF_HOURS)
        if arrival.new_conversation or (told is not None and told.welcomed_at is None):
            replies.extend(WELCOME)
    if arrival.message.media_count > 0 and (told is None or told.media_explained_at is None):
        replies.append(MEDIA)
    return replies


def after_arrival(arrival: Arrival, replied: Collection[str]) -> None:
    """Changes to the conversation once the arrival and the replies it got are stored.

    `replied` names the notices queued in answer (from `replies_for`): they
    are remembered as said. A STOP ends the conversation.
    """
    if arrival.stop_requested:
        stop(arrival.conversation)
        return
    sent = set(replied)
    if not sent and not arrival.new_conversation:
        return
    if arrival.new_conversation:
        told = AutomaticReplies(conversation=arrival.conversation)
    else:
        told, _ = AutomaticReplies.objects.get_or_create(conversation=arrival.conversation)
    now = clock.now()
    if sent & set(WELCOME):
        told.welcomed_at = now
    if OUT_OF_HOURS in sent:
        told.out_of_hours_at = now
    if EMERGENCY in sent:
        told.emergency_id = emergency.current_id(arrival.conversation.program_id)
    if MEDIA in sent:
        told.media_explained_at = now
    told.save(force_insert=arrival.new_conversation)


def stop(conversation: Conversation) -> None:
    """The texter asked to stop: close through the one close action, and send nothing more."""
    close_conversation(conversation, by=None, stopped=True)


def _new_closed_period(told: AutomaticReplies | None, hours: Hours, now: datetime) -> bool:
    """No out-of-hours notice yet, or the helpline has opened since the last one."""
    if told is None or told.out_of_hours_at is None:
        return True
    reopened = hours.next_opening(told.out_of_hours_at)
    return reopened is not None and reopened <= now


def _advocate_present(conversation: Conversation) -> bool:
    return Message.objects.filter(
        conversation=conversation,
        direction=Direction.OUTBOUND,
        author__isnull=False,
        notice="",
        created_at__gte=timezone.now() - ADVOCATE_PRESENT,
    ).exists()
