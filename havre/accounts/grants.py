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


def holds_current_key(member: User) -> bool:
    """Whether this active member holds a grant of the epoch new texts are sealed to.

    Every act on a texter (a reply, a notice, closing, blocking, writing first,
    the code word and check-ins) asks this first, before anything looks at a
    number or a route: a session without the key (a member awaiting her
    grant, or a stolen cookie) is refused the same way whatever it sends.
    """
    if not member.is_active:
        return False
    epoch = current_epoch(member.program_id)
    return epoch is not None and holds_grant(member, epoch)


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
    """Store an epoch's key sealed by `granter`'s browser to `member`.

    The granter must be an admin of the member's program who holds the same
    epoch: nobody else could have made a genuine sealed key, and the check
    keeps a stolen admin session of another program from planting one. The
    current epoch comes first; older ones the granter holds may follow, so
    that a member whose passphrase was reset (or who joins while older
    conversations are open) reads their history again.
    """
    if not granter.is_admin or not granter.is_active:
        raise GrantRefusedError(GrantRefusedError.Reason.NOT_ADMIN)
    if member.program_id != granter.program_id:
        raise GrantRefusedError(GrantRefusedError.Reason.OTHER_PROGRAM)
    if len(sealed_key) != SEALED_KEY_SIZE:
        raise GrantRefusedError(GrantRefusedError.Reason.MALFORMED)
    with transaction.atomic():
        # Serialised with a new epoch being made, which seals to the holders.
        program = Program.objects.select_for_update().get(pk=granter.program_id)
        current = current_epoch(program.pk)
        epoch = program.epochs.filter(number=epoch_number).first()
        if current is None or epoch is None:
            raise GrantRefusedError(GrantRefusedError.Reason.NOT_CURRENT)
        if epoch.pk != current.pk and not holds_grant(member, current):
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


def shred_epoch(epoch: Epoch) -> int:
    """Delete every grant of a retired epoch that seals nothing any more (crypto-shredding).

    The retention sweep calls it once no message, number, note, code word or
    block label sealed to the epoch remains: even an old backup of the
    database can then not be opened with a grant kept today. The current
    epoch is never shredded. Returns how many grants were deleted.
    """
    if epoch.retired_at is None:
        raise ValueError("the current epoch is never shredded")
    deleted, _ = Grant.objects.filter(epoch=epoch).delete()
    if deleted:
        record(epoch.program_id, None, "epoch_shredded", epoch.number)
    return deleted
