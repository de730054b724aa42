"""Django settings, all read from the environment (see havre.config).

Three modes: "production" (the default: refuses unsafe settings), "demo"
(`havre demo`: generated secrets, labelled everywhere) and "test".
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.csp import CSP

from havre.config import (
    DB_POOL_DEFAULT,
    ConfigError,
    database_settings,
    env,
    envbool,
    envint,
    is_loopback_host,
    networks,
    pool_size,
    secret_problem,
)

BASE_DIR = Path(__file__).resolve().parent

# Problems that stop `havre serve` and friends: unsafe values outside the demo
# and tests, malformed values in every mode. Collected rather than raised here,
# so that the command line reports them in one clean message (and `havre keys
# generate` still runs on an offline computer that has no server settings).
HAVRE_CONFIG_PROBLEMS: list[str] = []


def _read[T, F](read: Callable[[], T], fallback: F) -> T | F:
    """A setting's value, or `fallback` with its problem noted when it is malformed."""
    try:
        return read()
    except ConfigError as exc:
        HAVRE_CONFIG_PROBLEMS.append(str(exc))
        return fallback


HAVRE_MODE = _read(lambda: env("HAVRE_MODE", "production"), "production") or "production"
if HAVRE_MODE not in {"production", "demo", "test"}:
    HAVRE_CONFIG_PROBLEMS.append(f"HAVRE_MODE must be production, demo or test, not {HAVRE_MODE!r}")
    # Whatever was meant, the strict checks apply.
    HAVRE_MODE = "production"
HAVRE_DEMO = HAVRE_MODE == "demo"
HAVRE_TESTING = HAVRE_MODE == "test"

DATA_DIR = Path(_read(lambda: env("HAVRE_DATA_DIR", "data"), "data") or "data").resolve()


def _secret(name: str) -> str:
    value = _read(lambda: env(name), None)
    if HAVRE_MODE == "production":
        problem = secret_problem(value)
        if problem:
            HAVRE_CONFIG_PROBLEMS.append(
                f"{name} {problem}: set it (or {name}_FILE) to at least 32 random characters, "
                f'for example the output of: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
            )
            return secrets.token_urlsafe(48)
        return str(value)
    if value:
        return value
    return _generated_secret(name)


def _generated_secret(name: str) -> str:
    """Demo and tests: a secret kept in the data directory, made on first use."""
    if HAVRE_TESTING:
        return f"test-only-{name.lower()}-0123456789abcdefghijklmnopqrstuvwxyz"
    path = DATA_DIR / "secrets" / name.lower()
    if not path.exists():
        # Each folder on the way is private, not only the last one.
        for folder in (DATA_DIR, path.parent):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Created 0600, never readable by others for an instant.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret("HAVRE_SECRET_KEY")
HAVRE_ROUTE_KEY = _secret("HAVRE_ROUTE_KEY")
if HAVRE_ROUTE_KEY == SECRET_KEY and HAVRE_MODE == "production":
    HAVRE_CONFIG_PROBLEMS.append("HAVRE_ROUTE_KEY must differ from HAVRE_SECRET_KEY")
# The block index's key. Optional: derived from the route key when unset, so
# that a program that rotates one on purpose can keep the other. When set, it
# is held to the same rules as the other secrets.
HAVRE_BLOCK_KEY = _read(lambda: env("HAVRE_BLOCK_KEY"), None)
if HAVRE_BLOCK_KEY is not None and HAVRE_MODE == "production":
    _block_problem = secret_problem(HAVRE_BLOCK_KEY)
    if _block_problem:
        HAVRE_CONFIG_PROBLEMS.append(
            f"HAVRE_BLOCK_KEY {_block_problem}: set it (or HAVRE_BLOCK_KEY_FILE) to at least "
            "32 random characters, or leave it unset to derive it from HAVRE_ROUTE_KEY"
        )
    elif HAVRE_BLOCK_KEY in {SECRET_KEY, HAVRE_ROUTE_KEY}:
        HAVRE_CONFIG_PROBLEMS.append(
            "HAVRE_BLOCK_KEY must differ from HAVRE_SECRET_KEY and HAVRE_ROUTE_KEY"
        )

# Route keys made by rotation (havre.vault.routekeys), kept outside the
# database and its backups; generation 0 is HAVRE_ROUTE_KEY itself.
HAVRE_ROUTE_KEYRING = Path(
    _read(lambda: env("HAVRE_ROUTE_KEYRING"), None) or DATA_DIR / "route-keyring.json"
)
# The sweep rotates the route key once it is this old; 0 never does.
HAVRE_ROUTE_KEY_MAX_AGE_DAYS = _read(lambda: envint("HAVRE_ROUTE_KEY_MAX_AGE_DAYS", 90), 90)

DEBUG = _read(lambda: envbool("HAVRE_DEBUG", False), False)
if DEBUG and HAVRE_MODE == "production":
    HAVRE_CONFIG_PROBLEMS.append("HAVRE_DEBUG is on: debug pages show internals; switch it off")

HAVRE_PUBLIC_URL = (
    _read(lambda: env("HAVRE_PUBLIC_URL", "http://127.0.0.1:8000"), "http://127.0.0.1:8000") or ""
).rstrip("/")
_public_host = HAVRE_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
if (
    HAVRE_MODE == "production"
    and not HAVRE_PUBLIC_URL.startswith("https://")
    and not is_loopback_host(_public_host)
):
    HAVRE_CONFIG_PROBLEMS.append(
        "HAVRE_PUBLIC_URL uses plain HTTP on a public address: serve Havre behind HTTPS "
        "and set HAVRE_PUBLIC_URL to its https:// URL"
    )

ALLOWED_HOSTS = [
    h.strip() for h in (_read(lambda: env("HAVRE_ALLOWED_HOSTS"), "") or "").split(",") if h.strip()
] or [_public_host, "127.0.0.1", "localhost"]
if HAVRE_TESTING:
    ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = [HAVRE_PUBLIC_URL]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    # The order sets which app's translation wins where two share a string;
    # how the apps depend on each other is in pyproject.toml's layers.
    "havre.accounts",
    "havre.vault",
    "havre.gateways",
    "havre.conversations",
    "havre.console",
    "havre.audit",
    "havre.protocols",
    "havre.triage",
    "havre.safety",
    "havre.reports",
    "havre.retention",
    "havre.chat",
    "havre.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "havre.accounts.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "havre.accounts.sessions.IdleExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "havre.urls"
ASGI_APPLICATION = "havre.asgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "havre.accounts.context_processors.havre",
            ],
        },
    },
]

DATABASE_URL = _read(lambda: env("DATABASE_URL"), None)
# PostgreSQL connections per process, shared by its threads (havre.config says
# how). Tests keep Django's own connection per thread unless it is set, since
# their live servers and transactions assume one.
HAVRE_DB_POOL_SIZE: int | None = _read(pool_size, DB_POOL_DEFAULT)
if HAVRE_TESTING and env("HAVRE_DB_POOL_SIZE") is None:
    HAVRE_DB_POOL_SIZE = None
DATABASES: dict[str, Any] = {}
if DATABASE_URL:
    _url = DATABASE_URL
    DATABASES["default"] = _read(
        lambda: database_settings(_url, pool_size=HAVRE_DB_POOL_SIZE), None
    )
if not DATABASES.get("default"):
    DATABASES = {
        "default": {
            # Django's SQLite, its writers let in first come, first served.
            "ENGINE": "havre.sqlite",
            "NAME": DATA_DIR / "havre.sqlite3",
            "OPTIONS": {
                # WAL lets the console read while a webhook writes; secure_delete
                # overwrites deleted rows so erased ciphertext does not linger in
                # free pages; IMMEDIATE takes the write lock up front, avoiding
                # deadlocks between concurrent webhook transactions.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                    "PRAGMA secure_delete=ON; PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
if HAVRE_TESTING and not DATABASE_URL:
    DATABASES["default"]["TEST"] = {"NAME": env("HAVRE_TEST_SQLITE") or None}

REDIS_URL = _read(lambda: env("REDIS_URL"), None)
HAVRE_SCALE_OUT = bool(REDIS_URL)

if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "havre:channels"},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "havre",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Django's tasks API, carried by huey: SQLite in the data directory with worker
# threads inside the server process (embedded), or Redis with `havre worker`
# processes (scale-out). Tests run tasks at once, in the caller's thread.
TASKS = {"default": {"BACKEND": "havre.tasks_backend.HueyBackend"}}
HAVRE_SWEEPS = [
    "havre.conversations.actions.sweep_stalled_sends",
    "havre.conversations.actions.sweep_held_texts",
    "havre.safety.actions.sweep_checkins",
    "havre.retention.sweep.sweep",
    "havre.gateways.deletion.sweep",
]
# Readers of providers' event streams, run beside the task workers (by `havre
# worker`, or by `havre serve` in embedded mode).
HAVRE_SERVICES = ["havre.gateways.signal.service.SignalService"]
HAVRE_HUEY: dict[str, Any] = {
    "immediate": HAVRE_TESTING and not _read(lambda: envbool("HAVRE_TEST_REAL_QUEUE"), False),
    "redis_url": REDIS_URL,
    "sqlite_path": DATA_DIR / "tasks.sqlite3",
    "workers": _read(lambda: envint("HAVRE_WORKERS", 2), 2),
}

# Database sessions whose rows name their member (so hers can all be ended).
SESSION_ENGINE = "havre.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HAVRE_PUBLIC_URL.startswith("https://")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"
# The console runs only the code Havre serves: no inline script, no third
# party. 'wasm-unsafe-eval' lets the browser compile Argon2id's WebAssembly.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.WASM_UNSAFE_EVAL],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if HAVRE_PUBLIC_URL.startswith("https://"):
    SECURE_HSTS_SECONDS = 31536000
# Django's deployment checks that say the opposite of Havre's own, so that
# `havre check --deploy` lists only what the operator may have to change:
# W008, the HTTPS proxy in front redirects plain HTTP (and `havre serve`
# refuses plain HTTP beyond this computer); W009, Havre checks its secret
# itself (at least 32 random characters, as its problems say).
SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W009"]
# Forwarded headers are believed only from these addresses (none by default):
# havre.proxies applies them to the request's client address and scheme at the
# ASGI level and drops them otherwise, so Django itself never reads them.
HAVRE_TRUSTED_PROXIES = _read(lambda: networks("HAVRE_TRUSTED_PROXIES"), ())

# The login secret is already a 256-bit Argon2id output of the browser: the
# server's hash needs to be one-way, not slow (havre.accounts.hashers says why).
# Hashes made by the earlier Argon2 hasher still verify, and are replaced by
# the new kind at the member's next sign-in.
PASSWORD_HASHERS = [
    "havre.accounts.hashers.LoginSecretHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The built browser bundle and stylesheet, committed inside the package.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = HAVRE_DEMO or HAVRE_TESTING

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Webhook bodies above this size are refused with 413 before parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = _read(lambda: envint("HAVRE_MAX_BODY_BYTES", 64 * 1024), 64 * 1024)
# The bound on a request body per path prefix, enforced before a byte is read
# past it (havre.bodylimit); "" is every other path. None exceeds Django's own.
HAVRE_BODY_LIMITS = {
    "/hooks/": DATA_UPLOAD_MAX_MEMORY_SIZE,
    "/console/api/": min(DATA_UPLOAD_MAX_MEMORY_SIZE, 64 * 1024),
    "/accounts/api/": 16 * 1024,
    # A visitor's sealed text and her own sealed copy of it.
    "/chat/": 48 * 1024,
    "": 16 * 1024,
}
HAVRE_MAX_MESSAGE_CHARS = 4096
# Threads that serve providers' webhooks in each app process (havre.hooks):
# the most webhooks that hold a database connection at once.
HAVRE_WEBHOOK_THREADS = 8

# The console's lock and the server's idle expiry of a session, for programs
# made from now on; each program's admins change their own.
HAVRE_IDLE_LOCK_MINUTES = _read(lambda: envint("HAVRE_IDLE_LOCK_MINUTES", 15), 15)
if not 1 <= HAVRE_IDLE_LOCK_MINUTES <= 24 * 60:
    HAVRE_CONFIG_PROBLEMS.append("HAVRE_IDLE_LOCK_MINUTES must be between 1 and 1440 minutes")
    HAVRE_IDLE_LOCK_MINUTES = 15
HAVRE_REQUIRE_SECOND_FACTOR = not HAVRE_DEMO
HAVRE_TWILIO_API_BASE = _read(
    lambda: env("HAVRE_TWILIO_API_BASE", "https://api.twilio.com"), "https://api.twilio.com"
)
# Other providers' API addresses by name ("graph", "vonage"), when not their
# real ones, as "name=url,name=url": tests point them at fakes on 127.0.0.1.
# In test mode they default to a closed local port, so that no test reaches a
# real provider by mistake.
HAVRE_API_BASES: dict[str, str] = {
    **({"graph": "http://127.0.0.1:9", "vonage": "http://127.0.0.1:9"} if HAVRE_TESTING else {}),
    **dict(
        item.split("=", 1)
        for item in (_read(lambda: env("HAVRE_API_BASES"), "") or "").split(",")
        if "=" in item
    ),
}
HAVRE_SEND_ATTEMPTS = _read(lambda: envint("HAVRE_SEND_ATTEMPTS", 4), 4)
HAVRE_SEND_RETRY_SECONDS = _read(lambda: envint("HAVRE_SEND_RETRY_SECONDS", 5), 5)

LOG_DIR = DATA_DIR / "logs"
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "huey": {"level": "WARNING"},
    },
}
HAVRE_LOG_FILE = _read(lambda: env("HAVRE_LOG_FILE"), None)
if not HAVRE_TESTING or HAVRE_LOG_FILE:
    LOGGING["handlers"]["file"] = {
        "class": "logging.FileHandler",
        "filename": HAVRE_LOG_FILE or str(LOG_DIR / "havre.log"),
        "formatter": "plain",
        "delay": True,
    }
    LOGGING["root"]["handlers"].append("file")
