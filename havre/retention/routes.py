"""Rotating the route key, on demand (`havre keys rotate-route`) and on a schedule.

The keyring itself is the vault's (`havre.vault.routekeys`); what needs the
conversations lives here: whether routes made with the previous key remain,
forgetting it once none does, and the audit entry every program gets.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from havre.accounts.models import Program
from havre.audit.actions import record
from havre.conversations.models import Conversation
from havre.vault import routekeys
from havre.vault.routekeys import RouteKey


def routes_made_with(generation: int) -> int:
    """How many stored routes (open conversations, ongoing relationships) that key made."""
    return Conversation.objects.filter(route__isnull=False, route_key=generation).count()


def rotate() -> tuple[RouteKey, int]:
    """A new current route key; returns it and the generation that became the previous one.

    Raises routekeys.KeyringError (one sentence) when it cannot.
    """
    ring = routekeys.keyring()
    in_use = ring.previous is not None and routes_made_with(ring.previous.generation) > 0
    new = routekeys.rotate(previous_in_use=in_use)
    for program_id in Program.objects.values_list("pk", flat=True):
        record(program_id, None, "route_key_rotated", new.generation)
    return new, ring.current.generation


def due_for_rotation(now: object = None) -> bool:
    """Whether the current key is older than HAVRE_ROUTE_KEY_MAX_AGE_DAYS (0: never).

    HAVRE_ROUTE_KEY (generation 0) has no date of its own: its age is that of
    the oldest route it made, and with no route there is nothing to protect.
    """
    days = int(settings.HAVRE_ROUTE_KEY_MAX_AGE_DAYS)
    if days <= 0:
        return False
    current = routekeys.keyring().current
    since = current.created_at
    if since is None:
        since = Conversation.objects.filter(
            route__isnull=False, route_key=current.generation
        ).aggregate(oldest=Min("created_at"))["oldest"]
    return since is not None and timezone.now() - since >= timedelta(days=days)


def keep_keys_current() -> dict[str, int]:
    """The sweep's part: forget a previous key no route uses, rotate one that is due."""
    done = {"route_keys_forgotten": 0, "route_keys_rotated": 0}
    ring = routekeys.keyring()
    if ring.previous is not None and routes_made_with(ring.previous.generation) == 0:
        done["route_keys_forgotten"] = int(routekeys.forget_previous())
        ring = routekeys.keyring()
    if due_for_rotation() and ring.previous is None:
        rotate()
        done["route_keys_rotated"] = 1
    return done
