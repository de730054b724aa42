"""Typed settings read from the environment, each also readable from NAME_FILE.

Helpers fail loudly: a malformed value stops the start with the setting's name,
rather than falling back to something that may be unsafe.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

MIN_SECRET_LENGTH = 32
WEAK_SECRETS = frozenset({"changeme", "secret", "password", "django-insecure", "---"})


class ConfigError(Exception):
    """A setting is missing, malformed or unsafe; the message names it."""


def env(name: str, default: str | None = None) -> str | None:
    """The value of NAME, or the content of the file named by NAME_FILE."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_path}: {exc.strerror}") from exc
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def envbool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None


def networks(name: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Comma-separated addresses or CIDR ranges, as networks; none when unset."""
    value = env(name)
    if value is None:
        return ()
    found = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(
                f"{name} must list IP addresses or ranges (such as 10.0.0.5 or 10.0.0.0/24), "
                f"not {part!r}"
            ) from None
    return tuple(found)


def secret_problem(value: str | None) -> str | None:
    """Why a secret is unusable, or None when it is strong enough."""
    if not value:
        return "is missing"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    if value.lower() in WEAK_SECRETS or value.startswith("django-insecure"):
        return "is a well-known placeholder"
    if len(set(value)) < 10:
        return "repeats too few distinct characters"
    return None


def is_loopback_host(host: str) -> bool:
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_data_dir() -> None:
    """Make the data folder, private to the server's user, when a command needs it.

    Not done when settings are read, so that `havre keys generate` on an
    offline computer leaves nothing behind.
    """
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings.LOG_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
