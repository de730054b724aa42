"""Blocking numbers: add, list, lift. Every change is audited and announced.

A block is stored as the vault's keyed hash of the number (`vault.blocks`),
never the number, with a label that staff write to recognise it, sealed by
their browser to the program key (info `sealing.block_label_info`): the
server can list blocks and lift them, but cannot say whose number any of
them is.

Any member may add a block (from a conversation, see
`safety.actions.block_texter`); only supervisors lift one. Each change tells
the program's consoles, after commit, to fetch the list again.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.events import send_event_on_commit
from havre.safety.models import Block
from havre.vault.blocks import block_hash, is_sealed_shape
from havre.vault.models import Epoch

# Labels are short: the padded plaintext fits in 1024 bytes.
LABEL_MAX_BUCKET = 1024


class BlockRefusedError(Exception):
    """A block that cannot be added or lifted; `code` is a short machine string."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def is_blocked(program_id: uuid.UUID | str, e164: str) -> bool:
    return Block.objects.filter(
        program_id=program_id, block_hash=block_hash(program_id, e164), lifted_at__isnull=True
    ).exists()


def _announce(program_id: uuid.UUID) -> None:
    send_event_on_commit(program_id, {"type": "blocks"})


def add_block(
    program: Program,
    e164: str,
    *,
    by: User,
    block_id: uuid.UUID,
    label_sealed: bytes,
    epoch: Epoch,
) -> Block:
    """Block `e164` for the program, inside the caller's transaction.

    The caller has checked the number (a browser sent it for a conversation
    whose route it matches) and the epoch (the current one).
    """
    if by.program_id != program.pk:
        raise BlockRefusedError("forbidden")
    if not is_sealed_shape(label_sealed, LABEL_MAX_BUCKET):
        raise BlockRefusedError("invalid_label")
    try:
        with transaction.atomic():
            block = Block.objects.create(
                program=program,
                uid=block_id,
                block_hash=block_hash(program.pk, e164),
                label_sealed=label_sealed,
                label_epoch=epoch,
                created_by=by,
            )
    except IntegrityError:
        raise BlockRefusedError("already_blocked") from None
    record(program, by, "block", block.uid)
    _announce(program.pk)
    return block


def active_blocks(program: Program) -> QuerySet[Block]:
    """The program's blocks in force, the newest first."""
    return (
        Block.objects.filter(program=program, lifted_at__isnull=True)
        .select_related("label_epoch", "created_by")
        .order_by("-created_at")
    )


def lift_block(program: Program, block_id: uuid.UUID, *, by: User) -> Block:
    """A supervisor lifts a block: texts from the number reach the helpline again."""
    if by.program_id != program.pk:
        raise BlockRefusedError("forbidden")
    if not by.is_supervisor:
        raise BlockRefusedError("supervisors_only")
    with transaction.atomic():
        block = Block.objects.select_for_update().filter(program=program, uid=block_id).first()
        if block is None:
            raise BlockRefusedError("not_found")
        if block.lifted_at is not None:
            raise BlockRefusedError("already_lifted")
        block.lifted_at = timezone.now()
        block.lifted_by = by
        block.save(update_fields=["lifted_at", "lifted_by"])
        record(program, by, "lift_block", block.uid)
        _announce(program.pk)
    return block
