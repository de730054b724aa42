"""Keys over time in Chromium, against a real ASGI server.

- An admin parts with an advocate from the Team area; in the same flow her
  browser makes the new program key and shows its recovery file once. The
  advocate's open console is signed out at once. A text that arrives after is
  sealed to the new key and reads in the admin's console.
- A forgotten passphrase: the admin issues a link (the console says what it
  costs), the advocate chooses a new passphrase there, and the admin gives her
  the program keys again after comparing the new fingerprint; she reads the
  texts from before and after.
- A passphrase change from the member's account area: her other session ends,
  and the same keys unlock under the new passphrase.
- A passkey enrolled and used to sign in, with Chromium's virtual
  authenticator driven through the DevTools protocol.

After each, nothing the texter wrote, no number and no passphrase is readable
in the server's database files or logs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.utils import timezone

from tests.console.test_browser import (
    ConsoleServer,
    assert_accessible,
    serve_console,
    with_browser,
)

pytestmark = pytest.mark.browser

AFTER = "I am writing again after the change"
NEW_PASSPHRASE = "orchard pebble saffron tunnel"


@pytest.fixture
def keys_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    with serve_console(tmp_path, "tests.keys.browser_setup") as server:
        yield server


@pytest.fixture
def passkey_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    # WebAuthn wants a domain for its relying party: localhost, not 127.0.0.1.
    with serve_console(tmp_path, "tests.keys.browser_setup", host="localhost") as server:
        yield server


def code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(timezone.now() + timedelta(seconds=30 * steps_ahead))


def open_console(browser: Any, server: ConsoleServer) -> Any:
    page = browser.new_context(locale="en-US", timezone_id="UTC", accept_downloads=True).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    page.goto(f"{server.url}/console/")
    return page


def sign_in(page: Any, person: dict[str, str], steps_ahead: int = 0, passphrase: str = "") -> None:
    from playwright.sync_api import expect

    page.get_by_role("textbox", name="Email").fill(person["email"])
    page.get_by_role("textbox", name="Passphrase").fill(passphrase or person["passphrase"])
    page.get_by_role("button", name="Continue").click()
    box = page.get_by_role("textbox", name="Code")
    expect(box).to_be_visible(timeout=30_000)
    box.fill(code(person["totp_secret"], steps_ahead))
    page.get_by_role("button", name="Sign in").click()


def assert_nothing_readable(server: ConsoleServer, secrets: list[str]) -> None:
    data = (
        Path(server.setup["data_dir"]) if "data_dir" in server.setup else server.log.parent / "data"
    )
    stored = {f.name: f.read_bytes() for f in data.glob("havre.sqlite3*")}
    stored.update({f"logs/{f.name}": f.read_bytes() for f in (data / "logs").glob("*")})
    stored["server output"] = server.log.read_bytes()
    assert any(name.startswith("havre.sqlite3") for name in stored), stored.keys()
    texter = server.setup["texter"]
    for name, blob in stored.items():
        for secret in [*secrets, texter, texter.lstrip("+"), texter[-10:]]:
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in blob, f"{secret!r} found in {name}"


# -- parting with a member, a new key, a reset and the key given again -----------------------


def test_deactivation_rotates_the_key_and_a_reset_member_is_granted_again(
    keys_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: parting_rotation_and_reset(keys_server, browser))


def parting_rotation_and_reset(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    # Bea is at work when she is let go.
    bea = open_console(browser, server)
    sign_in(bea, setup["bea"])
    expect(bea.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )

    admin = open_console(browser, server)
    sign_in(admin, setup["ada"])
    expect(admin.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )
    admin.locator("#nav-team").click()
    bea_row = admin.locator(f'tr[data-member="{setup["bea_id"]}"]')
    expect(bea_row).to_contain_text("Holds the program key", timeout=30_000)
    expect(admin.locator("#team-keys-heading")).to_be_visible()
    assert_accessible(admin, "team area")

    bea_row.locator(".team-deactivate").click()
    expect(bea_row).to_contain_text("signed out everywhere at once")
    assert_accessible(admin, "deactivation")
    bea_row.locator(".team-deactivate-confirm").click()
    # The count of conversations handed on agrees with its number (a gettext plural).
    expect(admin.locator(".team-status")).to_have_text(
        re.compile(
            r".+ is deactivated\. (1 conversation|(0|[2-9]|\d\d+) conversations) handed on\."
        )
    )

    # The same flow goes on to the new program key, made in this browser.
    admin.locator("#rotate-go").click(timeout=30_000)
    with admin.expect_download() as download:
        admin.locator("#epoch-recovery-download").click(timeout=30_000)
    recovery = Path(download.value.path()).read_text(encoding="utf-8")
    assert '"private_key"' in recovery
    expect(admin.locator("#epoch-recovery-continue")).to_be_disabled()
    admin.locator("#epoch-recovery-saved").check()
    admin.locator("#epoch-recovery-continue").click()
    expect(admin.locator("#announcer")).to_contain_text(
        "The new program key (number 2) is in use.", timeout=30_000
    )
    expect(admin.locator("#key-banner")).to_be_hidden()
    expect(admin.locator(".team-keys")).to_contain_text("The program key in use is number 2")
    expect(bea_row).to_contain_text("Deactivated")
    # Her console closed at once: the socket was ended with her sessions.
    expect(bea.get_by_text("You have been signed out.")).to_be_visible(timeout=15_000)
    expect(bea.get_by_role("button", name=re.compile("Texter ending"))).to_have_count(0)

    # A text after the change is sealed to the new key, which this console holds now.
    answer = server.fake.inbound(
        server.sms_hook, sender=setup["texter"], to=setup["address"], body=AFTER
    )
    assert answer.status_code == 200, answer.text
    admin.locator("#nav-conversations").click()
    admin.get_by_role("button", name=re.compile("Texter ending 0123")).click()
    messages = admin.get_by_role("list", name="Messages")
    expect(messages.get_by_text(AFTER)).to_be_visible(timeout=30_000)
    expect(messages.get_by_text(setup["before"])).to_be_visible()

    # Cleo forgot her passphrase: the console says what a reset costs.
    admin.locator("#nav-team").click()
    cleo_row = admin.locator(f'tr[data-member="{setup["cleo_id"]}"]')
    cleo_row.locator(".team-reset-passphrase").click()
    expect(cleo_row).to_contain_text("the program key is lost to Cleo until you give it again")
    assert_accessible(admin, "reset")
    cleo_row.locator(".team-reset-confirm").click()
    link = cleo_row.locator(".team-reset-link")
    expect(link).to_have_value(re.compile("/accounts/signup/"))
    url = link.input_value()

    cleo = browser.new_context(locale="en-US").new_page()
    cleo.goto(url)
    expect(cleo.get_by_text("the program key you held is lost to you")).to_be_visible()
    assert_accessible(cleo, "reset link")
    cleo.locator("#signup-passphrase").fill(NEW_PASSPHRASE)
    cleo.locator("#signup-passphrase-again").fill(NEW_PASSPHRASE)
    expect(cleo.locator("#signup-meter-text")).to_contain_text("Strong.")
    cleo.locator("#passphrase-form button[type=submit]").click()
    expect(cleo.locator("#signup-done")).to_be_visible(timeout=30_000)
    fingerprint = cleo.locator(".fingerprint").text_content()

    # The admin compares the new fingerprint and gives the keys again: both epochs.
    admin.locator("#nav-conversations").click()
    admin.locator("#nav-team").click()
    expect(cleo_row).to_contain_text("Waiting for the program key", timeout=30_000)
    cleo_row.locator("button.team-grant").click()
    expect(cleo_row.locator(".fingerprint")).to_have_text(fingerprint)
    cleo_row.locator("button.team-grant-confirm").click()
    expect(cleo_row).to_contain_text("Holds the program key", timeout=30_000)

    console = open_console(browser, server)
    sign_in(console, setup["cleo"], passphrase=NEW_PASSPHRASE)
    console.get_by_role("button", name=re.compile("Texter ending 0123")).click(timeout=30_000)
    messages = console.get_by_role("list", name="Messages")
    expect(messages.get_by_text(AFTER)).to_be_visible(timeout=30_000)
    expect(messages.get_by_text(setup["before"])).to_be_visible()

    for page in (admin, bea, console):
        assert page.problems == []
    private = re.search(r'"private_key": "([^"]+)"', recovery)
    assert private is not None
    assert_nothing_readable(
        server,
        [AFTER, setup["before"], NEW_PASSPHRASE, setup["cleo"]["passphrase"], private.group(1)],
    )


# -- changing one's passphrase ---------------------------------------------------------------


def test_a_member_changes_her_passphrase_and_her_other_session_ends(
    keys_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: passphrase_change(keys_server, browser))


def passphrase_change(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    elsewhere = open_console(browser, server)
    sign_in(elsewhere, setup["bea"])
    expect(elsewhere.get_by_role("button", name=re.compile("Texter ending"))).to_be_visible(
        timeout=30_000
    )
    page = open_console(browser, server)
    sign_in(page, setup["bea"], steps_ahead=1)
    expect(page.get_by_role("button", name=re.compile("Texter ending"))).to_be_visible(
        timeout=30_000
    )

    page.get_by_role("button", name="My account").click()
    expect(page.get_by_role("heading", name="Change my passphrase")).to_be_visible()
    expect(page.get_by_text("The server never sees it")).to_be_visible()
    assert_accessible(page, "account")
    page.locator("#account-current-passphrase").fill(setup["bea"]["passphrase"])
    page.locator("#account-passphrase").fill("a b c d")
    page.locator("#account-passphrase-again").fill("a b c d")
    page.get_by_role("button", name="Change my passphrase").click()
    expect(page.locator("#account-passphrase-problem")).to_contain_text("too easy to guess")

    page.locator("#account-current-passphrase").fill(setup["bea"]["passphrase"])
    page.locator("#account-passphrase").fill(NEW_PASSPHRASE)
    page.locator("#account-passphrase-again").fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Change my passphrase").click()
    expect(page.get_by_text("Your passphrase is changed.").first).to_be_visible(timeout=30_000)

    # The other computer is signed out; this one goes on.
    expect(elsewhere.get_by_text("You have been signed out.")).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="My account").click()
    expect(page.get_by_role("button", name=re.compile("Texter ending"))).to_be_visible()

    # The same keys unlock under the new passphrase, and no longer under the old one.
    page.get_by_role("button", name="Lock").click()
    unlock = page.get_by_role("textbox", name="Passphrase")
    unlock.fill(setup["bea"]["passphrase"])
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text("Wrong passphrase.")).to_be_visible(timeout=30_000)
    unlock.fill(NEW_PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_role("button", name=re.compile("Texter ending 0123")).click(timeout=30_000)
    expect(page.get_by_role("list", name="Messages").get_by_text(setup["before"])).to_be_visible(
        timeout=30_000
    )
    # A native submit never puts a field in a URL, and no field that holds a
    # texter's words or a staff note is sent to a spell-checking service.
    assert page.evaluate("() => document.querySelectorAll('form:not([method=post])').length") == 0
    checked = page.evaluate(
        """() => [...document.querySelectorAll(
             '#view-console textarea, #view-console input[type=text], #view-console input[type=password]'
           )].filter((field) => field.spellcheck).map((field) => field.id || field.name)"""
    )
    assert checked == []
    assert page.problems == []
    assert_nothing_readable(server, [setup["before"], NEW_PASSPHRASE, setup["bea"]["passphrase"]])


# -- passkeys ---------------------------------------------------------------------------------


def test_a_passkey_is_enrolled_then_signs_in(passkey_server: ConsoleServer) -> None:
    with_browser(lambda browser: passkey_enrolment_and_sign_in(passkey_server, browser))


def passkey_enrolment_and_sign_in(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    assert server.url.startswith("http://localhost:")
    context = browser.new_context(locale="en-US", timezone_id="UTC")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    page.goto(f"{server.url}/console/")
    sign_in(page, setup["cleo"])
    expect(page.get_by_role("button", name=re.compile("Texter ending"))).to_be_visible(
        timeout=30_000
    )

    page.get_by_role("button", name="My account").click()
    expect(page.get_by_text("No security key or passkey yet.")).to_be_visible(timeout=30_000)
    page.locator("#account-passkey-name").fill("Desk key")
    page.get_by_role("button", name="Add a security key or passkey").click()
    expect(page.locator("#account-passkeys")).to_contain_text("Desk key", timeout=30_000)
    assert (
        len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"])
        == 1
    )
    assert_accessible(page, "account with a passkey")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("textbox", name="Email").fill(setup["cleo"]["email"])
    page.get_by_role("textbox", name="Passphrase").fill(setup["cleo"]["passphrase"])
    page.get_by_role("button", name="Continue").click()
    use_key = page.get_by_role("button", name="Use my security key")
    expect(use_key).to_be_visible(timeout=30_000)
    assert_accessible(page, "second step with a passkey")
    use_key.click()
    page.get_by_role("button", name=re.compile("Texter ending 0123")).click(timeout=30_000)
    expect(page.get_by_role("list", name="Messages").get_by_text(setup["before"])).to_be_visible(
        timeout=30_000
    )
    credential = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
        "credentials"
    ][0]
    assert credential["signCount"] >= 1
    assert problems == []
    assert_nothing_readable(server, [setup["before"], setup["cleo"]["passphrase"]])
