"""The block index: HMAC of a number under the block key, never the number.

Same construction as routes, under a separate key, so that whoever holds the
database alone cannot tell which numbers are blocked.
"""

from __future__ import annotations

import uuid
from functools import cache

from django.conf import settings

from havre.vault import formats
from havre.vault.models import Block


@cache
def _block_key(route_key: str, block_key: str | None) -> bytes:
    if block_key:
        return block_key.encode()
    return formats.server_key(route_key, "block")


def block_hash(program_id: uuid.UUID | str, e164: str) -> str:
    key = _block_key(settings.HAVRE_ROUTE_KEY, settings.HAVRE_BLOCK_KEY)
    return formats.route(key, str(program_id), e164)


def is_blocked(program_id: uuid.UUID | str, e164: str) -> bool:
    return Block.objects.filter(
        program_id=program_id, block_hash=block_hash(program_id, e164), lifted_at__isnull=True
    ).exists()
