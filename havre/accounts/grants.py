"""Epochs and grants: which members hold the program private key, and since when.

The server never sees a program private key. It stores the public half of
each epoch, and each grant as the private half HPKE-sealed by a key holder's
browser to one member's public key (info = `grant_info`). What it can check,
and does here, is who may hand a grant to whom.
"""

from __future__ import annotations

import enum

from django.db import IntegrityError, transaction

from havre.accounts.models import Program, User
from havre.audit.actions import record
from havre.vault.formats import ENC_SIZE, KEY_SIZE, TAG_SIZE, padded_size
from havre.vault.models import Epoch, Grant
from havre.vault.sealing import current_epoch

# A sealed 32-byte private key: enc, the padded key, the AEAD tag.
SEALED_KEY_SIZE = ENC_SIZE + padded_size(KEY_SIZE) + TAG_SIZE


class GrantRefusedError(Exception):
    """A grant that the requester may not give; `reason` says why, for the API."""

    class Reason(enum.StrEnum):
        NOT_ADMIN = "not_admin"
        OTHER_PROGRAM = "other_program"
        NOT_A_HOLDER = "not_a_holder"
        NOT_CURRENT = "not_current_epoch"
        NO_KEYS = "member_has_no_keys"
        ALREADY_GRANTED = "already_granted"
        INACTIVE = "member_inactive"
        MALFORMED = "malformed_sealed_key"

    def __init__(self, reason: GrantRefusedError.Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


def holds_grant(user: User, epoch: Epoch) -> bool:
    return Grant.objects.filter(epoch=epoch, user=user).exists()


def has_key_holder(program: Program) -> bool:
    """Whether anyone can open the current epoch's key (and so grant it)."""
    epoch = current_epoch(program.pk)
    return epoch is not None and epoch.grants.exists()


def create_first_epoch(program: Program, public_key: bytes) -> Epoch:
    """Epoch 1, from a program public key made in a browser or by `havre keys generate`."""
    if len(public_key) != KEY_SIZE:
        raise ValueError("a program public key is 32 bytes")
    with transaction.atomic():
        if program.epochs.exists():
            raise ValueError("this program already has a key")
        epoch = Epoch.objects.create(program=program, number=1, public_key=public_key)
    return epoch


def grant(granter: User, member: User, epoch_number: int, sealed_key: bytes) -> Grant:
    """Store the current epoch's key sealed by `granter`'s browser to `member`.

    The granter must be an admin of the member's program who holds the same
    epoch: nobody else could have made a genuine sealed key, and the check
    keeps a stolen admin session of another program from planting one.
    """
    if not granter.is_admin or not granter.is_active:
        raise GrantRefusedError(GrantRefusedError.Reason.NOT_ADMIN)
    if member.program_id != granter.program_id:
        raise GrantRefusedError(GrantRefusedError.Reason.OTHER_PROGRAM)
    if len(sealed_key) != SEALED_KEY_SIZE:
        raise GrantRefusedError(GrantRefusedError.Reason.MALFORMED)
    with transaction.atomic():
        epoch = current_epoch(granter.program_id)
        if epoch is None or epoch.number != epoch_number:
            raise GrantRefusedError(GrantRefusedError.Reason.NOT_CURRENT)
        if not holds_grant(granter, epoch):
            raise GrantRefusedError(GrantRefusedError.Reason.NOT_A_HOLDER)
        if not member.is_active:
            raise GrantRefusedError(GrantRefusedError.Reason.INACTIVE)
        if not member.has_keys:
            raise GrantRefusedError(GrantRefusedError.Reason.NO_KEYS)
        try:
            with transaction.atomic():
                made = Grant.objects.create(
                    epoch=epoch, user=member, sealed_key=sealed_key, granted_by=granter
                )
        except IntegrityError:
            raise GrantRefusedError(GrantRefusedError.Reason.ALREADY_GRANTED) from None
        record(granter.program, granter, "grant", member.pk)
    return made


def grant_to_self_first(member: User, epoch: Epoch, sealed_key: bytes) -> Grant:
    """The first key holder of a program seals the key to themselves.

    Allowed only while nobody holds the epoch, and only for an admin: this is
    the end of the key ceremony, not a way in for later members.
    """
    if not member.is_admin or epoch.program_id != member.program_id:
        raise GrantRefusedError(GrantRefusedError.Reason.NOT_ADMIN)
    if len(sealed_key) != SEALED_KEY_SIZE:
        raise GrantRefusedError(GrantRefusedError.Reason.MALFORMED)
    if not member.has_keys:
        raise GrantRefusedError(GrantRefusedError.Reason.NO_KEYS)
    if epoch.grants.exists():
        raise GrantRefusedError(GrantRefusedError.Reason.ALREADY_GRANTED)
    made = Grant.objects.create(epoch=epoch, user=member, sealed_key=sealed_key, granted_by=member)
    record(member.program, member, "grant", member.pk)
    return made
