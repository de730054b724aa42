"""Reading the queue and the caseloads (the actions in actions/team.py change them).

The queue is every open conversation nobody holds. Crisis-flagged ones come
first, suicide and immediate danger alike (both call for an answer now, and
the lexicons cannot rank one above the other); then the longest wait, since
`queued_at`, or since the conversation opened for rows that never had it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from havre.accounts.models import Program, Role, User
from havre.conversations.models import (
    Conversation,
    Direction,
    HeavyMark,
    Message,
    Participant,
    Status,
)

# With no shift open, the console counts heavy conversations over this window.
SHIFT_WINDOW = timedelta(hours=12)
# From this many heavy conversations in one shift, the console suggests a pause.
HEAVY_PER_SHIFT = 3


def waiting(program_id: uuid.UUID) -> QuerySet[Conversation]:
    """The queue, in the order it is served."""
    return (
        Conversation.objects.filter(
            program_id=program_id, status=Status.OPEN, assigned_to__isnull=True
        )
        .annotate(
            priority=Case(
                When(crisis_category__isnull=False, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            waiting_since=Coalesce("queued_at", "created_at"),
        )
        .order_by("priority", "waiting_since", "created_at", "pk")
    )


def cap_of(member: User, program: Program) -> int:
    """How many open conversations `member` may hold at once."""
    if member.max_conversations is not None:
        return member.max_conversations
    return program.max_conversations


def load_of(member: User) -> int:
    return Conversation.objects.filter(assigned_to=member, status=Status.OPEN).count()


def open_load() -> Count:
    """Annotation for staff: how many open conversations each holds (as `load`)."""
    return Count("assigned_conversations", filter=Q(assigned_conversations__status=Status.OPEN))


def with_load(staff: QuerySet[User]) -> QuerySet[User]:
    """Staff annotated with `load`, their open conversations, in the same query."""
    return staff.annotate(load=open_load())


def on_duty(program_id: uuid.UUID) -> QuerySet[User]:
    return with_load(
        User.objects.filter(program_id=program_id, is_active=True, on_duty=True)
    ).order_by("display_name", "email")


def joined_by(member: User) -> list[str]:
    """Open conversations the member joined besides their holder."""
    return [
        str(pk)
        for pk in Participant.objects.filter(
            user=member, left_at__isnull=True, conversation__status=Status.OPEN
        ).values_list("conversation_id", flat=True)
    ]


def is_participant(conversation: Conversation, member: User) -> bool:
    return Participant.objects.filter(
        conversation=conversation, user=member, left_at__isnull=True
    ).exists()


def advocates_with_room(program: Program) -> QuerySet[User]:
    """Advocates on duty below their cap, the least loaded first, then the longest on duty."""
    return (
        User.objects.filter(program=program, is_active=True, on_duty=True, role=Role.ADVOCATE)
        .annotate(
            load=open_load(),
            cap=Coalesce("max_conversations", Value(program.max_conversations)),
        )
        .filter(load__lt=F("cap"))
        .order_by("load", "duty_changed_at", "pk")
    )


# -- staff support ----------------------------------------------------------------


def shift_start(member: User, now: datetime | None = None) -> datetime:
    """Since when heavy conversations count: the shift, or the last hours when off duty."""
    now = now or timezone.now()
    if member.on_duty and member.duty_changed_at is not None:
        return member.duty_changed_at
    return now - SHIFT_WINDOW


def heavy_count(member: User) -> int:
    return HeavyMark.objects.filter(user=member, at__gte=shift_start(member)).count()


def suggests_pause(member: User, heavy_this_shift: int) -> bool:
    """After a heavy conversation, or several in one shift, until the member acknowledges it.

    A heavy conversation counts once it is over for the member: closed, or
    no longer held nor joined by them.
    """
    since = max(shift_start(member), member.support_seen_at or shift_start(member))
    marks = HeavyMark.objects.filter(user=member, at__gte=since)
    if heavy_this_shift >= HEAVY_PER_SHIFT and marks.exists():
        return True
    still_with_me = Q(conversation__status=Status.OPEN) & (
        Q(conversation__assigned_to=member)
        | Exists(
            Participant.objects.filter(
                conversation=OuterRef("conversation"), user=member, left_at__isnull=True
            )
        )
    )
    return marks.exclude(still_with_me).exists()


# -- the supervisor's view --------------------------------------------------------------


def unanswered(program: Program, now: datetime | None = None) -> QuerySet[Conversation]:
    """Open conversations whose texter wrote last, with no reply for too long.

    Automatic notices do not count as a reply: only what staff wrote.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=program.no_reply_minutes)
    replied = Message.objects.filter(
        conversation=OuterRef("pk"),
        direction=Direction.OUTBOUND,
        notice="",
        created_at__gte=OuterRef("last_inbound_at"),
    )
    return (
        Conversation.objects.filter(program=program, status=Status.OPEN, last_inbound_at__lt=cutoff)
        .exclude(Exists(replied))
        .select_related("assigned_to")
        .order_by("last_inbound_at")
    )


def crisis(program: Program) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(
            program=program, status=Status.OPEN, crisis_category__isnull=False
        )
        .select_related("assigned_to")
        .order_by("crisis_at", "created_at")
    )


def staff_overview(program: Program) -> QuerySet[User]:
    """Every active member with their load and heavy conversations of the shift (for supervisors)."""
    window_start = timezone.now() - SHIFT_WINDOW
    shift_from = Case(
        When(on_duty=True, duty_changed_at__isnull=False, then=F("duty_changed_at")),
        default=Value(window_start),
        output_field=DateTimeField(),
    )
    heavy = (
        HeavyMark.objects.filter(user=OuterRef("pk"), at__gte=OuterRef("shift_from"))
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_load(User.objects.filter(program=program, is_active=True))
        .annotate(shift_from=shift_from)
        .annotate(heavy=Coalesce(Subquery(heavy, output_field=IntegerField()), Value(0)))
        .order_by("-on_duty", "display_name", "email")
    )
