"""Meta's webhooks: the subscription handshake and the X-Hub-Signature-256 check.

Meta signs each POST with HMAC-SHA256 of the raw body under the app secret,
sent as `X-Hub-Signature-256: sha256=<hex>`. When a webhook URL is saved,
Meta first calls it with GET `hub.mode=subscribe`, `hub.verify_token` (the
token the operator typed in both places) and `hub.challenge`, and expects the
challenge back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Final

from django.http import HttpRequest, HttpResponse

SIGNATURE_HEADER: Final = "X-Hub-Signature-256"
# Meta's challenges are numbers; anything else is not echoed.
_CHALLENGE_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,128}")


def signature(app_secret: str, body: bytes) -> str:
    """The header value Meta sends for this body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed(request: HttpRequest, body: bytes, app_secret: str) -> bool:
    sent = request.headers.get(SIGNATURE_HEADER, "")
    if not sent or not app_secret:
        return False
    return hmac.compare_digest(sent.encode(), signature(app_secret, body).encode())


def answer_handshake(request: HttpRequest, verify_token: str) -> HttpResponse:
    """Echo the challenge for the right verify token; 403 otherwise, 400 for a malformed one."""
    mode = request.GET.get("hub.mode", "")
    token = request.GET.get("hub.verify_token", "")
    challenge = request.GET.get("hub.challenge", "")
    if (
        mode != "subscribe"
        or not verify_token
        or not hmac.compare_digest(token.encode(), verify_token.encode())
    ):
        return HttpResponse(status=403)
    if not _CHALLENGE_RE.fullmatch(challenge):
        return HttpResponse(status=400)
    return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
