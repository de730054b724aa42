"""A small week of contacts whose figures are worked out by hand in the tests.

Rows are written as the actions leave them (times, directions, authors,
notice keys, audit entries); the report reads nothing else. Times are UTC;
the program's zone is Europe/Paris (UTC+1 in November).
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations.models import Channel, Conversation, Direction, Message, Status
from havre.protocols.models import ProtocolSettings
from havre.safety.models import Block
from havre.vault.models import Epoch

_seq = itertools.count(1)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def channel_of(program: Program, kind: str) -> Channel:
    found = Channel.objects.filter(program=program, address_kind=kind).first()
    if found is not None:
        return found
    return Channel.objects.create(
        program=program,
        provider="sms_gateway",
        address_kind=kind,
        address=f"{kind}-{uuid.uuid4().hex[:8]}",
        secret_box=b"",
    )


def message(
    conversation: Conversation,
    direction: str,
    when: datetime,
    *,
    author: User | None = None,
    notice: str = "",
) -> Message:
    seq = next(_seq)
    return Message.objects.create(
        conversation=conversation,
        channel=conversation.channel,
        direction=direction,
        epoch=conversation.number_epoch,
        body_sealed=b"",
        notice=notice,
        status="delivered" if direction == Direction.OUTBOUND else "received",
        author=author,
        seq=seq,
        updated_seq=seq,
        created_at=when,
    )


def contact(
    program: Program,
    kind: str,
    first_in: datetime,
    *,
    staff: User | None = None,
    answer_after: int | None = None,
    closed_after: int | None = None,
    crisis: str | None = None,
) -> Conversation:
    """A texter writes at `first_in`; a member answers and it closes so many minutes later."""
    epoch = Epoch.objects.get(program=program, number=1)
    conversation = Conversation.objects.create(
        program=program,
        channel=channel_of(program, kind),
        number_epoch=epoch,
        number_sealed=b"",
        created_at=first_in,
        status=Status.CLOSED if closed_after is not None else Status.OPEN,
        closed_at=first_in + timedelta(minutes=closed_after) if closed_after is not None else None,
        crisis_category=crisis,
        crisis_at=first_in if crisis else None,
    )
    message(conversation, Direction.INBOUND, first_in)
    if answer_after is not None:
        message(
            conversation,
            Direction.OUTBOUND,
            first_in + timedelta(minutes=answer_after),
            author=staff,
        )
    return conversation


def seed_week(program: Program, other: Program, staff: User) -> None:
    """The week of Monday 23 to Sunday 29 November 2026 in Paris, and a little around it."""
    ProtocolSettings.objects.create(program=program, time_zone="Europe/Paris")
    contact(
        program, "phone", at(23, 9), staff=staff, answer_after=4, closed_after=30, crisis="suicide"
    )
    contact(program, "phone", at(23, 9, 30), staff=staff, answer_after=10, closed_after=60)
    abandoned = contact(program, "whatsapp", at(24, 22, 30), closed_after=20)
    message(abandoned, Direction.OUTBOUND, at(24, 22, 30), notice="out_of_hours")
    # 00:10 on Wednesday in Paris.
    contact(program, "whatsapp", at(24, 23, 10), staff=staff, answer_after=2, crisis="danger")
    late = contact(program, "signal", at(29, 22, 50), staff=staff, answer_after=20, closed_after=90)
    message(late, Direction.OUTBOUND, at(29, 22, 50), notice="out_of_hours")
    # 00:10 on Monday 30 in Paris: after the period.
    contact(program, "phone", at(29, 23, 10), staff=staff, answer_after=1, closed_after=5)
    # 00:30 on Monday 23 in Paris: inside it, still waiting.
    waiting = contact(program, "phone", at(22, 23, 30))
    message(waiting, Direction.OUTBOUND, at(22, 23, 30), notice="emergency")
    # The program wrote first: not a contact.
    written = contact(program, "phone", at(25, 12, 5), closed_after=10)
    message(written, Direction.OUTBOUND, at(25, 12), author=staff)
    # Another program's contact in the same week counts only for it.
    contact(other, "phone", at(24, 10), closed_after=5)

    for action, when in (
        ("transfer", at(23, 10)),
        ("assign", at(24, 11)),
        ("escalate", at(25, 9)),
        ("transfer", at(30, 10)),
    ):
        Entry.objects.create(program=program, action=action, target="x", at=when)
    Entry.objects.create(program=other, action="transfer", target="x", at=at(24, 10))
    epoch = Epoch.objects.get(program=program, number=1)
    for when in (at(25, 14), at(30, 14)):
        Block.objects.create(
            program=program,
            block_hash=uuid.uuid4().hex,
            label_sealed=b"",
            label_epoch=epoch,
            created_at=when,
        )
