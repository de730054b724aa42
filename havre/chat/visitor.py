"""What the visitor's page is told: the chat's state, and her conversation so far.

Everything here is the program's own words (its notices, hours, emergency
numbers) or sealed to the visitor's key. A notice is sealed to her key by
the server when her page fetches it, in her language: the server knows a
notice's words anyway, since the program wrote them.
"""

from __future__ import annotations

import math
from typing import Any

from django.db.models import Q

from havre.chat.models import ChatSession, ChatSettings, VisitorCopy
from havre.conversations.models import Channel, Conversation, Direction, Message, Status
from havre.conversations.queueing import on_duty, waiting
from havre.protocols import clock, emergency
from havre.protocols.defaults import EMERGENCY, OUT_OF_HOURS
from havre.protocols.hours import hours_for
from havre.protocols.models import ProtocolSettings
from havre.protocols.notices import describe_numbers, render
from havre.safety.blocks import is_blocked
from havre.triage.lexicons import LIST_KEYS, lists_for
from havre.vault import addresses, formats, sealing
from havre.vault.addresses import AddressKind

# A rough figure for the expected wait: minutes per conversation ahead of
# hers, per advocate on duty. The page says "about", never a promise.
MINUTES_PER_CONVERSATION = 5


def chat_state(chat: ChatSettings, language: str) -> dict[str, Any]:
    """Before entering: open or not, emergency mode, the alternatives, the program key."""
    program = chat.program
    mode = emergency.current(program.pk)
    now = clock.now()
    hours = hours_for(program)
    is_open = hours.is_open(now)
    stored = ProtocolSettings.of(program)
    epoch = sealing.current_epoch(program.pk)
    if mode is not None:
        notice = render(program, EMERGENCY, language=language)
    elif not is_open:
        notice = render(program, OUT_OF_HOURS, language=language)
    else:
        notice = ""
    next_opening = hours.next_opening(now) if not is_open else None
    return {
        "program": {"id": str(program.pk), "name": program.name},
        "open": is_open,
        "emergency": mode is not None,
        "notice": notice,
        "next_opening": next_opening.isoformat() if next_opening is not None else None,
        "alternatives": describe_numbers(stored.emergency_numbers, language),
        "other_channels": other_channels(chat),
        "key": (
            {"epoch": epoch.number, "public_key": formats.b64e(bytes(epoch.public_key))}
            if epoch is not None
            else None
        ),
        "exit_url": chat.exit_url,
    }


def triage_lists(chat: ChatSettings) -> list[dict[str, Any]]:
    """The program's lexicons in force (its edited lists, the built-in ones elsewhere).

    The page triages her texts with them (frontend/src/triage/) and sends
    only the category: the server never reads her words. The lists are no
    secret (the built-in ones are published with Havre); see docs/webchat.md.
    """
    lists = lists_for(chat.program_id)
    return [
        {"category": category, "language": language, "terms": list(lists[(category, language)])}
        for category, language in LIST_KEYS
    ]


def other_channels(chat: ChatSettings) -> list[str]:
    """The program's numbers a visitor can text instead (public by nature)."""
    return list(
        Channel.objects.filter(
            program_id=chat.program_id, removed_at__isnull=True, address_kind=AddressKind.PHONE
        )
        .order_by("created_at")
        .values_list("address", flat=True)
    )


def session_status(session: ChatSession, conversation: Conversation | None) -> str:
    """ "open", or "ended" once she left, the conversation closed or her session was blocked."""
    if session.ended_at is not None:
        return "ended"
    if conversation is not None and conversation.status != Status.OPEN:
        return "ended"
    subject = addresses.block_subject(AddressKind.WEBCHAT, str(session.pk))
    if is_blocked(session.program_id, subject):
        return "ended"
    return "open"


def waiting_room(session: ChatSession, conversation: Conversation | None) -> dict[str, Any]:
    """Her place in the queue and an expected wait, or that someone is with her."""
    if conversation is not None and (
        conversation.assigned_to_id is not None
        or Message.objects.filter(
            conversation=conversation, direction=Direction.OUTBOUND, author__isnull=False
        ).exists()
    ):
        return {"answered": True, "place": None, "wait_minutes": None, "advocates": None}
    queue = list(waiting(session.program_id).values_list("pk", flat=True))
    if conversation is not None and conversation.pk in queue:
        place = queue.index(conversation.pk) + 1
    else:
        # Not in the queue until her first text: she would come after everyone.
        place = len(queue) + 1
    advocates = on_duty(session.program_id).count()
    wait = math.ceil(place / advocates) * MINUTES_PER_CONVERSATION if advocates else None
    return {"answered": False, "place": place, "wait_minutes": wait, "advocates": advocates}


def thread(session: ChatSession, after: int) -> list[dict[str, Any]]:
    """Her conversation's messages after `after`, each sealed to her key."""
    conversation_id = session.conversation_ref
    messages = (
        Message.objects.filter(conversation_id=conversation_id, seq__gt=after)
        .filter(Q(direction=Direction.OUTBOUND) | Q(direction=Direction.INBOUND, notice=""))
        .order_by("seq")
    )
    copies = dict(
        VisitorCopy.objects.filter(session=session, message__in=messages).values_list(
            "message_id", "sealed"
        )
    )
    public_key = bytes(session.visitor_public_key)
    found: list[dict[str, Any]] = []
    conversation = None
    for message in messages:
        if message.notice:
            if conversation is None:
                conversation = Conversation.objects.select_related("program").get(
                    pk=conversation_id
                )
            text = render(conversation.program, message.notice, language=session.language)
            sealed = formats.seal(
                public_key,
                text.encode(),
                formats.message_info(session.program_id, conversation_id, message.pk, "visitor"),
            )
        elif message.pk in copies:
            sealed = bytes(copies[message.pk])
        else:
            # A text written elsewhere (an advocate's reply without a copy
            # for her cannot exist; skip anything else rather than fail).
            continue
        found.append(
            {
                "id": str(message.pk),
                "seq": message.seq,
                "direction": message.direction,
                "automatic": bool(message.notice),
                "sealed": formats.b64e(sealed),
                "created_at": message.created_at.isoformat(),
            }
        )
    return found
