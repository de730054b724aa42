"""The safety tools in Chromium against a real ASGI server.

An advocate records a code word (which the page never shows and the server
receives only sealed), verifies a right and a wrong attempt, and blocks the
texter with a label; a supervisor reads the label in the block list and
lifts the block. Writing first refuses numbers that differ and sends only
once the last digits are confirmed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from havre.vault.formats import ENC_SIZE, TAG_SIZE, b64d
from tests.console.test_browser import (
    ConsoleServer,
    assert_accessible,
    serve_console,
    sign_in,
    with_browser,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CODE_WORD = "Tournesol bleu"
LABEL = "Prank caller, Friday nights"


@pytest.fixture
def safety_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    with serve_console(tmp_path, "tests.safety.browser_setup") as server:
        yield server


def open_console(
    browser: Any, server: ConsoleServer, who: str
) -> tuple[Any, Any, list[Any], list[str]]:
    """A signed-in page for `who` ("advocate" or "supervisor"), recording its requests."""
    from playwright.sync_api import expect

    person = server.setup[who]
    context = browser.new_context(locale="en-US", timezone_id="UTC")
    page = context.new_page()
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{server.url}/console/")
    expect(page.get_by_role("heading", name="Sign in to the console")).to_be_visible()
    sign_in(page, person["email"], person["passphrase"], person["totp"])
    expect(page.get_by_text("Live updates on")).to_be_visible(timeout=30_000)
    return context, page, requests, problems


def check_ins_come_due(server: ConsoleServer) -> None:
    """Moves the database's clock on, in the server's own environment."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        HAVRE_MODE="test",
        HAVRE_DATA_DIR=str(server.log.parent / "data"),
        DJANGO_SETTINGS_MODULE="havre.settings",
    )
    subprocess.run(
        [sys.executable, "-m", "tests.safety.browser_setup", "due-now"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )


def bodies(requests: list[Any]) -> str:
    return "\n".join(r.post_data or "" for r in requests)


def field_values(page: Any) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('input, textarea')].map((e) => e.value)"
    )


def test_code_word_block_and_lift(safety_server: ConsoleServer) -> None:
    with_browser(lambda browser: code_word_block_and_lift(safety_server, browser))


def test_write_first_confirms_the_number(safety_server: ConsoleServer) -> None:
    with_browser(lambda browser: write_first(safety_server, browser))


def code_word_block_and_lift(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    context, page, requests, problems = open_console(browser, server, "advocate")
    page.get_by_role("button", name=re.compile("Texter ending 0123")).click()
    messages = page.get_by_role("list", name="Messages")
    # The glossary explains abbreviations in the texter's words.
    expect(messages.locator("abbr", has_text="idk")).to_have_attribute("title", "I don't know")
    expect(messages.locator("abbr", has_text="jsp")).to_have_attribute(
        "title", "je sais pas: I don't know"
    )
    # Advocates get no block list.
    expect(page.get_by_role("heading", name="Blocked numbers")).to_be_hidden()

    # The code word is typed into a masked field and leaves the page sealed.
    page.locator("summary", has_text="Code word").click()
    word = page.get_by_label("Code word agreed with the person")
    expect(word).to_have_attribute("type", "password")
    expect(word).to_have_attribute("autocomplete", "off")
    word.fill(CODE_WORD)
    with page.expect_response(re.compile(r"/safety/conversations/.+/code-word$")) as saved:
        page.get_by_role("button", name="Save the code word").click()
    assert saved.value.status == 200
    expect(page.locator("summary", has_text="Code word")).to_contain_text("recorded")
    [request] = [r for r in requests if r.url.endswith("/code-word") and r.method == "POST"]
    sealed = json.loads(request.post_data)
    assert set(sealed) == {"sealed", "epoch"}
    assert len(b64d(sealed["sealed"])) == ENC_SIZE + 64 + TAG_SIZE
    assert_accessible(page, "code word")

    # Verified here: a right attempt (other case and spacing) and a wrong one.
    attempt = page.get_by_label("What the person says")
    expect(attempt).to_have_attribute("type", "password")
    attempt.fill("  tournesol BLEU ")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#codeword-result")).to_have_text("Matches the code word.")
    attempt.fill("tournesol rouge")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#codeword-result")).to_have_text("Does not match the code word.")

    # Never on the page, never in a request, in any form.
    html = page.content().lower()
    sent = bodies(requests).lower()
    for secret in ("tournesol", "bleu"):
        assert secret not in html, secret
        assert secret not in sent, secret
        assert all(secret not in value.lower() for value in field_values(page)), secret

    # Check-ins: a reminder to the advocate when one comes due, never a text.
    page.locator("summary", has_text="Check-ins").click()
    page.get_by_label("Remind me").select_option(label="every day")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("summary", has_text="Check-ins")).to_contain_text("every day")
    check_ins_come_due(server)
    server.fake.inbound(server.sms_hook, sender=setup["texter"], to=setup["address"], body="ok")
    due = page.locator("#checkin-due")
    expect(due).to_contain_text("Check-in due. Ask whether it is still safe to text.")
    expect(page.locator(".inbox-row .badge-checkin")).to_have_text("Check-in due")
    assert_accessible(page, "check-in due")
    page.get_by_role("button", name="Done, I asked").click()
    expect(due).to_be_hidden()
    expect(page.get_by_text(re.compile("Next check-in: "))).to_be_visible()
    assert server.fake.sent == []

    # Block the texter, with a label sealed here.
    page.locator("summary", has_text="Block this number").click()
    page.get_by_label("Label, to recognise this block later").fill(LABEL)
    page.get_by_role("button", name="Block and close the conversation").click()
    # Like closing, blocking asks first.
    page.get_by_role("button", name="Yes, block and close").click()
    expect(
        page.get_by_text(re.compile("This conversation is closed: its number was blocked"))
    ).to_be_visible()
    expect(page.locator("#announcer")).to_contain_text("Number blocked.")
    assert LABEL.lower() not in bodies(requests).lower()
    # The texter writes again: acknowledged, but nothing reaches the console.
    answer = server.fake.inbound(
        server.sms_hook, sender=setup["texter"], to=setup["address"], body="open up"
    )
    assert answer.status_code == 200
    expect(page.get_by_text("No open conversations.")).to_be_visible()
    assert problems == []
    context.close()

    # A supervisor reads the label, never the number, and lifts the block.
    context, page, _requests, problems = open_console(browser, server, "supervisor")
    page.get_by_role("button", name="Show the list").click()
    expect(page.locator(".block-label")).to_have_text(LABEL)
    html = page.content()
    for form in ("5145550123", "514 555 0123", "514-555-0123", "0123"):
        assert form not in html, form
    assert_accessible(page, "block list")
    page.get_by_role("button", name=f"Lift the block: {LABEL}").click()
    page.get_by_role("button", name="Yes, lift it").click()
    expect(page.get_by_text("No number is blocked.")).to_be_visible()
    expect(page.locator("#announcer")).to_contain_text("Block lifted.")
    server.fake.inbound(server.sms_hook, sender=setup["texter"], to=setup["address"], body="hi")
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible()
    assert problems == []
    context.close()


def write_first(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    context, page, requests, problems = open_console(browser, server, "advocate")
    page.get_by_role("button", name="Write first to a client").click()
    first = page.get_by_label("Number to write to")
    again = page.get_by_label("The same number again")
    for field in (first, again):
        expect(field).to_have_attribute("autocomplete", "off")
        assert field.get_attribute("name") is None
    first.fill("+1 514 555 8139")
    again.fill("+1 514 555 8193")
    page.get_by_label("First message").fill("Hello, it's the helpline. Is now a good time?")
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_role("alert").filter(has_text="The two numbers are not the same.")
    ).to_be_visible()
    assert_accessible(page, "write first")

    again.fill("+1 514 555 8139")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You are about to write to a number ending in 81 39.")).to_be_visible()
    digits = page.get_by_label("Last digits")
    digits.fill("8193")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="not the last digits")).to_be_visible()
    assert not [r for r in requests if "write-first" in r.url]

    digits.fill("8139")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("heading", name="Conversation with Texter ending 8139")).to_be_visible(
        timeout=15_000
    )
    reply = page.get_by_role("list", name="Messages").get_by_role("listitem")
    expect(reply).to_contain_text("Is now a good time?")
    expect(reply).to_contain_text("Status: Delivered", timeout=15_000)
    [call] = server.fake.sent
    assert (call.to, call.body) == ("+15145558139", "Hello, it's the helpline. Is now a good time?")
    assert field_values(page).count("+1 514 555 8139") == 0
    assert problems == []
    context.close()
