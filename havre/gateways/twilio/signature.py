"""Checking that a webhook comes from Twilio, with the account's auth token.

Twilio signs the full URL it requested followed by every POST field, sorted
by name, each as name then value; the signature is the base64 HMAC-SHA1 of
that under the auth token, sent in X-Twilio-Signature.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, QueryDict
from twilio.request_validator import RequestValidator


def signed_url(request: HttpRequest) -> str:
    """The URL Twilio signed: the public URL, not what the proxy forwarded."""
    return str(settings.HAVRE_PUBLIC_URL) + request.get_full_path()


def is_signed(request: HttpRequest, params: QueryDict, auth_token: str) -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not auth_token:
        return False
    return bool(RequestValidator(auth_token).validate(signed_url(request), params, signature))
