"""On duty and off duty.

Going off duty ends a shift: every open conversation the member holds is
handed to a colleague or back to the queue, each with a handoff note, in
the same transaction that takes them off duty. Nobody leaves holding a
conversation that nobody else will see.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.audit.actions import record
from havre.conversations.actions.team import SealedNote, hand_on, refill, team_event
from havre.conversations.actions.team_errors import HandoffRequired, NoteRequired
from havre.conversations.models import Conversation, Participant, Status


@dataclass(frozen=True)
class Handoff:
    """Where one held conversation goes at the end of a shift (`to` None: the queue)."""

    conversation_id: uuid.UUID
    to: User | None
    note: SealedNote | None


def go_on_duty(member: User) -> None:
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if member.on_duty:
            return
        User.objects.filter(pk=member.pk).update(on_duty=True, duty_changed_at=timezone.now())
        record(member.program, member, "duty_on", member.pk)
        team_event(member.program_id, "duty")
        refill(member.program)


def go_off_duty(member: User, handoffs: list[Handoff]) -> None:
    """End the member's shift, handing on every conversation they hold.

    Refused with HandoffRequired (naming the conversations) unless each held
    conversation has a handoff with a note; nothing changes then.
    """
    targets = {h.to.pk for h in handoffs if h.to is not None}
    with transaction.atomic():
        # Members first, in id order, then conversations: the order of every lock here.
        locked = {
            u.pk: u
            for u in User.objects.select_for_update(of=("self",))
            .select_related("program")
            .filter(pk__in={member.pk, *targets})
            .order_by("pk")
        }
        member = locked[member.pk]
        held = list(
            Conversation.objects.select_for_update()
            .filter(assigned_to=member, status=Status.OPEN)
            .order_by("pk")
        )
        plan = {h.conversation_id: h for h in handoffs}
        held_ids = {c.pk for c in held}
        if held_ids != set(plan):
            raise HandoffRequired(
                "every held conversation needs a handoff", sorted(str(pk) for pk in held_ids)
            )
        for conversation in held:
            handoff = plan[conversation.pk]
            if handoff.note is None:
                raise NoteRequired("a handoff note is required at the end of a shift")
            to = locked[handoff.to.pk] if handoff.to is not None else None
            hand_on(conversation, by=member, to=to, note=handoff.note)
        now = timezone.now()
        User.objects.filter(pk=member.pk).update(on_duty=False, duty_changed_at=now)
        left = list(
            Participant.objects.filter(user=member, left_at__isnull=True).select_related(
                "conversation"
            )
        )
        Participant.objects.filter(pk__in=[p.pk for p in left]).update(left_at=now)
        for participation in left:
            team_event(member.program_id, "participants", participation.conversation)
        record(member.program, member, "duty_off", member.pk)
        team_event(member.program_id, "duty")
        if held:
            refill(member.program)
