"""Outside the demo and tests, Havre refuses to start on unsafe settings and
names the setting to fix. Each case runs the real `havre` command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from havre.config import ConfigError, env, envbool, envint, secret_problem

STRONG = "k2P9xQ7mW4tR8vB1nZ6yL3cF5hJ0dS-_aE"
STRONG_ROUTE = "r7T1uY4iO9pA2sD5fG8hJ3kL6zX0cV-_bN"


def havre(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVRE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"HAVRE_DATA_DIR": str(tmp_path), **settings})
    return subprocess.run(
        [sys.executable, "-m", "havre", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"HAVRE_ROUTE_KEY": STRONG_ROUTE}, "HAVRE_SECRET_KEY is missing"),
        ({"HAVRE_SECRET_KEY": STRONG}, "HAVRE_ROUTE_KEY is missing"),
        (
            {"HAVRE_SECRET_KEY": "short", "HAVRE_ROUTE_KEY": STRONG_ROUTE},
            "HAVRE_SECRET_KEY is shorter",
        ),
        (
            {"HAVRE_SECRET_KEY": "a" * 40, "HAVRE_ROUTE_KEY": STRONG_ROUTE},
            "HAVRE_SECRET_KEY repeats",
        ),
        ({"HAVRE_SECRET_KEY": STRONG, "HAVRE_ROUTE_KEY": STRONG}, "HAVRE_ROUTE_KEY must differ"),
        (
            {"HAVRE_SECRET_KEY": STRONG, "HAVRE_ROUTE_KEY": STRONG_ROUTE, "HAVRE_DEBUG": "true"},
            "HAVRE_DEBUG is on",
        ),
        (
            {
                "HAVRE_SECRET_KEY": STRONG,
                "HAVRE_ROUTE_KEY": STRONG_ROUTE,
                "HAVRE_PUBLIC_URL": "http://help.example.org",
            },
            "HAVRE_PUBLIC_URL uses plain HTTP",
        ),
    ],
)
def test_unsafe_settings_stop_the_start(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    result = havre(tmp_path, "serve", **settings)
    assert result.returncode == 2
    assert "Havre will not start" in result.stderr
    assert named in result.stderr


def test_plain_http_on_a_public_interface_is_refused(tmp_path: Path) -> None:
    result = havre(
        tmp_path,
        "serve",
        "--host",
        "0.0.0.0",  # noqa: S104 (the refusal is what is tested; nothing binds)
        HAVRE_SECRET_KEY=STRONG,
        HAVRE_ROUTE_KEY=STRONG_ROUTE,
    )
    assert result.returncode != 0
    assert "Refusing plain HTTP" in result.stderr


def test_secrets_can_come_from_files(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text(STRONG + "\n")
    route_file = tmp_path / "route"
    route_file.write_text(STRONG_ROUTE)
    result = havre(
        tmp_path,
        "check",
        HAVRE_SECRET_KEY_FILE=str(secret_file),
        HAVRE_ROUTE_KEY_FILE=str(route_file),
    )
    assert result.returncode == 0, result.stderr


def test_key_generation_needs_no_server_settings_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    out = tmp_path / "recovery.json"
    result = havre(
        tmp_path, "keys", "generate", "--out", str(out), HAVRE_DATA_DIR=str(tmp_path / "data")
    )
    assert result.returncode == 0, result.stderr
    assert out.exists()
    assert not (tmp_path / "data").exists()


def test_typed_helpers_fail_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HAVRE_X", "maybe")
    with pytest.raises(ConfigError, match="HAVRE_X must be true or false"):
        envbool("HAVRE_X")
    monkeypatch.setenv("HAVRE_X", "ten")
    with pytest.raises(ConfigError, match="HAVRE_X must be a whole number"):
        envint("HAVRE_X", 1)
    monkeypatch.setenv("HAVRE_X_FILE", str(tmp_path / "absent"))
    with pytest.raises(ConfigError, match="HAVRE_X_FILE: cannot read"):
        env("HAVRE_X")
    assert secret_problem("django-insecure-" + "x1y2z3" * 8) == "is a well-known placeholder"
    assert secret_problem(STRONG) is None
