"""Twilio's wire format: ids, webhook fields and delivery statuses."""

from __future__ import annotations

import re
from typing import Final

API_VERSION: Final = "2010-04-01"
SIGNATURE_HEADER: Final = "X-Twilio-Signature"

# Twilio ids: two capital letters naming the kind, then 32 hex digits.
ACCOUNT_SID_RE: Final = re.compile(r"AC[0-9a-f]{32}")
MESSAGE_SID_RE: Final = re.compile(r"(SM|MM)[0-9a-f]{32}")
E164_RE: Final = re.compile(r"\+[1-9][0-9]{1,14}")
# Twilio's error codes have five digits; a longer number could be a phone
# number, and the code is kept and logged.
ERROR_CODE_RE: Final = re.compile(r"[0-9]{1,6}")

# A text with more media than this is not something Twilio sends.
MAX_MEDIA: Final = 10

# Twilio's MessageStatus values, mapped to Havre's delivery statuses. "read"
# only comes from channels with read receipts, and means at least delivered.
STATUS_MAP: Final = {
    "accepted": "queued",
    "scheduled": "queued",
    "queued": "queued",
    "sending": "sending",
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "undelivered",
    "failed": "failed",
    "canceled": "failed",
}

EMPTY_TWIML: Final = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def messages_path(account_sid: str) -> str:
    return f"/{API_VERSION}/Accounts/{account_sid}/Messages.json"


def message_path(account_sid: str, message_sid: str) -> str:
    """One Message resource. A DELETE of it deletes its media too (Twilio, since 2020)."""
    return f"/{API_VERSION}/Accounts/{account_sid}/Messages/{message_sid}.json"
