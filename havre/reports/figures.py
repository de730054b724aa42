"""The figures of a report, for one program and one period.

Everything here is read from ids, times, channels and codes: no text, no
number, no name is opened or needed. A contact is a conversation the
texter began in the period (one the program opened by writing first is not
counted); days and hours are the program's local ones.

- answered: a member wrote in it; abandoned: it closed before any member
  wrote; waiting: still open, unanswered. The answer rate is answered over
  all contacts.
- time to first answer: from the texter's first text to the first message a
  member sent; length: from her first text to the close.
- transfers and escalations, out-of-hours and emergency-mode replies and
  blocks are counted when they happened in the period.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Min, Q

from havre.accounts.models import Program
from havre.audit.models import Entry
from havre.conversations.models import Conversation, Direction, Message, Status
from havre.protocols.defaults import EMERGENCY, OUT_OF_HOURS
from havre.protocols.models import ProtocolSettings
from havre.reports import suppression
from havre.reports.models import ReportSettings, WrapUp
from havre.reports.wrapup import options as wrapup_options
from havre.safety.models import Block
from havre.triage.matcher import RANK
from havre.vault.addresses import AddressKind

MAX_DAYS = 366
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHANNELS = tuple(kind.value for kind in AddressKind)
CRISIS_CATEGORIES = tuple(RANK)
TRANSFER_ACTIONS = ("transfer", "assign")
ESCALATE_ACTIONS = ("escalate",)


class PeriodError(ValueError):
    """A period that cannot be reported on; the message is one sentence for a person."""


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    zone: ZoneInfo

    @classmethod
    def parse(cls, first: str, last: str, zone: ZoneInfo) -> Period:
        return cls(*parse_days(first, last), zone)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.first, time(), self.zone)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(), self.zone)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def parse_days(first: str, last: str) -> tuple[date, date]:
    """The first and last days of a period, both included, or a PeriodError saying what is wrong."""
    start, end = _day(first, "from"), _day(last, "to")
    if end < start:
        raise PeriodError("the period ends before it begins: --to must not be before --from")
    if (end - start).days + 1 > MAX_DAYS:
        raise PeriodError(f"a report covers at most {MAX_DAYS} days")
    return start, end


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise PeriodError(
            f"--{name} must be a date written YYYY-MM-DD, such as 2026-11-30"
        ) from None


def zone_of(program: Program) -> ZoneInfo:
    return ZoneInfo(ProtocolSettings.of(program).time_zone)


def report(program: Program, period: Period) -> dict[str, Any]:
    """The program's figures for the period, small counts withheld, ready for JSON."""
    threshold = ReportSettings.of(program).min_count
    contacts = _contacts(program, period)
    in_period = {"created_at__gte": period.starts_at, "created_at__lt": period.ends_at}
    at_in_period = {"at__gte": period.starts_at, "at__lt": period.ends_at}

    by_channel = Counter(c.channel for c in contacts)
    by_day = Counter(c.first_in.astimezone(period.zone).date().isoformat() for c in contacts)
    by_hour = Counter(_hour_of_week(c.first_in.astimezone(period.zone)) for c in contacts)
    answered = sum(1 for c in contacts if c.first_staff is not None)
    abandoned = sum(1 for c in contacts if c.first_staff is None and c.closed_at is not None)
    waits = [(c.first_staff - c.first_in).total_seconds() / 60 for c in contacts if c.first_staff]
    closed = [c for c in contacts if c.closed_at is not None]
    lengths = [(c.closed_at - c.first_in).total_seconds() / 60 for c in closed if c.closed_at]
    crisis = Counter(c.crisis for c in contacts if c.crisis)
    team = Counter(
        Entry.objects.filter(
            program=program, action__in=TRANSFER_ACTIONS + ESCALATE_ACTIONS, **at_in_period
        ).values_list("action", flat=True)
    )
    automatic = Counter(
        Message.objects.filter(
            conversation__program=program,
            direction=Direction.OUTBOUND,
            notice__in=(OUT_OF_HOURS, EMERGENCY),
            **in_period,
        ).values_list("notice", flat=True)
    )
    blocks = Block.objects.filter(program=program, **in_period).count()

    def n(value: int) -> int | None:
        return suppression.count(value, threshold)

    total = len(contacts)
    hours = suppression.breakdown(
        {f"{day} {hour:02d}": by_hour[(day, hour)] for day in WEEKDAYS for hour in range(24)},
        threshold,
    )
    return {
        "period": {
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
            "time_zone": period.zone.key,
        },
        "threshold": threshold,
        "contacts": {
            "total": n(total),
            "by_channel": suppression.breakdown({k: by_channel[k] for k in CHANNELS}, threshold),
            "by_day": suppression.breakdown(
                {d.isoformat(): by_day[d.isoformat()] for d in period.days()}, threshold
            ),
            "by_hour_of_week": {
                day: [hours[f"{day} {hour:02d}"] for hour in range(24)] for day in WEEKDAYS
            },
        },
        "answers": {
            **suppression.breakdown(
                {
                    "answered": answered,
                    "abandoned": abandoned,
                    "waiting": total - answered - abandoned,
                },
                threshold,
            ),
            "answer_rate": suppression.rate(answered, total, threshold),
        },
        "first_answer_minutes": {
            "median": _rounded(suppression.median(waits, threshold)),
            "p90": _rounded(suppression.percentile_90(waits, threshold)),
        },
        "length_minutes": {
            "median": _rounded(suppression.median(lengths, threshold)),
            "p90": _rounded(suppression.percentile_90(lengths, threshold)),
        },
        "team": {
            "transfers": n(sum(team[a] for a in TRANSFER_ACTIONS)),
            "escalations": n(sum(team[a] for a in ESCALATE_ACTIONS)),
        },
        "crisis_flags": {category: n(crisis[category]) for category in CRISIS_CATEGORIES},
        "automatic_replies": {
            "out_of_hours": n(automatic[OUT_OF_HOURS]),
            "emergency": n(automatic[EMERGENCY]),
        },
        "blocks": n(blocks),
        "wrapup": _wrapups(program, period, threshold),
    }


def _wrapups(program: Program, period: Period, threshold: int) -> dict[str, dict[str, int | None]]:
    """How often each wrap-up code was chosen for the period's contacts, by category."""
    chosen: Counter[str] = Counter()
    for codes in WrapUp.objects.filter(
        program=program, contact_at__gte=period.starts_at, contact_at__lt=period.ends_at
    ).values_list("codes", flat=True):
        chosen.update(codes)
    keys = [option.key for option in wrapup_options(program)]
    keys += sorted(set(chosen) - set(keys))
    counted: dict[str, dict[str, int | None]] = {}
    for key in keys:
        category, _sep, code = key.partition(":")
        counted.setdefault(category, {})[code] = suppression.count(chosen[key], threshold)
    return counted


@dataclass(frozen=True)
class _Contact:
    channel: str
    first_in: datetime
    first_staff: datetime | None
    closed_at: datetime | None
    crisis: str | None


def _contacts(program: Program, period: Period) -> list[_Contact]:
    rows = (
        Conversation.objects.filter(
            program=program, created_at__gte=period.starts_at, created_at__lt=period.ends_at
        )
        .annotate(
            first_in=Min("messages__created_at", filter=Q(messages__direction=Direction.INBOUND)),
            first_staff=Min(
                "messages__created_at",
                filter=Q(messages__direction=Direction.OUTBOUND, messages__author__isnull=False),
            ),
        )
        .values_list(
            "channel__address_kind",
            "first_in",
            "first_staff",
            "status",
            "closed_at",
            "crisis_category",
        )
    )
    contacts = []
    for channel, first_in, first_staff, status, closed_at, crisis in rows:
        if first_in is None or (first_staff is not None and first_staff < first_in):
            continue  # the program wrote first: not a contact
        contacts.append(
            _Contact(
                channel=channel,
                first_in=first_in,
                first_staff=first_staff,
                closed_at=closed_at if status == Status.CLOSED else None,
                crisis=crisis,
            )
        )
    return contacts


def _hour_of_week(moment: datetime) -> tuple[str, int]:
    return WEEKDAYS[moment.weekday()], moment.hour


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
