"""Team work in Chromium: two advocates and a supervisor on one shift.

Alice takes the next conversation and hands it to Bea with a note, which Bea
reads in the conversation; Alice takes the next one and ends her shift
through the handoff walk-through; Sam's supervisor view shows who is on
duty and at what load.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.console.test_browser import (
    ConsoleServer,
    assert_accessible,
    serve_console,
    sign_in,
    with_browser,
)

pytestmark = pytest.mark.browser

NOTE = "She is safe until 9 tonight; call back about the shelter."
SHIFT_NOTE = "Waiting for her answer about the appointment."


def test_take_hand_on_read_the_note_end_the_shift_and_supervise(tmp_path: Path) -> None:
    with serve_console(tmp_path, "tests.team.browser_setup") as server:
        with_browser(lambda browser: one_shift(server, browser))


def console(server: ConsoleServer, browser: Any, who: str, problems: list[str]) -> Any:
    person = server.setup[who]
    page = browser.new_context(locale="en-US", timezone_id="UTC").new_page()
    page.on("pageerror", lambda error: problems.append(f"{who}: {error}"))
    page.goto(f"{server.url}/console/")
    sign_in(page, person["email"], person["passphrase"], person["totp_secret"])
    page.get_by_role("heading", name="Your shift").wait_for(timeout=30_000)
    return page


def one_shift(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    alice = console(server, browser, "alice", problems)
    shift = alice.locator("#shift-bar")
    expect(shift).to_contain_text("Off duty")
    expect(shift).to_contain_text("2 waiting")
    expect(alice.get_by_role("button", name="Take next")).to_be_disabled()
    alice.get_by_role("button", name="Go on duty").click()
    expect(shift).to_contain_text("On duty since")

    bea = console(server, browser, "bea", problems)
    bea.get_by_role("button", name="Go on duty").click()
    expect(bea.locator("#shift-bar")).to_contain_text("0 of 3 conversations")

    # Alice takes the next conversation: the one that has waited longest.
    alice.get_by_role("button", name="Take next").click()
    crew = alice.locator("#conversation-team")
    expect(crew).to_contain_text("You hold this conversation")
    expect(alice.get_by_role("heading", name=re.compile("Texter ending 0101"))).to_be_visible()
    expect(shift).to_contain_text("1 of 3 conversations")
    assert_accessible(alice, "shift and conversation")

    # She hands it to Bea with a note.
    crew.get_by_role("button", name="Hand on…").click()
    dialog = alice.get_by_role("dialog", name=re.compile("Hand on the conversation"))
    dialog.get_by_role("radio", name=re.compile("Bea")).check()
    dialog.get_by_role("textbox", name="Handoff note").fill(NOTE)
    assert_accessible(alice, "transfer dialog")
    dialog.get_by_role("button", name="Hand on", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(crew).to_contain_text("Held by Bea")

    # Bea's console shows it as hers, live; the note opens in her page.
    row = bea.get_by_role("button", name=re.compile("Texter ending 0101"))
    expect(row).to_contain_text("Yours", timeout=15_000)
    row.click()
    notes = bea.get_by_role("region", name="Handoff notes")
    expect(notes).to_contain_text("From Alice to you")
    expect(notes).to_contain_text(NOTE)
    expect(bea.locator("#shift-bar")).to_contain_text("1 of 3 conversations")

    # Alice takes the next one with the keyboard (t), then ends her shift
    # through the walk-through.
    alice.locator("#main").focus()
    alice.keyboard.press("t")
    expect(alice.get_by_role("heading", name=re.compile("Texter ending 0202"))).to_be_visible()
    alice.get_by_role("button", name="End shift…").click()
    walk = alice.get_by_role("dialog", name="End your shift")
    handoff = walk.get_by_role("group", name=re.compile("Texter ending 0202"))
    handoff.get_by_label("Hand to").select_option(label="Back to the queue")
    handoff.get_by_role("textbox", name="Handoff note").fill(SHIFT_NOTE)
    assert_accessible(alice, "end of shift")
    walk.get_by_role("button", name="Hand on and go off duty").click()
    expect(walk).to_be_hidden()
    expect(shift).to_contain_text("Off duty")
    expect(shift).to_contain_text("1 waiting")

    # Sam sees the shift at a glance.
    sam = console(server, browser, "sam", problems)
    sam.get_by_role("button", name="Supervision").click()
    staff = sam.get_by_role("table")
    expect(staff.get_by_role("row", name=re.compile("Bea"))).to_contain_text("1 of 3")
    expect(staff.get_by_role("row", name=re.compile("Alice"))).to_contain_text("Off duty")
    expect(sam.get_by_role("list", name="Queue health")).to_contain_text("1 waiting")
    assert_accessible(sam, "supervision")

    # French, in place.
    sam.get_by_role("button", name="Français").click()
    expect(sam.get_by_role("list", name="État de la file")).to_contain_text("1 en attente")
    assert problems == []
