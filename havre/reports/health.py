"""The queue's health right now, for the supervisors' strip: counts and minutes only.

The level follows the longest wait in the queue: calm under CALM_UNDER
minutes, busy under STRAINED_FROM, strained from then on. A crisis-flagged
conversation waiting makes it strained whatever the wait, since it should
never wait at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations import queueing

CALM_UNDER = 5
STRAINED_FROM = 15


@dataclass(frozen=True)
class Health:
    waiting: int
    crisis_waiting: int
    longest_wait_minutes: int | None
    unanswered: int
    level: str

    def as_json(self) -> dict[str, object]:
        return {
            "waiting": self.waiting,
            "crisis_waiting": self.crisis_waiting,
            "longest_wait_minutes": self.longest_wait_minutes,
            "unanswered": self.unanswered,
            "level": self.level,
            "calm_under": CALM_UNDER,
            "strained_from": STRAINED_FROM,
        }


def queue_health(program: Program) -> Health:
    queue = queueing.waiting(program.pk)
    summary = queue.aggregate(oldest=Min("waiting_since"))
    waiting = queue.count()
    crisis_waiting = queue.filter(crisis_category__isnull=False).count()
    oldest = summary["oldest"]
    longest = None if oldest is None else int((timezone.now() - oldest).total_seconds() // 60)
    if crisis_waiting or (longest is not None and longest >= STRAINED_FROM):
        level = "strained"
    elif longest is not None and longest >= CALM_UNDER:
        level = "busy"
    else:
        level = "calm"
    return Health(
        waiting=waiting,
        crisis_waiting=crisis_waiting,
        longest_wait_minutes=longest,
        unanswered=queueing.unanswered(program).count(),
        level=level,
    )
