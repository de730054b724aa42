"""Team work: the queue, taking and handing on conversations, caseload caps.

Two advocates taking the next conversation at once never get the same one:
a conversation is claimed with a conditional UPDATE that only matches while
nobody holds it, and the row count says who won. A cap is checked with the
member's row locked, so two assignments to the same person cannot both pass
it. Locks are taken members first, then conversations; automatic
assignment skips members whose row another transaction holds rather than
wait for them.

Every change is audited (ids only) and announced after commit: the
conversation's seq moves when its holder changes (its inbox row shows the
holder), and a "team" event tells consoles to refetch the queue and loads.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.conversations import queueing
from havre.conversations.actions.common import bump
from havre.conversations.actions.errors import (
    ActionError,
    ConversationClosed,
    NoProgramKey,
    StaleEpoch,
)
from havre.conversations.actions.team_errors import (
    AtCapacity,
    InvalidNote,
    InvalidTarget,
    NotAllowed,
    NotOnDuty,
    NotParticipant,
    QueueEmpty,
)
from havre.conversations.models import Conversation, Note, NoteKind, Participant, Status
from havre.events import send_event_on_commit
from havre.vault import formats, sealing

# How many waiting conversations one attempt looks at, and how many attempts
# take-next makes when others keep winning the race.
CLAIM_BATCH = 5
CLAIM_ROUNDS = 5
# Automatic assignment hands out at most this many conversations per change.
REFILL_LIMIT = 50
MAX_NOTE_BYTES = 20000


@dataclass(frozen=True)
class SealedNote:
    """A handoff note as the browser sealed it: `info("note", program, conversation, id)`."""

    id: uuid.UUID
    sealed: bytes
    epoch: int


def team_event(program_id: object, what: str, conversation: Conversation | None = None) -> None:
    """Tell the program's consoles to refetch the queue, loads or a conversation's team."""
    event: dict[str, str] = {"type": "team", "what": what}
    if conversation is not None:
        event["conversation"] = str(conversation.pk)
    send_event_on_commit(program_id, event)


def audit(
    program: Program | uuid.UUID,
    actor: User | None,
    action: str,
    conversation: Conversation,
    to: User | None = None,
) -> None:
    """One entry per fact, ids only; who received it goes in a companion entry."""
    program_obj = program if isinstance(program, Program) else Program(pk=program)
    record(program_obj, actor, action, conversation.pk)
    if to is not None:
        record(program_obj, actor, f"{action}.to", to.pk)


def lock_member(member: User) -> User:
    """The member's row, locked until the transaction ends (serialises their cap)."""
    return User.objects.select_for_update(of=("self",)).select_related("program").get(pk=member.pk)


def has_room(member: User) -> bool:
    return queueing.load_of(member) < queueing.cap_of(member, member.program)


def _claim(conversation_id: uuid.UUID, member: User) -> bool:
    """Take a waiting conversation for `member`, unless someone else already has."""
    claimed = Conversation.objects.filter(
        pk=conversation_id, status=Status.OPEN, assigned_to__isnull=True
    ).update(assigned_to=member, queued_at=None)
    return claimed == 1


def _now_held(conversation: Conversation, holder: User | None) -> None:
    """After the holder changed: the new holder is no longer a mere participant; announce it."""
    conversation.assigned_to = holder
    if holder is not None:
        Participant.objects.filter(
            conversation=conversation, user=holder, left_at__isnull=True
        ).update(left_at=timezone.now())
    bump(conversation, activity=False)
    team_event(conversation.program_id, "assignment", conversation)


# -- the queue -----------------------------------------------------------------------


def place_new(conversation: Conversation) -> None:
    """A conversation just opened (queued_at is set): it waits, or goes to someone with room.

    Runs inside the arrival's transaction. With automatic assignment, the
    queue is served in its order, so a newcomer does not overtake older ones.
    """
    # The program the arrival's channel brought along, read in this request.
    program = conversation.program
    if program.auto_assign and refill(program):
        # Whatever it assigned was bumped through its own row; the arrival's
        # own numbers go on from the sequence it reached.
        conversation.refresh_from_db(fields=["seq", "assigned_to"])


def take_next(member: User) -> Conversation:
    """The member takes the first conversation of the queue."""
    with transaction.atomic():
        member = lock_member(member)
        if not member.on_duty:
            raise NotOnDuty("go on duty first")
        if not has_room(member):
            raise AtCapacity("at the cap")
        for _round in range(CLAIM_ROUNDS):
            candidates = list(
                queueing.waiting(member.program_id).values_list("pk", flat=True)[:CLAIM_BATCH]
            )
            if not candidates:
                break
            for pk in candidates:
                if _claim(pk, member):
                    conversation = Conversation.objects.get(pk=pk)
                    _now_held(conversation, member)
                    audit(member.program, member, "take_next", conversation)
                    return conversation
        raise QueueEmpty("nothing waits")


def refill(program: Program, *, exclude: uuid.UUID | None = None) -> int:
    """Automatic assignment: waiting conversations, in queue order, to the least-loaded
    advocates on duty who have room. Returns how many were assigned.

    Members whose row another transaction holds are skipped (they are busy
    taking or handing on), so this never waits on anyone. `exclude` is
    someone who just put a conversation back: it does not bounce back to them.
    """
    program = Program.objects.get(pk=program.pk)
    if not program.auto_assign:
        return 0
    candidates = [
        pk
        for pk in queueing.advocates_with_room(program).values_list("pk", flat=True)[:REFILL_LIMIT]
        if pk != exclude
    ]
    if not candidates:
        return 0
    locked = list(
        User.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=candidates)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    members = {m.pk: m for m in User.objects.filter(pk__in=locked, on_duty=True)}
    loads = {pk: 0 for pk in members}
    for holder_id, count in (
        Conversation.objects.filter(assigned_to__in=list(members), status=Status.OPEN)
        .values("assigned_to")
        .annotate(n=Count("pk"))
        .values_list("assigned_to", "n")
    ):
        loads[holder_id] = count
    room = {pk: queueing.cap_of(m, program) - loads[pk] for pk, m in members.items()}
    order = [pk for pk in candidates if pk in members]
    assigned = 0
    waiting = list(queueing.waiting(program.pk).values_list("pk", flat=True)[:REFILL_LIMIT])
    for conversation_id in waiting:
        open_members = [pk for pk in order if room[pk] > 0]
        if not open_members:
            break
        chosen = min(open_members, key=lambda pk: (loads[pk], order.index(pk)))
        member = members[chosen]
        if not _claim(conversation_id, member):
            continue
        room[chosen] -= 1
        loads[chosen] += 1
        conversation = Conversation.objects.get(pk=conversation_id)
        _now_held(conversation, member)
        audit(program, None, "auto_assign", conversation, member)
        assigned += 1
    return assigned


# -- handing on ----------------------------------------------------------------------


def _sealed_shape(sealed: bytes) -> bool:
    """Whether `sealed` has the length of an HPKE ciphertext of a padded plaintext.

    The server cannot read a note; this only refuses what cannot be one
    (for instance a text a broken browser failed to seal).
    """
    body = len(sealed) - formats.ENC_SIZE - formats.TAG_SIZE
    return body >= formats.padded_size(0) and formats.padded_size(body - 4) == body


def store_note(
    conversation: Conversation,
    *,
    author: User,
    recipient: User | None,
    note: SealedNote,
    kind: str = NoteKind.HANDOFF,
) -> Note:
    """Keep a note the author's browser sealed to the program key (inside a transaction)."""
    if not 0 < len(note.sealed) <= MAX_NOTE_BYTES or not _sealed_shape(note.sealed):
        raise InvalidNote("not a sealed note")
    current = sealing.current_epoch(conversation.program_id)
    if current is None:
        raise NoProgramKey("the program has no key yet")
    if current.number != note.epoch:
        raise StaleEpoch("sealed to an epoch that is not current")
    return Note.objects.create(
        id=note.id,
        conversation=conversation,
        kind=kind,
        author=author,
        recipient=recipient,
        epoch=current,
        body_sealed=note.sealed,
    )


def _ensure_room(member: User, conversation: Conversation, *, by: User, override: bool) -> None:
    if has_room(member):
        return
    if not override:
        raise AtCapacity("the recipient is at their cap")
    audit(conversation.program_id, by, "cap_override", conversation, member)


def hand_on(
    conversation: Conversation,
    *,
    by: User,
    to: User | None,
    note: SealedNote | None,
    override: bool = False,
) -> str:
    """Move a locked conversation to `to` (None: back to the queue). Returns the audit action.

    The caller holds the locks: `to`'s row, then the conversation's.
    """
    if conversation.status != Status.OPEN:
        raise ConversationClosed("conversation is closed")
    holder_id = conversation.assigned_to_id
    if holder_id != by.pk and not by.is_supervisor:
        raise NotAllowed("only the holder or a supervisor hands a conversation on")
    if override and not by.is_supervisor:
        raise NotAllowed("only a supervisor overrides a cap")
    if to is None:
        if holder_id is None:
            raise InvalidTarget("already in the queue")
        Conversation.objects.filter(pk=conversation.pk).update(
            assigned_to=None, queued_at=timezone.now()
        )
        action = "requeue"
    else:
        if to.program_id != conversation.program_id or not to.is_active or to.pk == holder_id:
            raise InvalidTarget("not someone this conversation can go to")
        if not to.on_duty:
            raise NotOnDuty("the recipient is off duty")
        _ensure_room(to, conversation, by=by, override=override)
        Conversation.objects.filter(pk=conversation.pk).update(assigned_to=to, queued_at=None)
        if holder_id != by.pk:
            action = "assign"
        elif to.is_supervisor and not by.is_supervisor:
            action = "escalate"
        else:
            action = "transfer"
    if note is not None:
        store_note(conversation, author=by, recipient=to, note=note)
    _now_held(conversation, to)
    audit(conversation.program_id, by, action, conversation, to)
    return action


def transfer(
    conversation: Conversation,
    *,
    by: User,
    to: User | None,
    note: SealedNote | None,
    override: bool = False,
) -> str:
    """Hand a conversation to a named colleague or supervisor, or back to the queue.

    The holder hands on their own; a supervisor also assigns or reassigns
    any conversation, and alone may push someone past their cap, on purpose.
    """
    if by.program_id != conversation.program_id:
        raise ActionError("not a member of this program")
    with transaction.atomic():
        if to is not None:
            to = lock_member(to)
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        holder_id = locked.assigned_to_id
        action = hand_on(locked, by=by, to=to, note=note, override=override)
        if holder_id is not None:
            refill(Program(pk=locked.program_id), exclude=holder_id if to is None else None)
    return action


# -- hooks of other actions ---------------------------------------------------------------


def check_may_answer(conversation: Conversation, author: User) -> None:
    """Before anything looks at the number: someone else's conversation must be joined first.

    `before_reply` decides again, on the locked row, and may take a waiting one.
    """
    holder_id = conversation.assigned_to_id
    if (
        holder_id is not None
        and holder_id != author.pk
        and not queueing.is_participant(conversation, author)
    ):
        raise NotParticipant("join the conversation to answer")


def before_reply(conversation: Conversation, author: User) -> None:
    """A member answers (the conversation and the member's row are locked).

    The holder and those who joined answer. A conversation still waiting
    becomes the answerer's when they are on duty with room; one that someone
    else holds must be joined first, so that nobody answers a texter behind
    the back of the advocate who holds the conversation.
    """
    holder_id = conversation.assigned_to_id
    if holder_id == author.pk:
        return
    if holder_id is None:
        if author.on_duty and has_room(author) and _claim(conversation.pk, author):
            _now_held(conversation, author)
            audit(conversation.program_id, author, "take", conversation)
        return
    if not queueing.is_participant(conversation, author):
        raise NotParticipant("join the conversation to answer")


def after_close(conversation: Conversation) -> None:
    """A conversation closed (inside the closing transaction): its holder has room again."""
    if conversation.assigned_to_id is None:
        return
    team_event(conversation.program_id, "assignment", conversation)
    refill(Program(pk=conversation.program_id))
