"""Crisis triage in the console, in Chromium against a real server.

A texter's message with crisis words arrives through the provider's signed
webhook: the supervisor's console alerts (banner and assertive live region)
and marks the conversation. A supervisor edits a lexicon, tries it, saves it.
The server, its data and Ada (an admin, so a supervisor, nobody being on
duty) come from tests/console/browser_setup.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.console.test_browser import ConsoleServer, assert_accessible, sign_in, with_browser

pytestmark = pytest.mark.browser

TEXTER = "+15145550199"


def signed_in_page(server: ConsoleServer, browser: Any) -> Any:
    from playwright.sync_api import expect

    page = browser.new_context(locale="en-US", timezone_id="UTC").new_page()
    page.goto(f"{server.url}/console/")
    sign_in(page, server.setup["email"], server.setup["passphrase"], server.setup["totp_secret"])
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Live updates on")).to_be_visible()
    return page


def text_in(server: ConsoleServer, body: str) -> None:
    response = server.fake.inbound(
        server.sms_hook, sender=TEXTER, to=server.setup["address"], body=body
    )
    assert response.status_code == 200, response.text


def test_a_crisis_text_alerts_the_supervisor_and_marks_the_conversation(
    console_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: alerts_and_marks(console_server, browser))


def alerts_and_marks(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    page = signed_in_page(server, browser)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    text_in(server, "took all my sleeping pills. just wanted to say goodbye")

    alerts = page.get_by_role("region", name="Crisis alerts")
    expect(alerts).to_contain_text(
        "Crisis: suicide risk in the conversation with Texter ending 0199."
    )
    expect(page.locator("#crisis-live")).to_have_text(
        "Crisis alert. Crisis: suicide risk in the conversation with Texter ending 0199."
    )
    row = page.get_by_role("button", name=re.compile("Crisis: suicide risk.*Texter ending 0199"))
    expect(row).to_be_visible()
    # The conversation that is not flagged carries no marker.
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).not_to_contain_text(
        "Crisis"
    )
    assert_accessible(page, "crisis alert")

    alerts.get_by_role("button", name="Open the conversation").click()
    expect(page.locator("#conversation-crisis")).to_contain_text("Crisis: suicide risk")
    expect(page.get_by_role("list", name="Messages")).to_contain_text("say goodbye")
    expect(alerts).to_be_hidden()

    # Immediate danger next: the category rises and the supervisor is alerted again.
    text_in(server, "he's at the door, he has a knife")
    expect(alerts).to_contain_text(
        "Crisis raised from suicide risk to immediate danger in the conversation with "
        "Texter ending 0199."
    )
    expect(page.locator("#conversation-crisis")).to_contain_text("Crisis: immediate danger")

    page.get_by_role("button", name="Français").click()
    expect(page.locator("#conversation-crisis")).to_contain_text("Crise : danger immédiat")
    expect(page.get_by_role("region", name="Alertes de crise")).to_be_visible()
    assert problems == []


def test_a_supervisor_tries_then_saves_a_lexicon(console_server: ConsoleServer) -> None:
    with_browser(lambda browser: tries_and_saves(console_server, browser))


def tries_and_saves(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    page = signed_in_page(server, browser)
    page.get_by_role("button", name="Crisis words").click()
    expect(page.get_by_role("heading", name="Crisis triage words")).to_be_visible()
    page.get_by_role("combobox", name="Category").select_option(label="Immediate danger")
    page.get_by_role("combobox", name="Language").select_option(label="English")
    terms = page.get_by_role("textbox", name="Terms, one per line")
    expect(terms).to_have_value(re.compile("at my door"))
    expect(page.get_by_text("This is Havre's built-in list.", exact=False)).to_be_visible()

    sample = page.get_by_role("textbox", name="Sample text, one message per line")
    sample.fill("the pineapple is here\nI'm not suicidal")
    page.get_by_role("button", name="Try", exact=True).click()
    results = page.locator(".triage-results")
    expect(results).to_contain_text("Line 1: no crisis.")
    expect(results).to_contain_text(
        "Line 2: no crisis. Not counted: “suicidal” (Suicide risk, English), denied."
    )

    # Unsaved, the new term already counts when trying.
    terms.press("Control+End")
    terms.press_sequentially("\npineapple")
    expect(page.get_by_text("Unsaved changes.", exact=False)).to_be_visible()
    page.get_by_role("button", name="Try", exact=True).click()
    expect(results).to_contain_text(
        "Line 1: Crisis: immediate danger. Counted: “pineapple” (Immediate danger, English)."
    )
    assert_accessible(page, "lexicon editor")

    page.get_by_role("button", name="Save this list").click()
    expect(page.get_by_text("Saved. New texts are checked against it from now on.")).to_be_visible()
    expect(page.get_by_text(re.compile("Edited by Ada"))).to_be_visible()

    # The saved list applies to the next text that arrives.
    text_in(server, "pineapple")
    expect(page.get_by_role("region", name="Crisis alerts")).to_contain_text(
        "Crisis: immediate danger in the conversation with Texter ending 0199."
    )

    page.get_by_role("button", name="Go back to the built-in list").click()
    page.get_by_role("button", name="Yes, go back to the built-in list").click()
    expect(page.get_by_text("Back to the built-in list.")).to_be_visible()
    expect(terms).not_to_have_value(re.compile("pineapple"))
