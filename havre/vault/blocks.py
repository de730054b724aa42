"""The block index: HMAC of a number under the block key, never the number.

Same construction as routes, under a separate key, so that whoever holds the
database alone cannot tell which numbers are blocked. The blocks themselves
(who blocked, the sealed label, lifting) are the safety tools'
(`havre.safety.blocks`); this module is only the keyed construction and the
shape check of what browsers seal.
"""

from __future__ import annotations

import uuid
from functools import cache

from django.conf import settings

from havre.vault import formats


@cache
def _block_key(route_key: str, block_key: str | None) -> bytes:
    if block_key:
        return block_key.encode()
    return formats.server_key(route_key, "block")


def block_hash(program_id: uuid.UUID | str, e164: str) -> str:
    key = _block_key(settings.HAVRE_ROUTE_KEY, settings.HAVRE_BLOCK_KEY)
    return formats.route(key, str(program_id), e164)


def is_sealed_shape(sealed: bytes, max_bucket: int) -> bool:
    """Whether `sealed` has the size of a padded, HPKE-sealed plaintext.

    The server cannot open what browsers seal; this at least refuses a value
    sent in clear by mistake, which would not have one of these sizes.
    """
    padded = len(sealed) - formats.ENC_SIZE - formats.TAG_SIZE
    return padded >= 64 and padded <= max_bucket and formats.padded_size(padded - 4) == padded
