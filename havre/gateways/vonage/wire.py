"""Vonage's Messages API wire format, for SMS: webhook fields, statuses, errors."""

from __future__ import annotations

import re
from typing import Final

REAL_API_BASE: Final = "https://api.nexmo.com"
MESSAGES_PATH: Final = "/v1/messages"
REDACT_PATH: Final = "/v1/redact/transaction"

# Which of the Messages API's channels this provider takes: SMS, and MMS
# whose pictures are only counted.
CHANNELS: Final = frozenset({"sms", "mms"})
MEDIA_TYPES: Final = frozenset({"image", "vcard", "audio", "video", "file"})

UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
APPLICATION_ID_RE: Final = UUID_RE
API_KEY_RE: Final = re.compile(r"[0-9a-zA-Z]{6,32}")
# The problem document's type ends in "#<code>": a number or a short word,
# never one with as many digits as a phone number (it is kept and logged).
ERROR_CODE_RE: Final = re.compile(r"(?!(?:[^0-9]*[0-9]){7})[0-9A-Za-z-]{1,32}")

# Vonage's message statuses, as Havre's delivery statuses.
STATUS_MAP: Final = {
    "submitted": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "rejected": "failed",
    "undeliverable": "undelivered",
}
