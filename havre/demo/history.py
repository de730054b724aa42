"""A realistic past week for the demo helpline, so that reports and history show something.

Fictitious texters (numbers in the 555-01xx range kept for fiction) wrote
over the last seven days, more in the evening than in the morning; most
were answered within minutes, some closed unanswered, a few were flagged
and handed on; the oldest were purged, as retention would, leaving only
what outlives a conversation (its wrap-up codes and the audit trail by id).
Every text is sealed to the demo program's key, like a real one, so the
console opens them. Rows are written with their past times here, which no
real action does: this is the demo's own set-up and runs only for it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import Program, Role, User
from havre.audit.models import Entry
from havre.conversations.actions.sealed import store_line
from havre.conversations.models import Channel, Conversation, Delivery, Direction, Status
from havre.protocols.defaults import OUT_OF_HOURS
from havre.protocols.language import detect_language
from havre.reports.models import WrapUp
from havre.retention.policy import Change, set_policy
from havre.triage.models import CrisisAlert
from havre.vault import sealing
from havre.vault.models import Epoch

DAYS = 7
# Contacts per day, and how the hours of the day weigh (evenings are busiest).
PER_DAY = (6, 11)
HOURS = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 5, 5, 5, 6, 7, 8, 9, 9, 8, 6, 3]
PURGED_AFTER_DAYS = 5

FIRST_TEXTS = (
    "Hi, is this the helpline? I need to talk to someone",
    "hello are you there",
    "I don't know if this is the right place but my partner scares me",
    "Is it safe to text here? he checks my phone",
    "I need help finding a shelter tonight",
    "Bonjour, j'ai besoin de parler à quelqu'un",
    "bjr est-ce que je peux écrire ici ?",
    "Mon conjoint me surveille, je ne sais pas quoi faire",
    "J'ai peur de rentrer à la maison ce soir",
    "My friend told me about you. I think I'm being stalked",
)
TEXTER_FOLLOW_UPS = (
    "Yes it's safe for now, he's at work",
    "ok thank you",
    "Oui je peux écrire, il est sorti",
    "Merci beaucoup",
)
STAFF_REPLIES = {
    "en": (
        "Hello, I'm glad you reached out. Is it safe for you to text right now?",
        "Thank you for telling me. You are not alone in this.",
        "Would it help to talk about a plan for tonight?",
    ),
    "fr": (
        "Bonjour, merci de nous avoir écrit. Pouvez-vous écrire en sécurité en ce moment ?",
        "Merci de me le dire. Vous n'êtes pas seule.",
        "Voulez-vous qu'on réfléchisse ensemble à un plan pour ce soir ?",
    ),
}
WRAPUP_CODES = (
    ("abuse:emotional",),
    ("abuse:physical", "referral:shelter"),
    ("abuse:digital",),
    ("abuse:stalking", "referral:police"),
    ("abuse:financial", "referral:legal"),
    ("abuse:emotional", "referral:counselling"),
)


@dataclass
class _Clock:
    """Sequence numbers of one conversation, in order."""

    seq: int = 0

    def next(self) -> int:
        self.seq += 1
        return self.seq


def seed_past_week(program: Program, channel: Channel, now: datetime | None = None) -> int:
    """Write the demo's past week; returns how many conversations it made."""
    now = now or timezone.now()
    chance = random.Random(2026)  # noqa: S311 (fiction, not security)
    epoch = Epoch.objects.filter(program=program).order_by("-number").first()
    if epoch is None:
        return 0
    staff = list(User.objects.filter(program=program, is_active=True))
    advocates = [m for m in staff if m.role == Role.ADVOCATE] or staff
    supervisors = [m for m in staff if m.role != Role.ADVOCATE] or staff
    made = 0
    with transaction.atomic():
        # A real program erases closed conversations after 24 hours by default,
        # which would take the whole week away at the demo's first sweep: the
        # demo keeps them a day longer than its week.
        set_policy(program, Change(delete_after=timedelta(days=DAYS + 1)), by=None)
        for days_ago in range(DAYS, 0, -1):
            day = (now - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
            for _n in range(chance.randint(*PER_DAY)):
                hour = chance.choices(range(24), weights=HOURS)[0]
                start = day.replace(hour=hour) + timedelta(minutes=chance.randint(0, 59))
                conversation = _conversation(
                    program, channel, epoch, start, chance, advocates, supervisors, made
                )
                made += 1
                if days_ago >= PURGED_AFTER_DAYS and chance.random() < 0.5:
                    # Retention's work: the conversation and its texts are gone.
                    Conversation.objects.filter(pk=conversation.pk).delete()
    return made


def _conversation(
    program: Program,
    channel: Channel,
    epoch: Epoch,
    start: datetime,
    chance: random.Random,
    advocates: list[User],
    supervisors: list[User],
    index: int,
) -> Conversation:
    conversation_id = uuid.uuid4()
    number = f"+1555555{index % 100:04d}"
    first = chance.choice(FIRST_TEXTS)
    language = detect_language(first)
    answered = chance.random() < 0.85
    wait = timedelta(minutes=chance.choice([1, 2, 2, 3, 4, 5, 6, 8, 12, 18, 25]))
    length = timedelta(minutes=chance.randint(12, 95))
    holder = chance.choice(advocates)
    crisis = chance.choices([None, "suicide", "danger"], weights=[90, 5, 5])[0]
    conversation = Conversation.objects.create(
        id=conversation_id,
        program=program,
        channel=channel,
        status=Status.CLOSED,
        number_epoch=epoch,
        number_sealed=sealing.seal_number(epoch, conversation_id, number),
        created_at=start,
        last_inbound_at=start,
        last_activity_at=start + length,
        closed_at=start + (length if answered else timedelta(minutes=chance.randint(5, 30))),
        closed_by=holder,
        assigned_to=holder if answered else None,
        crisis_category=crisis,
        crisis_at=start if crisis else None,
        language=language,
    )
    clock = _Clock()
    _text(conversation, epoch, Direction.INBOUND, first, start, clock)
    if start.hour < 9 or start.hour >= 21:
        _notice(conversation, epoch, OUT_OF_HOURS, start, clock)
    if answered:
        replies = STAFF_REPLIES[language or "en"]
        _text(conversation, epoch, Direction.OUTBOUND, replies[0], start + wait, clock, holder)
        _text(
            conversation,
            epoch,
            Direction.INBOUND,
            chance.choice(TEXTER_FOLLOW_UPS),
            start + wait + timedelta(minutes=3),
            clock,
        )
        _text(
            conversation,
            epoch,
            Direction.OUTBOUND,
            replies[1],
            start + wait + timedelta(minutes=5),
            clock,
            holder,
        )
        if chance.random() < 0.6:
            WrapUp.objects.create(
                program=program,
                conversation=conversation,
                contact_at=start,
                codes=sorted(chance.choice(WRAPUP_CODES)),
                recorded_by=holder,
                recorded_at=conversation.closed_at or start,
            )
        if chance.random() < 0.15:
            _audit(program, holder, "transfer", conversation, start + wait + timedelta(minutes=8))
        elif crisis or chance.random() < 0.05:
            _audit(program, holder, "escalate", conversation, start + wait + timedelta(minutes=6))
    if crisis:
        CrisisAlert.objects.create(
            program=program,
            conversation=conversation,
            category=crisis,
            raised_at=start,
            acknowledged_at=start + timedelta(minutes=2),
            acknowledged_by=chance.choice(supervisors),
        )
    Conversation.objects.filter(pk=conversation.pk).update(seq=clock.seq)
    return conversation


def _text(
    conversation: Conversation,
    epoch: Epoch,
    direction: str,
    text: str,
    when: datetime,
    clock: _Clock,
    author: User | None = None,
) -> None:
    store_line(
        conversation,
        epoch,
        direction=direction,
        status=Delivery.RECEIVED if direction == Direction.INBOUND else Delivery.DELIVERED,
        seq=clock.next(),
        text=text,
        author=author,
        at=when,
    )


def _notice(
    conversation: Conversation, epoch: Epoch, notice: str, when: datetime, clock: _Clock
) -> None:
    store_line(
        conversation,
        epoch,
        direction=Direction.OUTBOUND,
        status=Delivery.DELIVERED,
        seq=clock.next(),
        notice=notice,
        at=when,
    )


def _audit(
    program: Program, by: User, action: str, conversation: Conversation, when: datetime
) -> None:
    Entry.objects.create(
        program=program, actor=by, action=action, target=str(conversation.pk), at=when
    )
