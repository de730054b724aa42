"""Typed settings read from the environment, each also readable from NAME_FILE.

Helpers fail loudly: a malformed value stops the start with the setting's name,
rather than falling back to something that may be unsafe.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

MIN_SECRET_LENGTH = 32
WEAK_SECRETS = frozenset({"changeme", "secret", "password", "django-insecure", "---"})


@dataclass(frozen=True)
class Setting:
    """One setting Havre reads from the environment (or from NAME_FILE)."""

    name: str
    meaning: str
    # Needed by every deployment outside the demo and tests.
    required: bool = False
    # A credential: given as NAME_FILE from a secret store, never written in a file kept with the code.
    secret: bool = False
    # Read only by the test suite and the benchmarks.
    testing: bool = False


# Every setting Havre reads. `docs/deploy.md` documents each one and
# `docker-compose.yml` sets only these; tests/test_deploy.py holds all three in step.
SETTINGS = (
    Setting("HAVRE_MODE", "production (the default), demo or test"),
    Setting("HAVRE_SECRET_KEY", "server secret, 32+ random characters", required=True, secret=True),
    Setting("HAVRE_ROUTE_KEY", "key of the phone-number routing index", required=True, secret=True),
    Setting(
        "HAVRE_BLOCK_KEY",
        "key of the block index (derived from the route key when unset)",
        secret=True,
    ),
    Setting("HAVRE_PUBLIC_URL", "the https:// address providers sign and reach", required=True),
    Setting("HAVRE_ALLOWED_HOSTS", "host names, comma-separated (default: the public URL's)"),
    Setting("HAVRE_TRUSTED_PROXIES", "addresses or ranges of the reverse proxies believed"),
    Setting("HAVRE_DATA_DIR", "data folder: SQLite, task queue, logs (default ./data)"),
    Setting("DATABASE_URL", "PostgreSQL instead of SQLite (scale-out)", secret=True),
    Setting("HAVRE_DB_POOL_SIZE", "PostgreSQL connections per process, shared by its threads"),
    Setting("REDIS_URL", "Redis for events, task queue and cache (scale-out)", secret=True),
    Setting("HAVRE_WORKERS", "task worker threads per process (2)"),
    Setting("HAVRE_ROUTE_KEYRING", "file of the rotated route keys"),
    Setting("HAVRE_ROUTE_KEY_MAX_AGE_DAYS", "days before the sweep makes a new route key (90)"),
    Setting("HAVRE_IDLE_LOCK_MINUTES", "console auto-lock for new programs (15)"),
    Setting("HAVRE_MAX_BODY_BYTES", "largest webhook body accepted (65536)"),
    Setting("HAVRE_SEND_ATTEMPTS", "tries of a transient send failure before it is failed (4)"),
    Setting("HAVRE_SEND_RETRY_SECONDS", "first wait between send tries (5)"),
    Setting("HAVRE_LOG_FILE", "log file (default logs/havre.log in the data folder)"),
    Setting("HAVRE_DEBUG", "Django's debug pages; refused outside the demo and tests"),
    Setting("HAVRE_TWILIO_API_BASE", "Twilio's API address, when not its real one", testing=True),
    Setting("HAVRE_API_BASES", "other providers' API addresses, name=url,...", testing=True),
    Setting("HAVRE_TEST_SQLITE", "the test suite's SQLite file", testing=True),
    Setting("HAVRE_TEST_REAL_QUEUE", "tests: run tasks through a real queue", testing=True),
)


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


# Each process's PostgreSQL connections: at most HAVRE_DB_POOL_SIZE, shared by
# its request and worker threads. A thread that finds them all busy waits this
# long for one before its request fails (a provider then retries its webhook).
DB_POOL_DEFAULT = 10
DB_POOL_MAX = 100
DB_POOL_WAIT_SECONDS = 10


def database_settings(
    url: str, *, pool_size: int | None, application_name: str = "havre"
) -> dict[str, Any]:
    """Django's settings for the PostgreSQL at `url`, pooled unless `pool_size` is None.

    With a pool, Django's own persistent connections are off (`CONN_MAX_AGE`
    0): each thread takes a connection from the pool for a request or a task
    and gives it back at its end, so a process never holds more than the
    pool's size, however many threads it runs.
    """
    # The address is never repeated in a problem: it may carry the password.
    example = "write it like postgres://havre:PASSWORD@127.0.0.1:5432/havre, or unset it for SQLite"
    try:
        database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except (ValueError, dj_database_url.UnknownSchemeError):
        raise ConfigError(f"DATABASE_URL is not a PostgreSQL address: {example}") from None
    engine = str(database.get("ENGINE", ""))
    if not engine.endswith(("postgresql", "sqlite3")):
        raise ConfigError(f"DATABASE_URL must be a PostgreSQL address: {example}")
    if not database.get("NAME"):
        raise ConfigError(f"DATABASE_URL names no database: {example}")
    if pool_size is None:
        database["CONN_MAX_AGE"] = 60
    if not str(database.get("ENGINE", "")).endswith("postgresql"):
        return database
    options = dict(database.get("OPTIONS") or {})
    options.setdefault("application_name", application_name)
    if pool_size is not None:
        options["pool"] = {
            "min_size": 1,
            "max_size": pool_size,
            "timeout": DB_POOL_WAIT_SECONDS,
        }
    database["OPTIONS"] = options
    return database


def pool_size(name: str = "HAVRE_DB_POOL_SIZE") -> int:
    size = envint(name, DB_POOL_DEFAULT)
    if not 1 <= size <= DB_POOL_MAX:
        raise ConfigError(f"{name} must be between 1 and {DB_POOL_MAX} connections, not {size}")
    return size


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
