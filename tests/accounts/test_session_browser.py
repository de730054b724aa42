"""session.ts and team.ts in Chromium, against the live server.

The console page imports these modules; here they are bundled on the fly and
loaded into a page of the server's origin (under its real CSP), then driven
as the console would: sign in, unlock after a reload, give the program key
from the team panel after comparing fingerprints.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.utils import timezone
from django.utils.translation import override

from havre.accounts.actions import create_staff_with_keys, enrol_totp
from havre.accounts.models import Role, User
from havre.accounts.strings import console_strings
from havre.vault import formats
from havre.vault.models import Grant
from tests.accounts.conftest import require
from tests.conftest import ProgramKeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
ADMIN_PASSPHRASE = "keystone harbour admin lantern"
MEMBER_PASSPHRASE = "member quiet morning tide"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> str:
    esbuild = FRONTEND / "node_modules" / ".bin" / "esbuild"
    require(
        esbuild.exists() and shutil.which("node") is not None, "frontend/node_modules is missing"
    )
    out = tmp_path_factory.mktemp("bundle")
    entry = out / "entry.ts"
    entry.write_text(
        f'export * from "{FRONTEND}/src/session.ts";\n'
        f'export {{ mountTeamPanel }} from "{FRONTEND}/src/team.ts";\n'
    )
    subprocess.run(
        [
            str(esbuild),
            str(entry),
            "--bundle",
            "--format=iife",
            "--global-name=HavreTest",
            "--platform=browser",
            "--target=es2020",
            f"--outfile={out / 'bundle.js'}",
            "--log-level=warning",
        ],
        check=True,
        cwd=FRONTEND,
    )
    # Init scripts run in their own scope: publish the bundle's exports.
    return (out / "bundle.js").read_text() + "\nwindow.HavreTest = HavreTest;\n"


@pytest.fixture
def page(chromium_page: Any, bundle: str, live_server: Any) -> Iterator[Any]:
    chromium_page.add_init_script(script=bundle)
    errors: list[str] = []
    chromium_page.on("pageerror", lambda e: errors.append(str(e)))
    # Any HTML page of the server's origin will do: its cookies and CSP are what matter.
    chromium_page.goto(f"{live_server.url}/accounts/signup/none/")
    yield chromium_page
    assert errors == []


def code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(timezone.now() + timezone.timedelta(seconds=30 * steps_ahead))


SIGN_IN = """
async ([email, passphrase, codes]) => {
  const s = window.HavreTest;
  const asked = [];
  const keyring = await s.signIn(email, passphrase, async (previous) => {
    asked.push(previous ?? null);
    return codes.shift();
  });
  window.keyring = keyring;
  const key = keyring.programKey(keyring.currentEpoch.number);
  return {
    asked,
    me: keyring.me.id,
    epoch: keyring.currentEpoch.number,
    key: key && Array.from(key),
    fingerprint: await s.ownFingerprint(keyring),
  };
}
"""

UNLOCK = """
async ([wrong, right]) => {
  const s = window.HavreTest;
  let refused = null;
  try { await s.unlock(wrong); } catch (error) { refused = error.code; }
  const keyring = await s.unlock(right);
  const key = Array.from(keyring.programKey(1));
  const held = keyring.programKey(1);
  keyring.wipe();
  return { refused, key, wiped: held.every((b) => b === 0), after: keyring.programKey(1) ?? null };
}
"""


def test_sign_in_then_unlock_after_a_reload(page: Any, keys_a: ProgramKeys) -> None:
    admin = create_staff_with_keys(
        keys_a.program,
        "ada@keys.example",
        ADMIN_PASSPHRASE,
        Role.ADMIN,
        grant_from=keys_a.private_key,
    )
    secret = enrol_totp(admin)
    wrong = "000000" if code(secret) != "000000" else "111111"
    result = page.evaluate(SIGN_IN, [admin.email, ADMIN_PASSPHRASE, [wrong, code(secret)]])
    assert result["asked"] == [None, "invalid_code"]
    assert result["me"] == str(admin.pk)
    assert bytes(result["key"]) == keys_a.private_key
    assert result["fingerprint"] == formats.fingerprint(bytes(admin.public_key))

    page.reload()
    unlocked = page.evaluate(UNLOCK, ["not my passphrase at all", ADMIN_PASSPHRASE])
    assert unlocked["refused"] == "wrong_passphrase"
    assert bytes(unlocked["key"]) == keys_a.private_key
    assert unlocked["wiped"] is True
    assert unlocked["after"] is None
    assert page.evaluate("() => HavreTest.isSignedIn()") is True
    page.evaluate("() => HavreTest.signOut()")
    assert page.evaluate("() => HavreTest.isSignedIn()") is False


def test_team_panel_gives_the_key_after_comparing_fingerprints(
    page: Any, keys_a: ProgramKeys, keys_b: ProgramKeys
) -> None:
    admin = create_staff_with_keys(
        keys_a.program,
        "ada@keys.example",
        ADMIN_PASSPHRASE,
        Role.ADMIN,
        grant_from=keys_a.private_key,
    )
    admin_secret = enrol_totp(admin)
    member = create_staff_with_keys(keys_a.program, "alex@keys.example", MEMBER_PASSPHRASE)
    enrol_totp(member)
    # Program B's admin must not show up in A's team, nor be offered A's key.
    outsider = create_staff_with_keys(
        keys_b.program,
        "charlie@keys.example",
        ADMIN_PASSPHRASE,
        Role.ADMIN,
        grant_from=keys_b.private_key,
    )
    with override("en"):
        catalogue = console_strings()
    page.evaluate(SIGN_IN, [admin.email, ADMIN_PASSPHRASE, [code(admin_secret)]])
    page.evaluate(
        """(strings) => {
          const box = document.createElement("div");
          box.id = "team";
          document.body.append(box);
          HavreTest.mountTeamPanel(box, window.keyring, (key) => strings[key] ?? `?${key}`);
        }""",
        catalogue,
    )
    row = f'tr[data-member="{member.pk}"]'
    page.click(f"{row} button.team-grant", timeout=30_000)
    shown = page.text_content(f"{row} .fingerprint")
    assert shown == formats.fingerprint(bytes(member.public_key))
    page.click(f"{row} button.team-grant-confirm")
    page.wait_for_selector(f"{row} >> text=Holds the program key", timeout=30_000)
    text = page.text_content("#team")
    assert "?team." not in text
    assert outsider.email not in text

    grant = Grant.objects.get(user=member)
    master = formats.derive_master(
        MEMBER_PASSPHRASE, bytes(member.kdf_salt), formats.KdfParams.from_dict(member.kdf_params)
    )
    personal = formats.unwrap_private_key(
        formats.split_master(master)[1],
        bytes(member.wrapped_private_key),
        formats.wrap_aad(member.pk),
    )
    opened = formats.open_sealed(
        personal, bytes(grant.sealed_key), formats.grant_info(keys_a.program.pk, 1, member.pk)
    )
    assert opened == keys_a.private_key
    assert grant.granted_by_id == admin.pk
    assert not Grant.objects.filter(user=outsider, epoch__program=keys_a.program).exists()
    assert User.objects.get(pk=outsider.pk).program_id == keys_b.program.pk
    assert json.dumps(catalogue)  # the console embeds it with json_script
