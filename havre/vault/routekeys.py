"""The route keys: the current one, and the previous one while routes made with it remain.

A route is `HMAC-SHA256(route key, program id ‖ address)`. The server cannot
recompute the routes of open conversations under a new key, since it never
holds the numbers: so new routes use the current key, lookups try the
current key then the previous one, and the previous key is forgotten once no
route made with it remains (see `havre.retention.sweep`).

Generation 0 is `HAVRE_ROUTE_KEY` itself. Rotated keys live in a keyring
file outside the database and its backups (`HAVRE_ROUTE_KEYRING`, readable by
the server's user only), written whole and renamed into place, and read again
whenever it changes, so every process sharing it sees a rotation at once.
`HAVRE_ROUTE_KEY` is never written to it.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from havre.vault.formats import b64d, b64e


class KeyringError(Exception):
    """The keyring cannot be read, written or rotated; the message says why, in one sentence."""


@dataclass(frozen=True)
class RouteKey:
    generation: int
    secret: bytes = b""
    created_at: datetime | None = None


@dataclass(frozen=True)
class Keyring:
    current: RouteKey
    previous: RouteKey | None

    def candidates(self) -> list[RouteKey]:
        """The keys a lookup tries, current first."""
        return [self.current] if self.previous is None else [self.current, self.previous]


_lock = threading.Lock()
_cache: dict[str, tuple[int, Keyring]] = {}


def _path() -> Path:
    return Path(settings.HAVRE_ROUTE_KEYRING)


def _env_key() -> RouteKey:
    return RouteKey(0, str(settings.HAVRE_ROUTE_KEY).encode())


def keyring() -> Keyring:
    """The keys in use now: the file's, or HAVRE_ROUTE_KEY alone before any rotation."""
    path = _path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return Keyring(_env_key(), None)
    except OSError as exc:
        raise KeyringError(f"cannot read the route keyring {path}: {exc.strerror}") from None
    with _lock:
        cached = _cache.get(str(path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        ring = _read(path)
        _cache[str(path)] = (stamp, ring)
        return ring


def _read(path: Path) -> Keyring:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        current = _key(data["current"])
        previous = None if data.get("previous") is None else _key(data["previous"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyringError(
            f"the route keyring {path} cannot be read ({type(exc).__name__})"
        ) from None
    return Keyring(current, previous)


def _key(entry: dict[str, object]) -> RouteKey:
    generation = int(str(entry["generation"]))
    created = entry.get("created_at")
    created_at = datetime.fromisoformat(str(created)) if created else None
    if generation == 0:
        return RouteKey(0, _env_key().secret, created_at)
    secret = b64d(str(entry["key"]))
    if len(secret) != 32:
        raise ValueError("a route key is 32 bytes")
    return RouteKey(generation, secret, created_at)


def _entry(key: RouteKey) -> dict[str, object]:
    entry: dict[str, object] = {
        "generation": key.generation,
        "created_at": key.created_at.isoformat() if key.created_at else None,
    }
    if key.generation != 0:
        entry["key"] = b64e(key.secret)
    return entry


def _write(ring: Keyring) -> None:
    path = _path()
    document = {
        "about": "Havre's route keys. Keep this file outside the database's backups.",
        "current": _entry(ring.current),
        "previous": None if ring.previous is None else _entry(ring.previous),
    }
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(document, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise KeyringError(f"cannot write the route keyring {path}: {exc.strerror}") from None


def rotate(*, previous_in_use: bool) -> RouteKey:
    """Make a new current key; the current one becomes the previous one.

    Refused while routes made with the previous key remain (`previous_in_use`):
    a third key would leave those conversations unreachable.
    """
    ring = keyring()
    if ring.previous is not None and previous_in_use:
        raise KeyringError(
            "routes made with the previous route key remain (open conversations or ongoing "
            "relationships from before the last rotation); rotate again once they have closed"
        )
    new = RouteKey(ring.current.generation + 1, secrets.token_bytes(32), datetime.now(UTC))
    _write(Keyring(new, ring.current))
    return new


def forget_previous() -> bool:
    """Drop the previous key, once no route made with it remains. True when one was dropped."""
    ring = keyring()
    if ring.previous is None:
        return False
    _write(Keyring(ring.current, None))
    return True
