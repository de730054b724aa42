"""The web chat in Chromium: a visitor and an advocate together, then each quick exit.

Both browsers' requests, answers and websocket frames are recorded; none of
them, and nothing in the server's database files, holds a word of what
either wrote: the visitor's page triages her text itself and sends only
its category. axe-core finds no violation on any screen, in either
language, at desktop and phone sizes, up to the screen that says the chat
ended; the visitor's part is done with the keyboard alone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import redis_values
from tests.conftest import need
from tests.console.test_browser import (
    ConsoleServer,
    assert_accessible,
    serve_console,
    sign_in,
    with_browser,
)

pytestmark = pytest.mark.browser

# Triaged in her page as immediate danger (he took her phone): only the flag leaves it.
VISITOR_TEXT = "Il a pris mon téléphone, je t'écris depuis la médiathèque"
ADVOCATE_TEXT = "Merci de nous écrire. Êtes-vous en sécurité là où vous êtes ?"
PHONE = {"width": 360, "height": 640}
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather today</h1></html>"
PROGRAM_SITE = "https://refuge.example/"


@pytest.fixture(params=["embedded"])
def chat_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConsoleServer]:
    """The server, embedded (SQLite, no Redis); parametrize indirectly with
    "scale-out" to run it on PostgreSQL and Redis with a worker of its own."""
    scale_out = request.param == "scale-out"
    with serve_console(tmp_path, "tests.chat.browser_setup", scale_out=scale_out) as server:
        yield server


# The conversation and its end run in both modes: in scale-out, the console
# hears of the visitor through Redis's channel layer, her rate limits count in
# Redis, and the rows live in PostgreSQL.
BOTH_MODES = pytest.mark.parametrize("chat_server", ["embedded", "scale-out"], indirect=True)


@dataclass
class Recorder:
    """Everything a page sends and receives: request bodies, answers, websocket frames."""

    chunks: list[bytes] = field(default_factory=list)
    posts: list[tuple[str, bytes]] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        def on_request(request: Any) -> None:
            self.chunks.append(request.url.encode())
            body = request.post_data_buffer
            if body:
                self.chunks.append(bytes(body))
                self.posts.append((request.url, bytes(body)))

        def on_response(response: Any) -> None:
            try:
                self.chunks.append(bytes(response.body()))
            except Exception:
                return

        def on_socket(socket: Any) -> None:
            def keep(payload: Any) -> None:
                self.chunks.append(payload.encode() if isinstance(payload, str) else bytes(payload))

            socket.on("framesent", keep)
            socket.on("framereceived", keep)

        page.on("request", on_request)
        page.on("response", on_response)
        page.on("websocket", on_socket)

    def holds(self, text: str) -> bool:
        needles = {
            text.encode(),
            text.encode("unicode_escape"),
            text.encode("ascii", "xmlcharrefreplace"),
        }
        return any(needle in chunk for chunk in self.chunks for needle in needles)

    def sent_texts(self) -> list[dict[str, Any]]:
        """The JSON bodies the visitor's page posted to /api/messages."""
        return [json.loads(body) for url, body in self.posts if url.endswith("/api/messages")]


def neutral_sites(context: Any, exit_url: str) -> None:
    """The program's own site and the exit page, served in the browser (no network)."""
    context.route(
        exit_url,
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
    context.route(
        PROGRAM_SITE,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html lang='en'><title>Refuge</title><h1>Refuge</h1></html>",
        ),
    )


def database_bytes(server: ConsoleServer) -> bytes:
    """What the server's database holds, as stored (and Redis's values, scaled out)."""
    if server.database_url is not None:
        need(shutil.which("pg_dump") is not None, "pg_dump is not installed")
        dump = subprocess.run(
            ["pg_dump", "--data-only", server.database_url], capture_output=True, check=True
        ).stdout
        return dump + redis_values(server.redis_url)
    data = Path(server.log).parent / "data"
    return b"".join(p.read_bytes() for p in data.rglob("*.sqlite3*") if p.is_file())


@BOTH_MODES
def test_a_visitor_and_an_advocate_talk_and_only_ciphertext_passes(chat_server: ConsoleServer):
    with_browser(lambda browser: talk_then_leave(chat_server, browser))


def talk_then_leave(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    recorder = Recorder()
    problems: list[str] = []

    # The visitor, in French (from her browser), at phone size.
    visitor_context = browser.new_context(locale="fr-FR", viewport=PHONE)
    neutral_sites(visitor_context, setup["exit_url"])
    visitor = visitor_context.new_page()
    visitor.on("pageerror", lambda error: problems.append(str(error)))
    recorder.attach(visitor)
    visitor.goto(PROGRAM_SITE)
    visitor.goto(f"{server.url}/chat/{setup['slug']}/")
    expect(visitor).to_have_title("Notes")
    expect(visitor.get_by_role("heading", name="Avant de commencer")).to_be_visible()
    assert_no_violation(visitor, "terms, fr, phone")
    # Switched to English and back, in place.
    visitor.get_by_role("button", name="Read this page in English").click()
    expect(visitor.get_by_role("heading", name="Before you start")).to_be_visible()
    assert_no_violation(visitor, "terms, en, phone")
    visitor.get_by_role("button", name="Lire cette page en français").click()
    expect(visitor.get_by_role("heading", name="Avant de commencer")).to_be_visible()

    # With the keyboard alone: Tab to the button, Enter, then type and Enter.
    accept = visitor.get_by_role("button", name="J'ai compris, commencer le chat")
    for _ in range(10):
        if accept.evaluate("node => node === document.activeElement"):
            break
        visitor.keyboard.press("Tab")
    visitor.keyboard.press("Enter")
    box = visitor.get_by_role("textbox", name="Votre message")
    expect(box).to_be_focused()
    expect(visitor.get_by_role("status")).to_contain_text("premier message")
    assert_no_violation(visitor, "waiting room, fr, phone")
    visitor.keyboard.type(VISITOR_TEXT)
    visitor.keyboard.press("Enter")
    thread = visitor.get_by_role("list", name="Conversation")
    expect(thread.get_by_text(VISITOR_TEXT)).to_be_visible()
    expect(visitor.get_by_role("status")).to_contain_text("numéro 1", timeout=15_000)
    # The welcome notices reach her page, opened with her key.
    expect(thread.get_by_text("Message automatique").first).to_be_visible(timeout=15_000)
    assert_no_violation(visitor, "conversation, fr, phone")

    # The advocate, in the console.
    staff_context = browser.new_context(locale="en-US", timezone_id="UTC")
    staff = staff_context.new_page()
    staff.on("pageerror", lambda error: problems.append(str(error)))
    recorder.attach(staff)
    staff.goto(f"{server.url}/console/")
    sign_in(staff, setup["email"], setup["passphrase"], setup["totp_secret"])
    # Her page flagged the conversation; the server never read the words.
    row = staff.get_by_role("button", name=re.compile("Crisis: immediate danger.*Texter ending"))
    expect(row).to_be_visible(timeout=30_000)
    row.click()
    messages = staff.get_by_role("list", name="Messages")
    expect(messages.get_by_text(VISITOR_TEXT)).to_be_visible()
    expect(staff.get_by_text("Web chat: end-to-end encrypted", exact=False)).to_be_visible()
    staff.get_by_role("textbox", name="Reply").fill(ADVOCATE_TEXT)
    staff.get_by_role("button", name="Send reply").click()
    expect(messages.get_by_text(ADVOCATE_TEXT)).to_be_visible()

    # The reply reaches the visitor's page, opened there.
    expect(thread.get_by_text(ADVOCATE_TEXT)).to_be_visible(timeout=15_000)
    expect(visitor.get_by_role("status")).to_contain_text("Une intervenante est avec vous")

    # Quick exit with the button: replaced, wiped, and Back does not bring the chat back.
    visitor.get_by_role("link", name="Quitter vite").click()
    expect(visitor).to_have_url(setup["exit_url"])
    expect(messages.get_by_text("The visitor left the chat", exact=False)).to_be_visible(
        timeout=15_000
    )
    visitor.go_back()
    assert "/chat/" not in visitor.url
    assert visitor.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    assert visitor_context.cookies() == []

    assert [sent["flag"] for sent in recorder.sent_texts()] == ["danger"]
    assert any(chunk.endswith(b"/api/lexicons") for chunk in recorder.chunks)
    stored = database_bytes(server)
    # The scan sees the rows: staff addresses are stored in clear by design.
    assert setup["email"].encode() in stored
    for secret in (VISITOR_TEXT, ADVOCATE_TEXT):
        assert not recorder.holds(secret), secret
        assert secret.encode() not in stored, secret
    # The admin changes the chat's title in the console's settings.
    staff.locator("#nav-settings").click()
    address = staff.get_by_role("textbox", name="Address (/chat/…/)")
    expect(address).to_have_value(setup["slug"])
    staff.get_by_role("textbox", name="Neutral title for the tab (empty: the program's name)").fill(
        "Recettes"
    )
    chat_settings = staff.locator("#settings-chat")
    chat_settings.get_by_role("button", name="Save").click()
    expect(chat_settings.get_by_role("status")).to_have_text("Saved.")
    assert_accessible(staff, "settings")
    fresh = visitor_context.new_page()
    fresh.goto(f"{server.url}/chat/{setup['slug']}/")
    expect(fresh).to_have_title("Recettes")

    assert problems == []
    staff_context.close()
    visitor_context.close()


def assert_no_violation(page: Any, where: str) -> None:
    """axe-core: no violation at all, whatever its impact."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]
    ]
    assert found == [], f"{where}: {found}"
    assert_accessible(page, where)


@BOTH_MODES
def test_the_page_says_the_chat_ended_when_the_advocate_closes_it(chat_server: ConsoleServer):
    with_browser(lambda browser: ended_by_the_advocate(chat_server, browser))


def ended_by_the_advocate(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    staff_context = browser.new_context(locale="en-US", timezone_id="UTC")
    staff = staff_context.new_page()
    staff.goto(f"{server.url}/console/")
    sign_in(staff, setup["email"], setup["passphrase"], setup["totp_secret"])
    visits = (
        ("en", {"locale": "en-GB"}, "I understand, start the chat", "Your message"),
        (
            "fr",
            {"locale": "fr-FR", "viewport": PHONE},
            "J'ai compris, commencer le chat",
            "Votre message",
        ),
    )
    ended = {"en": "The chat has ended", "fr": "Le chat est terminé"}
    for language, options, accept, box_name in visits:
        context = browser.new_context(**options)
        neutral_sites(context, setup["exit_url"])
        page = context.new_page()
        page.goto(f"{server.url}/chat/{setup['slug']}/")
        with page.expect_response(lambda response: response.url.endswith("/api/start")) as started:
            page.get_by_role("button", name=accept).click()
        digits = re.sub(r"\D", "", started.value.json()["session"])[-4:]
        box = page.get_by_role("textbox", name=box_name)
        box.fill("Hello?" if language == "en" else "Bonjour ?")
        box.press("Enter")
        expect(page.locator(".chat-message.mine")).to_have_count(1)

        row = staff.get_by_role("button", name=re.compile(f"Texter ending {digits}"))
        expect(row).to_be_visible(timeout=30_000)
        row.click()
        staff.get_by_role("button", name="Close conversation").click()
        staff.get_by_role("button", name="Yes, close it").click()
        expect(staff.get_by_text("This conversation is closed.")).to_be_visible()

        expect(page.get_by_role("heading", name=ended[language])).to_be_visible(timeout=15_000)
        expect(page.get_by_role("heading", name=ended[language])).to_be_focused()
        assert_no_violation(page, f"ended, {language}")
        # The quick exit still leaves from the last screen.
        page.keyboard.press("Escape")
        expect(page).to_have_url(setup["exit_url"])
        context.close()
    staff_context.close()


def test_escape_and_three_shifts_leave_at_once_and_an_old_browser_is_told_plainly(
    chat_server: ConsoleServer,
):
    with_browser(lambda browser: leave_by_keys(chat_server, browser))


def leave_by_keys(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    for keys, where in ((["Escape"], "terms"), (["Shift", "Shift", "Shift"], "conversation")):
        context = browser.new_context(locale="en-GB")
        neutral_sites(context, setup["exit_url"])
        page = context.new_page()
        page.goto(PROGRAM_SITE)
        page.goto(f"{server.url}/chat/{setup['slug']}/")
        expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
        assert_no_violation(page, "terms, en, desktop")
        if where == "conversation":
            page.get_by_role("button", name="I understand, start the chat").click()
            expect(page.get_by_role("textbox", name="Your message")).to_be_focused()
            assert_no_violation(page, "waiting room, en, desktop")
        for key in keys:
            page.keyboard.press(key)
        expect(page).to_have_url(setup["exit_url"])
        page.go_back()
        assert "/chat/" not in page.url
        context.close()

    # A browser without what the encryption needs is told so, with the other channels.
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    context.add_init_script(
        "Object.defineProperty(window, 'isSecureContext', { get: () => false })"
    )
    page = context.new_page()
    page.goto(f"{server.url}/chat/{setup['slug']}/")
    expect(page.get_by_role("heading", name="This browser cannot open the chat")).to_be_visible()
    expect(page.get_by_text(setup["address"], exact=False)).to_be_visible()
    assert_no_violation(page, "unsupported, en, phone")
    context.close()


def test_an_unknown_chat_is_a_plain_404_and_the_page_has_strict_headers(
    chat_server: ConsoleServer,
):
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(f"{chat_server.url}/chat/notes/") as page:
        headers = page.headers
        assert "no-store" in headers["Cache-Control"]
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'self'" in headers["Content-Security-Policy"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{chat_server.url}/chat/elsewhere/")
    assert missing.value.code == 404
