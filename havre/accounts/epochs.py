"""Members and program keys over time: parting with a member, and a new epoch.

Parting with a member (`deactivate`, called by the conversations layer's
`part_with`, which first hands her conversations on) ends her sessions and
console sockets at once, deletes her grants, and, when she held the current
program key, marks the program as needing a new one. From then until the new
epoch exists, inbound texts are still sealed to the key she held: every
admin's console asks to finish it, and the window is logged and audited.

A new epoch (`create_epoch`) is made in an admin's browser: a fresh program
key pair whose private half is sealed to every remaining member who held the
current one. The server receives the public key and those grants in one
request and stores them in one transaction; from its commit on, every inbound
text and number is sealed to the new epoch (the pipeline seals to the newest
epoch that is not retired). Members keep their grants of older epochs, so
history stays readable to them until retention deletes it. The same flow
serves rotation on demand and the reminder once the key is older than the
program's `key_max_age_days`.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts import sessions
from havre.accounts.grants import SEALED_KEY_SIZE
from havre.accounts.models import Program, Role, User
from havre.audit.actions import record
from havre.events import send_event_on_commit
from havre.vault.formats import KEY_SIZE, b64e
from havre.vault.models import Epoch, Grant
from havre.vault.sealing import current_epoch

logger = logging.getLogger(__name__)


class EpochRefusedError(Exception):
    """A new epoch or a parting refused; `code` is a stable string for the API."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def holders(program: Program, epoch: Epoch | None = None) -> list[User]:
    """Active members who hold a grant of `epoch` (the current one by default)."""
    epoch = epoch or current_epoch(program.pk)
    if epoch is None:
        return []
    return list(
        User.objects.filter(program=program, is_active=True, grants__epoch=epoch).order_by("pk")
    )


def key_state(program: Program, now: datetime | None = None) -> dict[str, Any]:
    """The current epoch, its age, and whether a new key is needed or due."""
    now = now or timezone.now()
    epoch = current_epoch(program.pk)
    if epoch is None:
        return {"epoch": None, "new_key_needed_since": None, "rotation_due": False}
    age_days = (now - epoch.created_at).days
    return {
        "epoch": {
            "number": epoch.number,
            "public_key": b64e(bytes(epoch.public_key)),
            "created_at": epoch.created_at.isoformat(),
            "age_days": age_days,
        },
        "new_key_needed_since": (
            program.new_key_needed_since.isoformat() if program.new_key_needed_since else None
        ),
        "rotation_due": age_days >= program.key_max_age_days,
        "key_max_age_days": program.key_max_age_days,
    }


def deactivate(member: User, *, by: User | None) -> bool:
    """The accounts' part of parting (inside the caller's transaction).

    Returns whether a new program key is needed, because she held the current one.
    """
    program = Program.objects.select_for_update().get(pk=member.program_id)
    epoch = current_epoch(program.pk)
    held_current = epoch is not None and Grant.objects.filter(epoch=epoch, user=member).exists()
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(
        is_active=False, deactivated_at=now, on_duty=False, duty_changed_at=now
    )
    member.is_active = False
    Grant.objects.filter(user=member).delete()
    member.signup_links.all().delete()
    sessions.end_sessions(member)
    record(program, by, "deactivate", member.pk)
    if held_current and program.new_key_needed_since is None:
        Program.objects.filter(pk=program.pk).update(new_key_needed_since=now)
        record(program, by, "new_key_needed", epoch.number if epoch else "")
        logger.warning(
            "program %s: a key holder left; texts are sealed to epoch %s until an admin "
            "makes the new program key",
            program.pk,
            epoch.number if epoch else "-",
        )
    send_event_on_commit(program.pk, {"type": "keys", "what": "member_left"})
    return held_current


def remaining_admins(program: Program, leaving: User) -> int:
    return (
        User.objects.filter(program=program, role=Role.ADMIN, is_active=True)
        .exclude(pk=leaving.pk)
        .count()
    )


@dataclass(frozen=True)
class NewEpoch:
    """What the admin's browser sends: the next number, the public key, a grant per holder."""

    number: int
    public_key: bytes
    grants: dict[uuid.UUID, bytes]


def create_epoch(admin: User, new: NewEpoch) -> Epoch:
    """Store a new program key and its grants in one transaction; announce it after commit.

    The grants must go to exactly the active members who hold the current
    epoch (the admin among them): nobody left out by mistake, nobody added
    who was not already trusted with the key.
    """
    if not admin.is_admin or not admin.is_active:
        raise EpochRefusedError("not_admin")
    if len(new.public_key) != KEY_SIZE:
        raise EpochRefusedError("malformed")
    if any(len(sealed) != SEALED_KEY_SIZE for sealed in new.grants.values()):
        raise EpochRefusedError("malformed")
    with transaction.atomic():
        # One new epoch at a time per program: the second of two admins waits, then is refused.
        program = Program.objects.select_for_update().get(pk=admin.program_id)
        current = current_epoch(program.pk)
        if current is None or new.number != current.number + 1:
            raise EpochRefusedError("not_next_epoch")
        expected = {u.pk for u in holders(program, current)}
        if admin.pk not in expected:
            raise EpochRefusedError("not_a_holder")
        if set(new.grants) != expected:
            raise EpochRefusedError("holders_changed")
        if program.epochs.filter(public_key=new.public_key).exists():
            raise EpochRefusedError("key_reused")
        now = timezone.now()
        try:
            with transaction.atomic():
                epoch = Epoch.objects.create(
                    program=program, number=new.number, public_key=new.public_key, created_at=now
                )
        except IntegrityError:
            raise EpochRefusedError("not_next_epoch") from None
        Epoch.objects.filter(pk=current.pk).update(retired_at=now)
        Grant.objects.bulk_create(
            Grant(epoch=epoch, user_id=user_id, sealed_key=sealed, granted_by=admin)
            for user_id, sealed in new.grants.items()
        )
        waited = program.new_key_needed_since
        Program.objects.filter(pk=program.pk).update(new_key_needed_since=None)
        record(program, admin, "epoch_created", epoch.number)
        if waited is not None:
            logger.warning(
                "program %s: new program key (epoch %s) made %d s after a key holder left",
                program.pk,
                epoch.number,
                int((now - waited).total_seconds()),
            )
        send_event_on_commit(program.pk, {"type": "keys", "what": "epoch", "epoch": epoch.number})
    return epoch
