"""The key ceremony in Chromium: a first admin signs up and makes the program key.

Then, from Python and through the JSON API only, the admin signs in with keys
derived from the same passphrase, and the grant the browser sealed opens to
the key in the recovery file the browser offered for download.

Drives Debian's Chromium, never a downloaded browser, against pytest-django's
live server on 127.0.0.1 (http there is a secure context, so WebCrypto works).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest
from django.utils import timezone

from havre.accounts.actions import create_program, invite
from havre.accounts.models import Role
from havre.vault import formats
from tests.accounts.helpers import Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "quiet harbour lantern morning"
OPTIONAL_FILES = ("/static/havre/havre.css", "/favicon.ico")


class Api:
    """A second, scripted client of the JSON API, as a console page would be."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.http.get("/accounts/api/me")  # sets the CSRF cookie

    def close(self) -> None:
        self.http.close()

    def get(self, path: str) -> httpx.Response:
        return self.http.get(f"/accounts/api/{path}")

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        token = self.http.cookies.get("csrftoken") or ""
        return self.http.post(f"/accounts/api/{path}", json=body, headers={"X-CSRFToken": token})

    def sign_in(self, email: str, passphrase: str, totp_secret: str) -> bytes:
        """Signs in as the browser does; returns the wrap key for the caller to use."""
        pre = self.post("prelogin", {"email": email}).json()
        master = formats.derive_master(
            passphrase, formats.b64d(pre["salt"]), formats.KdfParams.from_dict(pre["kdf"])
        )
        login_secret, wrap_key = formats.split_master(master)
        answer = self.post("login", {"email": email, "login_secret": formats.b64e(login_secret)})
        assert answer.json()["next"] == "second_factor", answer.text
        # The step used at enrolment is spent; the next one is within the drift allowed.
        code = pyotp.TOTP(totp_secret).at(timezone.now() + timezone.timedelta(seconds=30))
        assert self.post("second-factor", {"code": code}).json()["next"] == "ready"
        return wrap_key


def test_first_admin_makes_the_program_key_in_the_browser(
    chromium_page: Any, live_server: Any, admin_b: Member, request: pytest.FixtureRequest
) -> None:
    page = chromium_page
    program = create_program("Refuge du navigateur", "en")
    admin, token = invite(program, "first@navigateur.example", Role.ADMIN, None)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)

    page.goto(f"{live_server.url}/accounts/signup/{token}/")
    # The meter says, beside the field, that the passphrase stays in this browser.
    assert "The server never sees it" in page.text_content("#signup-private")
    for weak in ("too short", "a b c d"):
        page.fill("#signup-passphrase", weak)
        page.fill("#signup-passphrase-again", weak)
        page.wait_for_function("document.querySelector('#signup-meter-text').textContent !== ''")
        page.click("#passphrase-form button[type=submit]")
        assert "too easy to guess" in page.text_content("#signup-passphrase-problem")
        assert page.locator("#make-program-key").count() == 0

    page.fill("#signup-passphrase", PASSPHRASE)
    assert "Strong." in page.text_content("#signup-meter-text")
    page.fill("#signup-passphrase-again", PASSPHRASE)
    page.click("#passphrase-form button[type=submit]")
    page.click("#make-program-key", timeout=60_000)
    assert page.is_disabled("#recovery-continue")
    with page.expect_download() as download:
        page.click("#recovery-download")
    recovery = Path(download.value.path()).read_text(encoding="utf-8")
    page.check("#recovery-saved")
    page.click("#recovery-continue")

    secret = page.text_content("#totp-secret", timeout=30_000).replace(" ", "")
    page.fill("#totp-code", pyotp.TOTP(secret).now())
    page.click("#totp-form button[type=submit]")
    # The recovery codes, shown once, before the page says it is done.
    page.wait_for_selector("#recovery-codes li", timeout=30_000)
    codes = page.locator("#recovery-codes li").all_text_contents()
    assert len(codes) == 10
    assert page.is_disabled("#recovery-codes-continue")
    page.check("#recovery-codes-saved")
    page.click("#recovery-codes-continue")
    page.wait_for_selector("#signup-done", timeout=30_000)
    # The shared stylesheet may not exist yet; everything this page needs must.
    missing = [url for url in missing if not url.endswith(OPTIONAL_FILES)]
    assert missing == []
    assert [p for p in problems if not p.startswith("Failed to load resource")] == []
    # Nothing secret left the page: not the passphrase, not the keys in the file.
    program_id, program_private, program_public = formats.parse_recovery_document(recovery)
    assert program_id == str(program.pk)
    for body in sent:
        assert PASSPHRASE not in body
        assert formats.b64e(program_private) not in body

    api = Api(live_server.url)
    request.addfinalizer(api.close)
    wrap_key = api.sign_in(admin.email, PASSPHRASE, secret)
    me = api.get("me").json()
    assert me["current_epoch"] == {"number": 1, "public_key": formats.b64e(program_public)}
    personal = formats.unwrap_private_key(
        wrap_key, formats.b64d(me["wrapped_private_key"]), formats.wrap_aad(me["id"])
    )
    assert formats.public_from_private(personal) == formats.b64d(me["public_key"])
    [grant] = me["grants"]
    opened = formats.open_sealed(
        personal, formats.b64d(grant["sealed_key"]), formats.grant_info(program.pk, 1, admin.pk)
    )
    assert opened == program_private

    # Program B's admin, signed in on the same server, reaches nothing of it.
    other = Api(live_server.url)
    request.addfinalizer(other.close)
    other.sign_in(admin_b.user.email, admin_b.passphrase, admin_b.totp_secret)
    assert str(admin.pk) not in {m["id"] for m in other.get("team").json()["members"]}
    refused = other.post(
        "grants", {"user_id": str(admin.pk), "epoch": 1, "sealed_key": grant["sealed_key"]}
    )
    assert refused.status_code == 404
