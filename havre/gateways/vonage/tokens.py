"""The two JSON Web Tokens Vonage's Messages API uses, and only those.

- Vonage signs each webhook with an HS256 token under the account's signature
  secret, sent as `Authorization: Bearer <jwt>`; its `payload_hash` claim is
  the hex SHA-256 of the body, which binds the token to that body.
- Havre authenticates each send with an RS256 token signed by the
  application's private key: `application_id`, `iat`, `exp`, `jti`.

Only these two algorithms are accepted, each where it belongs: a token whose
header names another (or "none") is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
import uuid
from typing import Any, Final

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SEND_TOKEN_SECONDS: Final = 15 * 60
# Vonage tries a callback again when it fails, for a while; its token says
# when it was first made. The body hash stops a token from carrying another
# body, and message ids make an old callback harmless, so this bounds replays
# without refusing a late retry.
MAX_WEBHOOK_AGE: Final = 24 * 3600
CLOCK_SKEW: Final = 300


class InvalidTokenError(ValueError):
    """A webhook token that is not Vonage's for this body (the reason is not said)."""


class InvalidKeyError(ValueError):
    """Not an RSA private key in PEM form."""


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64d(text: str) -> bytes:
    if not text or any(c not in _B64URL for c in text):
        raise InvalidTokenError
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InvalidTokenError from None


_B64URL: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _json(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidTokenError from None
    if not isinstance(value, dict):
        raise InvalidTokenError
    return value


def verify_webhook(
    authorization: str | None, body: bytes, signature_secret: str, *, now: float | None = None
) -> dict[str, Any]:
    """The claims of a webhook's token, once its signature, body hash and age are checked."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not signature_secret or len(token) > 8192:
        raise InvalidTokenError
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise InvalidTokenError
    header_b64, claims_b64, signature_b64 = parts
    header = _json(_b64d(header_b64))
    if header.get("alg") != "HS256":
        raise InvalidTokenError
    expected = hmac.new(
        signature_secret.encode(), f"{header_b64}.{claims_b64}".encode(), hashlib.sha256
    ).digest()
    if not hmac.compare_digest(expected, _b64d(signature_b64)):
        raise InvalidTokenError
    claims = _json(_b64d(claims_b64))
    payload_hash = claims.get("payload_hash")
    if not isinstance(payload_hash, str) or not _hashes_body(payload_hash.lower(), body):
        raise InvalidTokenError
    issued = claims.get("iat")
    if not isinstance(issued, int | float) or isinstance(issued, bool):
        raise InvalidTokenError
    now = time.time() if now is None else now
    if issued > now + CLOCK_SKEW or issued < now - MAX_WEBHOOK_AGE:
        raise InvalidTokenError
    expires = claims.get("exp")
    if expires is not None and (not isinstance(expires, int | float) or expires < now - CLOCK_SKEW):
        raise InvalidTokenError
    return claims


def _hashes_body(payload_hash: str, body: bytes) -> bool:
    """Whether the claim is the SHA-256 of this body.

    Vonage hashes the JSON it sends. Its body is that JSON byte for byte; in
    case a proxy or Vonage itself ever writes it out differently (spacing,
    escapes), the compact serialisation of the same document is accepted too:
    both bind the token to the same content.
    """
    if hmac.compare_digest(payload_hash.encode(), hashlib.sha256(body).hexdigest().encode()):
        return True
    try:
        document = json.loads(body.decode("utf-8"))
        compact = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    except (UnicodeError, ValueError, RecursionError):
        return False
    return hmac.compare_digest(payload_hash.encode(), hashlib.sha256(compact).hexdigest().encode())


def load_private_key(pem: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise InvalidKeyError from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise InvalidKeyError
    return key


def send_token(
    application_id: str, private_key: rsa.RSAPrivateKey, *, now: float | None = None
) -> str:
    """A token for the Messages API, valid for 15 minutes."""
    issued = int(time.time() if now is None else now)
    header = _b64e(json.dumps({"alg": "RS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {
        "application_id": application_id,
        "iat": issued,
        "exp": issued + SEND_TOKEN_SECONDS,
        "jti": str(uuid.uuid4()),
    }
    body = _b64e(json.dumps(claims, separators=(",", ":")).encode())
    signed = f"{header}.{body}".encode()
    signature = private_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{body}.{_b64e(signature)}"
