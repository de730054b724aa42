"""The console in Chromium against a real ASGI server: sign in, read, reply, lock.

The server is uvicorn serving havre.asgi in test mode, with its own data
folder and SQLite database, and a fake Twilio on 127.0.0.1 that relays the
replies, reports their delivery and plays a texter writing again.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import pytest

from havre.gateways.twilio.fake import FakeTwilio
from havre.gateways.twilio.fake_server import fake_server
from tests.conftest import CHROMIUM, need

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ConsoleServer:
    url: str
    fake: FakeTwilio
    setup: dict[str, str]
    log: Path
    # Scaled out: the server's own PostgreSQL database and Redis (else SQLite, no Redis).
    database_url: str | None = None
    redis_url: str | None = None

    @property
    def sms_hook(self) -> str:
        return f"{self.url}/hooks/twilio/{self.setup['channel']}/sms"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def console_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    with serve_console(tmp_path, "tests.console.browser_setup") as server:
        yield server


@contextmanager
def serve_console(
    tmp_path: Path, setup_module: str, *, host: str = "127.0.0.1", scale_out: bool = False
) -> Iterator[ConsoleServer]:
    """uvicorn on a free port over a database that `python -m <setup_module>` prepared.

    `host` is the name the browser uses ("localhost" where WebAuthn needs a
    domain as its relying party); the server listens on 127.0.0.1 either way.
    With `scale_out`, the server runs on a throwaway PostgreSQL database and
    on Redis (channel layer, cache, task queue), with a `havre worker` of its
    own, as a scaled-out deployment does.
    """
    need(CHROMIUM.exists(), f"Debian's Chromium is not installed at {CHROMIUM}")
    port = free_port()
    url = f"http://{host}:{port}"
    log = tmp_path / "server.log"
    with ExitStack() as stack:
        fake = stack.enter_context(fake_server(FakeTwilio(auto_status=True, status_delay=0.2)))
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("HAVRE_", "DJANGO_")) and k not in {"DATABASE_URL", "REDIS_URL"}
        }
        env.update(
            HAVRE_MODE="test",
            HAVRE_DATA_DIR=str(tmp_path / "data"),
            HAVRE_PUBLIC_URL=url,
            HAVRE_TWILIO_API_BASE=fake.base_url,
            DJANGO_SETTINGS_MODULE="havre.settings",
        )
        if scale_out:
            env.update(stack.enter_context(scaled_out()))
        made = subprocess.run(
            [sys.executable, "-m", setup_module],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert made.returncode == 0, made.stderr
        setup = json.loads(made.stdout.strip().splitlines()[-1])
        fake.register_account(setup["account_sid"], setup["auth_token"], [setup["address"]])
        uvicorn = [
            "uvicorn",
            "havre.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
        ]
        server = stack.enter_context(_process(uvicorn, env, log))
        if scale_out:
            # With REDIS_URL the server runs no task threads: a worker takes the tasks.
            stack.enter_context(_process(["havre", "worker"], env, log))
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"uvicorn exited:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/console/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not answer:\n{log.read_text()}")
            time.sleep(0.2)
        yield ConsoleServer(url, fake, setup, log, env.get("DATABASE_URL"), env.get("REDIS_URL"))


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m <args>` in a process group of its own, stopped (by its id) on the way out."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def scaled_out() -> Iterator[dict[str, str]]:
    """A throwaway PostgreSQL database and the tests' own Redis database, emptied after."""
    import psycopg
    import redis

    from tests.browser.conftest import (
        POSTGRES_URL,
        SCALE_OUT_REDIS_URL,
        _create_postgres_database,
        _drop_postgres_database,
        _flush_redis,
        _reachable,
    )

    base = os.environ.get("DATABASE_URL") or POSTGRES_URL
    need(
        _reachable(lambda: psycopg.connect(base, connect_timeout=3).close()),
        f"PostgreSQL is not reachable at {base}",
    )
    need(
        _reachable(lambda: redis.Redis.from_url(SCALE_OUT_REDIS_URL).ping()),
        f"Redis is not reachable at {SCALE_OUT_REDIS_URL}",
    )
    database_url, name = _create_postgres_database(base)
    _flush_redis(SCALE_OUT_REDIS_URL)
    try:
        yield {"DATABASE_URL": database_url, "REDIS_URL": SCALE_OUT_REDIS_URL}
    finally:
        _drop_postgres_database(base, name)
        _flush_redis(SCALE_OUT_REDIS_URL)


def with_browser(work: Callable[[Any], None]) -> None:
    """Runs `work(chromium)` with a Playwright of its own, in a thread of its own.

    Playwright's sync API keeps an event loop running in the thread that
    started it, and other browser tests may hold one open in the main thread
    for the whole run; a fresh thread is free of it.
    """
    failures: list[BaseException] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM),
                    args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
                )
                try:
                    work(chromium)
                finally:
                    chromium.close()
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=run, name="console-browser")
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def assert_accessible(page: Any, where: str) -> None:
    """axe-core finds nothing at all on the screen, whatever its impact."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in violations]
    assert found == [], f"{where}: {found}"


def sign_in(page: Any, email: str, passphrase: str, totp_secret: str) -> None:
    """The passphrase (stretched in the page), then the second factor."""
    from playwright.sync_api import expect

    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Passphrase").fill(passphrase)
    page.get_by_role("button", name="Continue").click()
    code = page.get_by_role("textbox", name="Code")
    expect(code).to_be_visible(timeout=30_000)
    code.fill(pyotp.TOTP(totp_secret).now())
    page.get_by_role("button", name="Sign in").click()


def signed_in_page(server: ConsoleServer, browser: Any, viewport: dict[str, int]) -> Any:
    """A console page in English and UTC, signed in as the set-up's member.

    From before it opens, it keeps in `page.sent` every request and
    websocket frame it sends (to search them for what it decrypted) and in
    `page.problems` every error of its scripts. Close it with its context.
    """
    context = browser.new_context(locale="en-US", timezone_id="UTC", viewport=viewport)
    page = context.new_page()
    page.sent = sent = []
    page.problems = problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: sent.append(f"{request.url}\n{request.post_data or ''}"))
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload))))
    page.goto(f"{server.url}/console/")
    setup = server.setup
    sign_in(page, setup["email"], setup["passphrase"], setup["totp_secret"])
    return page


def test_console_reads_replies_updates_live_and_forgets_on_idle_lock(
    console_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: reads_replies_updates_live_and_locks(console_server, browser))


def test_a_member_without_the_key_waits_with_her_fingerprint_until_granted(
    console_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: waits_for_the_key_until_granted(console_server, browser))


def reads_replies_updates_live_and_locks(console_server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = console_server.setup
    context = browser.new_context(locale="en-US", timezone_id="UTC")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.clock.install()
    page.goto(f"{console_server.url}/console/")

    expect(page.get_by_role("heading", name="Sign in to the console")).to_be_visible()
    assert_accessible(page, "sign-in")
    sign_in(page, setup["email"], setup["passphrase"], setup["totp_secret"])

    # The inbox, decrypted here: the texter is named by the last digits only.
    row = page.get_by_role("button", name=re.compile("Texter ending 0123"))
    expect(row).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Live updates on")).to_be_visible()
    row.click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_text("I need help tonight")).to_be_visible()
    expect(messages.get_by_text("Photo or file received (not stored)")).to_be_visible()
    assert_accessible(page, "conversation")

    # A new text arrives through the provider's webhook and shows without a reload.
    response = console_server.fake.inbound(
        console_server.sms_hook,
        sender=setup["texter"],
        to=setup["address"],
        body="Are you there?",
    )
    assert response.status_code == 200, response.text
    expect(messages.get_by_text("Are you there?")).to_be_visible()
    expect(page.locator("#announcer")).to_contain_text(
        "New message from the texter: Are you there?"
    )

    # A reply is sealed here, relayed by the server, and its delivery shows on it.
    page.get_by_role("textbox", name="Reply").fill("Yes, we are here.")
    page.get_by_role("button", name="Send reply").click()
    reply = messages.get_by_role("listitem").filter(has_text="Yes, we are here.")
    expect(reply).to_contain_text("Status: Delivered", timeout=15_000)
    # The welcome notices answering the set-up's first text went before the
    # account was known to the fake, so Twilio accepted only the reply.
    [sent] = console_server.fake.sent
    assert (sent.to, sent.body, sent.status_code) == (setup["texter"], "Yes, we are here.", 201)

    # French, in place: the keys stay unlocked.
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Conversations ouvertes")).to_be_visible()
    expect(reply).to_contain_text("État : Distribué")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Open conversations")).to_be_visible()

    # Admins also get the team panel.
    page.get_by_role("button", name="Team").click()
    expect(page.get_by_role("cell", name=re.compile("Ada"))).to_be_visible()
    assert_accessible(page, "team")
    page.get_by_role("button", name="Conversations").click()

    # Nothing was kept in browser storage.
    stored = page.evaluate(
        "async () => [localStorage.length, sessionStorage.length, (await indexedDB.databases()).length]"
    )
    assert stored == [0, 0, 0]

    # After the idle limit, the keys and every decrypted text leave the page.
    page.clock.fast_forward("16:00")
    expect(page.get_by_role("heading", name="The console is locked")).to_be_visible()
    expect(page.get_by_text("Locked after 15 minutes without activity.")).to_be_visible()
    html = page.content()
    for secret in (
        "I need help tonight",
        "Are you there?",
        "Yes, we are here.",
        "ending 0123",
        setup["texter"],
    ):
        assert secret not in html, secret
    assert_accessible(page, "locked")

    # The passphrase alone unlocks it again (the session is still signed in).
    page.get_by_role("textbox", name="Passphrase").fill(setup["passphrase"])
    page.get_by_role("button", name="Unlock").click()
    page.get_by_role("button", name=re.compile("Texter ending 0123")).click(timeout=30_000)
    expect(messages.get_by_text("I need help tonight")).to_be_visible()

    # A reload keeps the session but not the keys: the passphrase again.
    page.reload()
    expect(page.get_by_role("heading", name="The console is locked")).to_be_visible()
    expect(page.get_by_text("Signed in as Ada.")).to_be_visible()
    page.get_by_role("textbox", name="Passphrase").fill(setup["passphrase"])
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )
    assert problems == []
    context.close()


def waits_for_the_key_until_granted(console_server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = console_server.setup
    newcomer = browser.new_context(locale="en-US").new_page()
    newcomer.goto(f"{console_server.url}/console/")
    sign_in(
        newcomer,
        setup["newcomer_email"],
        setup["newcomer_passphrase"],
        setup["newcomer_totp_secret"],
    )
    expect(newcomer.get_by_role("heading", name="Waiting for access")).to_be_visible(timeout=30_000)
    expect(newcomer.locator("#waiting-fingerprint")).to_have_text(setup["newcomer_fingerprint"])
    assert_accessible(newcomer, "waiting")
    newcomer.get_by_role("button", name="Check now").click()
    expect(newcomer.get_by_text("No access yet.")).to_be_visible()

    # An admin compares the fingerprint read to her and gives the key.
    admin = browser.new_context(locale="en-US").new_page()
    admin.goto(f"{console_server.url}/console/")
    sign_in(admin, setup["email"], setup["passphrase"], setup["totp_secret"])
    admin.get_by_role("button", name="Team").click(timeout=30_000)
    bea = admin.get_by_role("row", name=re.compile("Bea"))
    bea.get_by_role("button", name="Give the program key").click()
    expect(bea).to_contain_text(setup["newcomer_fingerprint"])
    bea.get_by_role("button", name="It matches: give the key").click()
    expect(bea).to_contain_text("Holds the program key")

    newcomer.get_by_role("button", name="Check now").click()
    newcomer.get_by_role("button", name=re.compile("Texter ending 0123")).click(timeout=30_000)
    expect(newcomer.get_by_role("list", name="Messages")).to_contain_text("I need help tonight")
