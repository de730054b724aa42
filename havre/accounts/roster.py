"""Who works for a program, in what role and state, and which keys they hold.

One description of a member for the console's Team area and for `havre staff
list`, so that both say the same thing. It names people and keys' epochs,
never anything a texter wrote.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from havre.accounts import factors
from havre.accounts.models import Program, User
from havre.vault.models import Grant
from havre.vault.sealing import current_epoch


def state_of(member: User) -> str:
    """ "deactivated", "invited" (no passphrase or second factor yet) or "active"."""
    if not member.is_active:
        return "deactivated"
    if not member.has_keys or not member.has_usable_password():
        return "invited"
    if settings.HAVRE_REQUIRE_SECOND_FACTOR and not factors.has_second_factor(member):
        return "invited"
    return "active"


def key_status(member: User, held: set[int], current: int | None) -> str:
    """ "no_keys", "holds_current_key" or "awaiting_key" (signed up, not granted yet)."""
    if not member.has_keys:
        return "no_keys"
    if current is not None and current in held:
        return "holds_current_key"
    return "awaiting_key"


def roster(program: Program) -> list[dict[str, Any]]:
    epoch = current_epoch(program.pk)
    current = epoch.number if epoch else None
    held: dict[object, set[int]] = {}
    for user_id, number in Grant.objects.filter(epoch__program=program).values_list(
        "user_id", "epoch__number"
    ):
        held.setdefault(user_id, set()).add(number)
    members = User.objects.filter(program=program).order_by("email")
    return [
        {
            "id": str(m.pk),
            "email": m.email,
            "display_name": m.display_name,
            "role": m.role,
            "state": state_of(m),
            "keys": key_status(m, held.get(m.pk, set()), current),
            "epochs_held": sorted(held.get(m.pk, set())),
        }
        for m in members
    ]
