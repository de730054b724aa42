"""The protocols in Chromium against a real ASGI server: emergency mode, the
tools in a conversation (quick replies, notices, closing), and the settings.

The server is uvicorn serving havre.asgi in test mode with its own data
folder; a fake Twilio on 127.0.0.1 plays the texters, through the signed
webhook, and receives what the helpline sends them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from havre.gateways.twilio.fake import FakeTwilio
from tests.console.test_browser import assert_accessible, serve_console, sign_in, with_browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
UNAVAILABLE = (
    "We cannot answer messages at the moment, and we are sorry. If you are in danger, call "
    "911 (emergency services) or 988 (suicide and crisis line). Please write to us again later."
)


@dataclass
class Server:
    url: str
    fake: FakeTwilio
    setup: dict[str, Any]

    def text_in(self, sender: str, body: str) -> None:
        """A texter writes, through Twilio's signed webhook."""
        hook = f"{self.url}/hooks/twilio/{self.setup['channel']}/sms"
        response = self.fake.inbound(hook, sender=sender, to=self.setup["address"], body=body)
        assert response.status_code == 200, response.text

    def received(self, texter: str) -> list[str]:
        return [call.body or "" for call in self.fake.sent if call.to == texter]

    def wait_for(self, check: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; sent: {[c.body for c in self.fake.sent]}")
            time.sleep(0.1)

    def console(self, browser: Any, who: str) -> Any:
        """A signed-in, unlocked console page for `who` (sam or alice)."""
        from playwright.sync_api import expect

        person = self.setup[who]
        page = browser.new_context(locale="en-US", timezone_id="UTC").new_page()
        page.goto(f"{self.url}/console/")
        sign_in(page, person["email"], person["passphrase"], person["totp_secret"])
        expect(page.get_by_text("Live updates on")).to_be_visible(timeout=30_000)
        return page


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serve_console(tmp_path, "tests.protocols.browser_setup") as running:
        yield Server(running.url, running.fake, running.setup)


def test_a_supervisor_switches_emergency_mode_on_and_every_console_shows_it(server: Server):
    with_browser(lambda browser: emergency_mode(server, browser))


def test_an_advocate_uses_quick_replies_resends_a_notice_and_closes_with_the_closing_message(
    server: Server,
):
    with_browser(lambda browser: conversation_tools(server, browser))


def test_a_supervisor_edits_a_notice_side_by_side_and_the_opening_hours(server: Server):
    with_browser(lambda browser: settings_area(server, browser))


def emergency_mode(server: Server, browser: Any) -> None:
    from playwright.sync_api import expect

    advocate = server.console(browser, "alice")
    supervisor = server.console(browser, "sam")
    problems: list[str] = []
    for page in (advocate, supervisor):
        page.on("pageerror", lambda error: problems.append(str(error)))
    # Advocates see the mode, they do not switch it.
    expect(advocate.get_by_role("button", name="Emergency mode…")).to_have_count(0)

    supervisor.get_by_role("button", name="Emergency mode…").click()
    supervisor.get_by_role("textbox", name="Reason, for the team").fill("Power cut at the office")
    supervisor.get_by_role("button", name="Switch on now").click()
    for page in (supervisor, advocate):
        banner = page.locator(".emergency-banner")
        expect(banner).to_contain_text(
            "Emergency mode is on: every new text gets the unavailability message."
        )
        expect(banner).to_contain_text("by Sam. Reason: Power cut at the office")
    assert_accessible(advocate, "emergency banner")

    # A new texter writes: the unavailability notice answers, not the welcome.
    texter = "+15145550142"
    server.text_in(texter, "Is anyone there? I need help")
    server.wait_for(lambda: server.received(texter) == [UNAVAILABLE])
    supervisor.get_by_role("button", name=re.compile("Texter ending 0142")).click()
    messages = supervisor.get_by_role("list", name="Messages")
    expect(messages.get_by_text("Is anyone there? I need help")).to_be_visible()
    notice = messages.get_by_role("listitem").filter(has_text="Automatic reply")
    expect(notice).to_contain_text("Notice sent: Unavailable (emergency mode)")
    expect(notice).to_contain_text("Status: Delivered", timeout=15_000)
    # The thread names the notice; its words are the program's, shown only in the notices menu.
    assert UNAVAILABLE not in messages.inner_text()

    supervisor.get_by_role("button", name="Switch emergency mode off").click()
    for page in (supervisor, advocate):
        expect(page.locator(".emergency-banner")).to_have_count(0)
        expect(page.locator("#announcer")).to_contain_text("Emergency mode is off.")
    expect(supervisor.get_by_role("button", name="Emergency mode…")).to_be_visible()
    assert problems == []


def conversation_tools(server: Server, browser: Any) -> None:
    from playwright.sync_api import expect

    texter = "+15145550177"
    server.text_in(texter, "hello, I think my phone is watched")
    server.wait_for(lambda: len(server.received(texter)) == 4)
    welcome = server.received(texter)

    page = server.console(browser, "alice")
    page.get_by_role("button", name=re.compile("Texter ending 0177")).click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_text("Notice sent: Welcome: is it safe to text?")).to_be_visible()
    expect(messages.get_by_text("Automatic reply")).to_have_count(4)

    # A quick reply fills the reply box, in the chosen language; it is sent as any reply.
    page.get_by_text("Quick replies", exact=True).click()
    page.get_by_role("radio", name="French").check()
    page.get_by_role("button", name=re.compile("^Est-ce que j'ai bien compris")).click()
    box = page.get_by_role("textbox", name="Reply")
    expect(box).to_have_value("Est-ce que j'ai bien compris que … ?")
    expect(box).to_be_focused()
    page.keyboard.type("votre téléphone est surveillé")
    page.get_by_role("button", name="Send reply").click()
    reply = "Est-ce que j'ai bien compris que votre téléphone est surveillé ?"
    server.wait_for(lambda: server.received(texter)[-1:] == [reply])
    assert_accessible(page, "conversation tools")

    # Any notice again, in one click.
    page.get_by_text("Send a notice", exact=True).click()
    page.locator(".notice-menu").get_by_role(
        "button", name="Welcome: privacy and its limits"
    ).click()
    expect(page.locator(".notice-menu")).to_contain_text(
        "Notice sent: Welcome: privacy and its limits."
    )
    server.wait_for(lambda: server.received(texter)[-1:] == [welcome[1]])
    mine = messages.get_by_role("listitem").filter(has_text="Notice sent: Welcome: privacy")
    expect(mine.filter(has_text="You")).to_have_count(1)

    # Closing sends the closing message first (ticked unless the advocate unticks it).
    page.get_by_role("button", name="Close conversation").click()
    expect(
        page.get_by_role("checkbox", name=re.compile("Send the closing message first"))
    ).to_be_checked()
    page.get_by_role("button", name="Yes, close it").click()
    expect(page.get_by_text("This conversation is closed.")).to_be_visible()
    server.wait_for(lambda: "iCloud" in server.received(texter)[-1])
    expect(messages.get_by_text("Notice sent: Closing message")).to_be_visible()


def settings_area(server: Server, browser: Any) -> None:
    from playwright.sync_api import expect

    page = server.console(browser, "sam")
    page.get_by_role("button", name="Settings", exact=True).click()
    expect(page.get_by_role("heading", name="Helpline settings")).to_be_visible()
    closing = page.locator('fieldset[data-notice="closing"]')
    expect(closing.get_by_role("textbox", name="French")).to_have_value(
        re.compile("^Cette conversation est terminée")
    )
    closing.get_by_role("textbox", name="English").fill(
        "We are closing. Delete this thread, {program}."
    )
    closing.get_by_role("button", name="Save").click()
    expect(closing.get_by_text("Saved.")).to_be_visible()
    expect(closing).to_contain_text("Written by the program")
    assert_accessible(page, "settings")

    hours = page.locator("#settings-hours")
    hours.get_by_role("combobox", name="Time zone").fill("America/New_York")
    hours.get_by_role("button", name="Add opening hours").click()
    row = hours.locator(".range-row").last
    row.get_by_role("combobox", name="Day").select_option(label="Saturday")
    row.get_by_label("Opens at").fill("20:00")
    row.get_by_label("Closes at").fill("00:00")  # midnight, at the end of the day
    hours.get_by_role("button", name="Save").click()
    expect(hours.get_by_text("Saved.")).to_be_visible()

    # The wording and the hours are what texters now get.
    texter = "+15145550188"
    server.text_in(texter, "hi")
    server.wait_for(lambda: len(server.received(texter)) >= 4)
    page.get_by_role("button", name="Conversations").click()
    page.get_by_role("button", name=re.compile("Texter ending 0188")).click()
    page.get_by_role("button", name="Close conversation").click()
    page.get_by_role("button", name="Yes, close it").click()
    server.wait_for(
        lambda: server.received(texter)[-1] == "We are closing. Delete this thread, Refuge du test."
    )
    page.get_by_role("button", name="Settings", exact=True).click()
    hours = page.locator("#settings-hours")
    expect(hours.get_by_role("combobox", name="Time zone")).to_have_value("America/New_York")
    expect(hours.locator(".range-row").last.get_by_label("Closes at")).to_have_value("00:00")
