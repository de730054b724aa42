"""Parting with a member: her conversations handed on, then her account closed.

In one transaction, every open conversation she holds goes back to the queue
or to a named colleague (through `team.hand_on`, like any handing on), she
leaves the conversations she had joined, and `accounts.epochs.deactivate`
ends her sessions and sockets, deletes her grants and, if she held the
current program key, marks the program as needing a new one. The console's
Team area and `havre staff deactivate` both call `part_with`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from havre.accounts import epochs
from havre.accounts.models import Program, Role, User
from havre.conversations.actions.team import hand_on, refill, team_event
from havre.conversations.models import Conversation, Participant, Status


def part_with(member: User, *, by: User | None, to: User | None = None) -> int:
    """Deactivate `member`; returns how many conversations were handed on.

    `by` is the admin doing it (None from the command line). Refused (with
    `epochs.EpochRefusedError`) for oneself, for the last active admin, for
    someone already gone, and for a colleague who cannot take the conversations.
    """
    if by is not None and (not by.is_admin or not by.is_active):
        raise epochs.EpochRefusedError("not_admin")
    if by is not None and by.program_id != member.program_id:
        raise epochs.EpochRefusedError("not_found")
    if by is not None and by.pk == member.pk:
        raise epochs.EpochRefusedError("not_yourself")
    if to is not None and (to.program_id != member.program_id or to.pk == member.pk):
        raise epochs.EpochRefusedError("bad_colleague")
    program = Program.objects.get(pk=member.program_id)
    with transaction.atomic():
        # Members first, in id order, then conversations: the order of every lock here.
        locked = {
            u.pk: u
            for u in User.objects.select_for_update(of=("self",))
            .select_related("program")
            .filter(pk__in={member.pk, *([to.pk] if to else [])})
            .order_by("pk")
        }
        member = locked[member.pk]
        if not member.is_active:
            raise epochs.EpochRefusedError("already_deactivated")
        if member.role == Role.ADMIN and epochs.remaining_admins(program, member) == 0:
            raise epochs.EpochRefusedError("last_admin")
        if to is not None and not locked[to.pk].is_active:
            raise epochs.EpochRefusedError("bad_colleague")
        # An admin hands them on (and may pass a colleague's cap); from the
        # command line, she hands on her own, as at the end of a shift.
        actor = by or member
        held = list(
            Conversation.objects.select_for_update()
            .filter(assigned_to=member, status=Status.OPEN)
            .order_by("pk")
        )
        for conversation in held:
            hand_on(
                conversation,
                by=actor,
                to=locked[to.pk] if to is not None else None,
                note=None,
                override=actor.is_supervisor,
            )
        joined = list(
            Participant.objects.filter(user=member, left_at__isnull=True).select_related(
                "conversation"
            )
        )
        Participant.objects.filter(pk__in=[p.pk for p in joined]).update(left_at=timezone.now())
        for participation in joined:
            team_event(program.pk, "participants", participation.conversation)
        epochs.deactivate(member, by=by)
        team_event(program.pk, "duty")
        if held:
            refill(program)
    return len(held)


def colleague_for(program: Program, email: str) -> User | None:
    """An active member of the program, by address (for `havre staff deactivate --to`)."""
    return User.objects.filter(program=program, email=email.strip().lower(), is_active=True).first()
