"""What Havre stores of a provider's message id.

Some providers' ids carry the texter's address (a WhatsApp "wamid" is the
base64 of a structure holding her number), and Signal has no message id but
the sender and a timestamp. For those, Havre stores a keyed digest of the id
instead: enough to recognise a retried webhook or match a delivery report,
nothing that names anyone. The key derives from HAVRE_SECRET_KEY, which lives
outside the database and its backups.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

from django.conf import settings

from havre.vault.formats import server_key

PREFIX = "h1:"


def provider_ref(channel_id: uuid.UUID, raw_id: str) -> str:
    """The stored form of a provider's id on one channel (43 characters)."""
    key = server_key(settings.SECRET_KEY, "provider-id")
    data = f"{channel_id}\x00{raw_id}".encode()
    return PREFIX + hmac.new(key, data, hashlib.sha256).hexdigest()[:40]
