"""How the server keeps a member's login secret, and how many it checks at once.

The browser sends a login secret that is already the output of Argon2id
(64 MiB by default) over the passphrase, stretched with HKDF to 256 bits.
Hashing it again slowly would protect nothing more: guessing a 256-bit value
is hopeless, and whoever tries passphrases against a stolen database pays the
browser's Argon2id per guess anyway (the wrapped private key gives them the
same test). What the server's hash must do is keep a copy of the database
from being replayed as a login secret, which a salted SHA-256 does. It costs
microseconds, so sign-in cannot be turned into a memory or CPU lever; see
docs/security.md.

Hashing is still bounded (`slot`): a few checks at once per process, and a
request that cannot get a slot soon is told to try again, instead of piling
up behind the others.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare

CONCURRENT_CHECKS = 4
WAIT_SECONDS = 3.0
_slots = threading.BoundedSemaphore(CONCURRENT_CHECKS)


class BusyError(Exception):
    """Every hashing slot stayed taken: answer "try again" rather than queue."""


@contextmanager
def slot(wait: float | None = None) -> Iterator[None]:
    if not _slots.acquire(timeout=WAIT_SECONDS if wait is None else wait):
        raise BusyError
    try:
        yield
    finally:
        _slots.release()


class LoginSecretHasher(BasePasswordHasher):
    """Salted SHA-256 of a 256-bit login secret (never of a passphrase)."""

    algorithm = "havre_sha256"

    def encode(self, password: str, salt: str) -> str:
        if password is None or not salt or "$" in salt:
            raise ValueError("a login secret and a salt without '$' are needed")
        digest = hashlib.sha256(f"{salt}\x00{password}".encode()).hexdigest()
        return f"{self.algorithm}${salt}${digest}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, salt, digest = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError("not a login secret hash")
        return {"algorithm": algorithm, "hash": digest, "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(encoded, self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded: str) -> dict[Any, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "salt": mask_hash(decoded["salt"], show=2),
            "hash": mask_hash(decoded["hash"]),
        }

    def harden_runtime(self, password: str, encoded: str) -> None:
        # Every hash costs the same; there is no work factor to even out.
        return None
