"""A software WebAuthn authenticator for the server-side tests of passkeys.

It answers `navigator.credentials.create` and `.get` the way a security key
does, on the wire: a client data JSON, authenticator data with the relying
party's hash, flags and counter, an attestation object in CBOR ("none"
attestation) holding an ES256 COSE key, and DER-encoded ECDSA signatures.
The browser tests use Chromium's own virtual authenticator instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from havre.vault.formats import b64d, b64e

USER_PRESENT = 0x01
USER_VERIFIED = 0x04
ATTESTED_DATA = 0x40


@dataclass
class SoftAuthenticator:
    origin: str
    rp_id: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    counter: int = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        """The `PublicKeyCredential` a browser posts after `navigator.credentials.create`."""
        assert options["rp"]["id"] == self.rp_id
        client_data = self._client_data("webauthn.create", options["challenge"])
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([USER_PRESENT | USER_VERIFIED | ATTESTED_DATA])
            + struct.pack(">I", self.counter)
            + bytes(16)
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self._cose_key()
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64e(self.credential_id),
            "rawId": b64e(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64e(client_data),
                "attestationObject": b64e(attestation),
                "transports": ["usb"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options: dict[str, Any], *, origin: str | None = None) -> dict[str, Any]:
        """The `PublicKeyCredential` a browser posts after `navigator.credentials.get`."""
        allowed = [b64d(c["id"]) for c in options.get("allowCredentials", [])]
        assert self.credential_id in allowed
        self.counter += 1
        client_data = json.dumps(
            {
                "type": "webauthn.get",
                "challenge": options["challenge"],
                "origin": origin or self.origin,
                "crossOrigin": False,
            }
        ).encode()
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([USER_PRESENT | USER_VERIFIED])
            + struct.pack(">I", self.counter)
        )
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64e(self.credential_id),
            "rawId": b64e(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64e(client_data),
                "authenticatorData": b64e(auth_data),
                "signature": b64e(signature),
                "userHandle": None,
            },
            "clientExtensionResults": {},
        }
