"""Pending crisis alerts and clearing a false flag, in Chromium against a real server.

An alert that fires while the supervisor's console is closed or locked is
shown when it opens, until she acknowledges it; a supervisor clears a false
flag with a reason, and the conversation loses its marker. Both flows in
English and in French. The server and Ada (an admin, so a supervisor, nobody
being on duty) come from tests/console/browser_setup.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.console.test_browser import ConsoleServer, assert_accessible, sign_in, with_browser

pytestmark = pytest.mark.browser


def text_in(server: ConsoleServer, body: str, sender: str) -> None:
    response = server.fake.inbound(
        server.sms_hook, sender=sender, to=server.setup["address"], body=body
    )
    assert response.status_code == 200, response.text


def open_console(server: ConsoleServer, browser: Any) -> Any:
    from playwright.sync_api import expect

    page = browser.new_context(locale="en-US", timezone_id="UTC").new_page()
    page.goto(f"{server.url}/console/")
    sign_in(page, server.setup["email"], server.setup["passphrase"], server.setup["totp_secret"])
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )
    return page


def unlock(server: ConsoleServer, page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#unlock-passphrase").fill(server.setup["passphrase"])
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text("Live updates on")).to_be_visible(timeout=30_000)


def test_an_alert_that_fired_while_the_console_was_closed_or_locked_waits_for_it(
    console_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: pending_alerts(console_server, browser))


def pending_alerts(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    # No console open anywhere when the first alert fires.
    text_in(server, "he said he's going to kill me when he gets home", "+15145550201")
    page = open_console(server, browser)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    alerts = page.get_by_role("region", name="Crisis alerts")
    expect(alerts).to_contain_text(
        re.compile(r"Crisis: immediate danger in the conversation with Texter ending 0201\. ")
    )
    expect(alerts).to_contain_text("(raised ")
    expect(page.locator("#crisis-live")).to_contain_text("Crisis alert.")
    assert_accessible(page, "pending crisis alert")

    # Locked: the alert leaves the page with the keys, and a new one fires meanwhile.
    page.get_by_role("button", name="Lock").click()
    expect(page.get_by_role("heading", name="The console is locked")).to_be_visible()
    expect(alerts).to_be_hidden()
    text_in(server, "j'ai pris toutes mes pilules", "+15145550202")
    unlock(server, page)
    expect(alerts.get_by_role("listitem")).to_have_count(2)
    expect(alerts).to_contain_text(
        "Crisis: suicide risk in the conversation with Texter ending 0202."
    )

    # Acknowledged, an alert is gone for good: not back after a reload.
    item = alerts.get_by_role("listitem").filter(has_text="0201")
    item.get_by_role("button", name="Acknowledge").click()
    expect(alerts.get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_role("button", name="Open the conversation")).to_be_focused()

    # The same in French, after a reload that asks for the passphrase again.
    page.reload()
    unlock(server, page)
    expect(alerts.get_by_role("listitem")).to_have_count(1)
    page.get_by_role("button", name="Français").click()
    french = page.get_by_role("region", name="Alertes de crise")
    expect(french).to_contain_text(
        "Crise : risque suicidaire dans la conversation avec Numéro finissant par 0202."
    )
    expect(french).to_contain_text("(signalée ")
    assert_accessible(page, "pending crisis alert, in French")
    french.get_by_role("button", name="Ouvrir la conversation").click()
    expect(french).to_be_hidden()
    expect(page.locator("#conversation-crisis")).to_contain_text("Crise : risque suicidaire")
    page.reload()
    page.locator("#unlock-passphrase").fill(server.setup["passphrase"])
    page.get_by_role("button", name="Déverrouiller").click()
    expect(page.get_by_text("Mises à jour en direct")).to_be_visible(timeout=30_000)
    expect(french).to_be_hidden()
    assert problems == []


def test_a_supervisor_clears_a_false_flag_with_a_reason(console_server: ConsoleServer) -> None:
    with_browser(lambda browser: clears_a_flag(console_server, browser))


def clears_a_flag(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    page = open_console(server, browser)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.get_by_role("button", name="Français").click()
    text_in(server, "omg mon père va me tuer quand il verra mon bulletin", "+15145550301")
    row = page.get_by_role("button", name=re.compile("Crise : danger immédiat.*0301"))
    row.click()
    marker = page.locator("#conversation-crisis")
    expect(marker).to_contain_text("Crise : danger immédiat")

    page.get_by_role("button", name="Ce signalement est une erreur…").click()
    question = page.get_by_role("group", name="Pourquoi ce signalement est-il une erreur ?")
    first_reason = question.get_by_role("radio", name="Une plaisanterie ou une façon de parler")
    expect(first_reason).to_be_focused(timeout=30_000)
    # A new text redraws the conversation's header: the supervisor half-way
    # through the form keeps her place.
    text_in(server, "bon je vais aller me coucher", "+15145550301")
    thread = page.get_by_role("list", name="Messages")
    expect(thread.get_by_text("bon je vais aller me coucher", exact=True)).to_be_visible(
        timeout=30_000
    )
    expect(first_reason).to_be_focused(timeout=30_000)
    page.get_by_role("button", name="Retirer le signalement").click()
    expect(
        page.get_by_role("alert").filter(has_text="Choisissez d'abord une raison.")
    ).to_be_visible()
    assert_accessible(page, "clearing a flag, in French")
    page.get_by_role("button", name="Garder le signalement").click()
    expect(marker).to_contain_text("Crise : danger immédiat")

    # In English this time, to the end.
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="This flag is wrong…").click()
    page.get_by_role("radio", name="A joke or a figure of speech").check()
    assert_accessible(page, "clearing a flag")
    page.get_by_role("button", name="Clear the flag").click()
    expect(marker).to_be_hidden()
    expect(page.locator("#announcer")).to_contain_text(
        "Flag cleared. The conversation is back in its place by wait time."
    )
    expect(page.get_by_role("button", name=re.compile("Texter ending 0301"))).not_to_contain_text(
        "Crisis"
    )
    # Its alert ended with the flag.
    expect(page.get_by_role("region", name="Crisis alerts")).to_be_hidden()
    assert problems == []
