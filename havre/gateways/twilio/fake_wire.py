"""Twilio's side of the wire, for the fake: signatures, ids, errors, forms.

Written from Twilio's documented formats, independently of the `twilio`
package that Havre uses to check signatures, so that the two check each other.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import phonenumbers

REAL_API_BASE = "https://api.twilio.com"
_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f"
)
_ERROR_MESSAGES = {
    20003: "Authenticate",
    20004: "Method not allowed",
    20404: "The requested resource was not found",
    20429: "Too Many Requests",
    20500: "An internal server error has occurred",
    21211: "Invalid 'To' Phone Number",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21609: "Invalid StatusCallback url",
    21610: "Attempt to send to unsubscribed recipient",
    21617: "The concatenated message body exceeds the 1600 character limit.",
}
_DEFAULT_CODES = {400: 21211, 401: 20003, 404: 20404, 429: 20429}


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """X-Twilio-Signature: base64 HMAC-SHA1 of the URL then each field, sorted by name."""
    data = url + "".join(name + params[name] for name in sorted(params))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def new_sid(prefix: str) -> str:
    return prefix + secrets.token_hex(16)


def segments(body: str) -> int:
    """How many SMS parts Twilio would bill for the body (GSM-7 or UCS-2)."""
    if all(c in _GSM7 for c in body):
        single, part, length = 160, 153, len(body)
    else:
        single, part, length = 70, 67, len(body.encode("utf-16-le")) // 2
    return 1 if length <= single else -(-length // part)


def twilio_error(status: int, code: int | None = None) -> tuple[int, dict[str, Any]]:
    code = code or _DEFAULT_CODES.get(status, 20500)
    answer: dict[str, Any] = {
        "code": code,
        "message": _ERROR_MESSAGES.get(code, "Error"),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    if code == 20003:
        answer["detail"] = "Your AccountSid or AuthToken was incorrect."
    return status, answer


@dataclasses.dataclass(frozen=True)
class SignedForm:
    """A webhook as Twilio would post it: URL, form fields and signature."""

    url: str
    params: dict[str, str]
    signature: str

    def encoded(self) -> str:
        return urlencode(self.params)

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": self.signature,
            "I-Twilio-Idempotency-Token": secrets.token_hex(16),
            "User-Agent": "TwilioProxy/1.1",
        }


def country_of(number: str) -> str:
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return ""
    return str(region or "")
