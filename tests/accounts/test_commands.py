"""`havre keys generate` and `havre init`, as an operator runs them."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from havre.accounts.models import Program, User
from havre.vault import formats
from havre.vault.models import Epoch
from tests.accounts.helpers import Member


def run(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


def test_keys_generate_writes_a_private_recovery_file(tmp_path: Path) -> None:
    path = tmp_path / "recovery.json"
    result = run("keys", "generate", "--out", str(path))
    assert result["path"] == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    program_id, private_key, public_key = formats.parse_recovery_document(path.read_text())
    assert program_id == result["program_id"]
    assert formats.b64e(public_key) == result["public_key"]
    assert formats.public_from_private(private_key) == public_key
    assert result["fingerprint"] == formats.fingerprint(public_key)


def test_keys_generate_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "recovery.json"
    path.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        run("keys", "generate", "--out", str(path))
    assert path.read_text() == "keep me"


def test_keys_generate_touches_no_database(tmp_path: Path) -> None:
    # No django_db mark: any query here would fail the test.
    run("keys", "generate", "--out", str(tmp_path / "offline.json"))


@pytest.mark.django_db
def test_init_makes_a_program_and_the_first_admins_link() -> None:
    result = run(
        "init", "--program", "Refuge du Lac", "--admin", "Chef@Lac.example", "--language", "fr"
    )
    program = Program.objects.get(pk=result["program_id"])
    assert (program.name, program.language) == ("Refuge du Lac", "fr")
    admin = User.objects.get(pk=result["admin_id"])
    assert (admin.email, admin.role, admin.language) == ("chef@lac.example", "admin", "fr")
    assert result["epoch"] is None
    assert result["signup_url"].startswith(settings.HAVRE_PUBLIC_URL + "/accounts/signup/")
    token = result["signup_url"].rstrip("/").rsplit("/", 1)[1]
    page = Client().get(f"/accounts/signup/{token}/")
    assert page.status_code == 200
    assert b'"needs_program_key": true' in page.content


@pytest.mark.django_db
def test_init_with_an_offline_key_makes_epoch_one(tmp_path: Path) -> None:
    key = run("keys", "generate", "--out", str(tmp_path / "k.json"))
    result = run(
        "init",
        "--program",
        "Refuge hors ligne",
        "--admin",
        "first@offline.example",
        # "=" because a base64url key may begin with "-".
        f"--program-public-key={key['public_key']}",
        f"--program-id={key['program_id']}",
    )
    assert result["program_id"] == key["program_id"]
    epoch = Epoch.objects.get(program_id=result["program_id"])
    assert (epoch.number, formats.b64e(bytes(epoch.public_key))) == (1, key["public_key"])


@pytest.mark.django_db
def test_init_refuses_bad_keys_and_taken_addresses(admin_b: Member) -> None:
    with pytest.raises(CommandError, match="program-public-key"):
        run("init", "--program", "X", "--admin", "x@x.example", "--program-public-key", "nope")
    # An address that belongs to another program's member is not taken over.
    with pytest.raises(CommandError, match="already has an account"):
        run("init", "--program", "Y", "--admin", admin_b.user.email)
    assert not Program.objects.filter(name__in=["X", "Y"]).exists()


def test_keys_generate_runs_with_no_server_settings(tmp_path: Path) -> None:
    """On an offline computer: no secret key, no database, production mode."""
    root = Path(__file__).resolve().parents[2]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "havre", "keys", "generate", "--json", "--out", "key.json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert Path(result["path"]) == tmp_path / "key.json"
    assert formats.parse_recovery_document((tmp_path / "key.json").read_text())[2] == formats.b64d(
        result["public_key"]
    )
