"""The inbox in Chromium: previews opened in the page, unread counts kept per member,
filters, the search over what the page decrypted, and a texter's earlier conversation.

Nothing the page decrypts or the member types in the search leaves the browser:
every request and websocket frame is recorded and searched for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.console.test_browser import (
    ConsoleServer,
    assert_accessible,
    serve_console,
    signed_in_page,
    with_browser,
)

pytestmark = pytest.mark.browser

SECRETS = (
    "Je voudrais parler de ma situation",
    "Il rentre bientôt",
    "He has a weapon",
    "Please hurry",
    "It is me again",
    "Last week I asked",
    "rentre",
    "5550222",
    "Prefers texts after 8 pm",
)


def played(tmp_path: Path, setup: str, flow: Callable[[ConsoleServer, Any], None]) -> None:
    """`flow` in Chromium, against a console server seeded by the set-up module `setup`."""
    with serve_console(tmp_path, setup) as server:
        with_browser(lambda browser: flow(server, browser))


def test_inbox_previews_unread_filters_search_and_earlier_conversations(tmp_path: Path) -> None:
    played(tmp_path, "tests.console.browser_inbox_setup", inbox_flow)


def row(page: Any, digits: str) -> Any:
    """The inbox row of the texter whose number ends in `digits`, in either language."""
    return page.locator("#inbox-list .inbox-row").filter(has_text=digits)


def inbox_flow(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    page = signed_in_page(server, browser, {"width": 1280, "height": 900})
    sent, problems = page.sent, page.problems

    # Each row's last message, opened here, and how many texts this member has not read.
    maison, crisis, returning = row(page, "0111"), row(page, "0222"), row(page, "0333")
    expect(maison).to_contain_text("Il rentre bientôt", timeout=30_000)
    expect(maison).to_contain_text("2 unread texts")
    expect(crisis).to_contain_text("Please hurry")
    expect(returning).to_contain_text("1 unread text")
    expect(page.locator("#inbox-count")).to_have_text("3 open conversations")
    assert_accessible(page, "inbox with previews")

    # Filters.
    show = page.get_by_label("Show")
    show.select_option("crisis")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(1)
    expect(crisis).to_be_visible()
    expect(page.locator("#inbox-count")).to_have_text("1 conversation shown of 3 open")
    show.select_option("mine")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(0)
    expect(page.get_by_text("No open conversation matches these filters.")).to_be_visible()
    assert_accessible(page, "inbox filtered to nothing")
    show.select_option("queue")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(3)
    show.select_option("all")

    # The search looks through what this page decrypted, and says the server cannot.
    expect(page.get_by_text(re.compile("The server cannot search"))).to_be_visible()
    search = page.get_by_role("searchbox", name="Search this page")
    search.fill("rentre")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(1)
    expect(maison).to_be_visible()
    search.fill("514 555 0222")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(1)
    expect(crisis).to_be_visible()
    search.fill("")
    expect(page.locator("#inbox-list .inbox-row")).to_have_count(3)

    # Opening a conversation reads it: its count goes, the others' stay.
    maison.click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_text("Il rentre bientôt")).to_be_visible()
    expect(maison).not_to_contain_text("unread")
    expect(crisis).to_contain_text("2 unread texts")

    # The notices' previews read as the texter would get them: no placeholder left.
    page.get_by_text("Send a notice", exact=True).click()
    previews = page.locator(".notice-preview")
    expect(previews.first).to_be_visible()
    assert all("{" not in text for text in previews.all_inner_texts())
    expect(previews.filter(has_text="Refuge du test").first).to_be_visible()
    page.get_by_text("Send a notice", exact=True).click()

    # Her first text said French; an advocate can change the language of her notices.
    language = page.get_by_label("Texter's language")
    expect(language).to_have_value("fr")
    language.select_option("en")
    expect(page.locator("#announcer")).to_contain_text("The texter's language is now English.")
    expect(language).to_have_value("en")

    # A note for the team, sealed here, shows in the side panel once stored.
    page.get_by_label("Write a note").fill("Prefers texts after 8 pm")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator("#announcer")).to_contain_text("Note saved.")
    expect(page.locator(".crew-notes")).to_contain_text("Prefers texts after 8 pm")
    expect(page.locator(".crew-notes")).to_contain_text("Note by")
    expect(page.get_by_label("Write a note")).to_have_value("")
    assert_accessible(page, "side panel with a note")

    # A texter's earlier conversation, kept by an ongoing relationship, opens from her new one.
    returning.click()
    expect(messages.get_by_text("It is me again, from last week")).to_be_visible()
    related = page.locator("#conversation-related")
    expect(related).to_contain_text("This texter wrote before (ongoing relationship):")
    assert_accessible(page, "conversation with an earlier one")
    related.get_by_role("button", name=re.compile("Conversation begun")).click()
    expect(messages.get_by_text("Last week I asked about shelters")).to_be_visible()
    expect(
        related.get_by_role("button", name=re.compile("Open conversation, begun"))
    ).to_be_visible()

    # French, in place.
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_label("Chercher dans cette page")).to_be_visible()
    expect(crisis).to_contain_text("2 textes non lus")
    expect(related).to_contain_text("Cette personne a déjà écrit")
    # Back to English, once the server has it too (the page reloads below).
    # The answer to the English choice: the French one may still be on its way under load.
    with page.expect_response(
        lambda r: r.url.endswith("/language") and r.ok and '"en"' in (r.request.post_data or "")
    ):
        page.get_by_role("button", name="English").click()

    # The server keeps what she read: after a reload, only the unread remain counted.
    page.reload()
    page.get_by_role("textbox", name="Passphrase").fill(setup["passphrase"])
    page.get_by_role("button", name="Unlock").click()
    expect(crisis).to_contain_text("2 unread texts", timeout=30_000)
    expect(maison).to_contain_text("Il rentre bientôt")
    expect(maison).not_to_contain_text("unread")
    expect(returning).not_to_contain_text("unread")

    for secret in SECRETS:
        leaked = [item.split("\n", 1)[0] for item in sent if secret in item]
        assert leaked == [], f"{secret!r} left the page: {leaked}"

    # Blocking asks first, like closing; the closed conversation then says it was blocked.
    # (Blocking sends the number, so that the server can key it; the label goes sealed.)
    crisis.click()
    expect(messages.get_by_text("Please hurry")).to_be_visible()
    page.get_by_text("Block this number", exact=True).click()
    page.get_by_label("Label, to recognise this block later").fill("Threats, weapon")
    page.get_by_role("button", name="Block and close the conversation").click()
    expect(
        page.get_by_text(re.compile("Block this number and close the conversation now"))
    ).to_be_visible()
    assert_accessible(page, "block confirmation")
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Close conversation")).to_be_visible()
    page.get_by_role("button", name="Block and close the conversation").click()
    page.get_by_role("button", name="Yes, block and close").click()
    expect(page.locator("#conversation-notice")).to_contain_text("its number was blocked")
    expect(page.locator("#inbox-count")).to_have_text("2 open conversations")

    # On a phone: the list with its filters, one pane at a time.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Back to the list").click()
    expect(page.get_by_role("searchbox", name="Search this page")).to_be_visible()
    assert_accessible(page, "inbox on a phone")

    assert [item for item in sent if "Threats, weapon" in item] == []
    assert problems == []
    page.context.close()


def test_supervision_caps_its_lists_and_opens_the_rest_in_the_inbox(tmp_path: Path) -> None:
    played(tmp_path, "tests.console.browser_surge_setup", capped_lists)


def capped_lists(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    flagged = int(server.setup["flagged"])
    page = signed_in_page(server, browser, {"width": 390, "height": 844})
    expect(page.locator("#inbox-count")).to_have_text(
        f"{flagged + 1} open conversations", timeout=30_000
    )
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Supervision").click()
    crisis = page.locator("section[aria-labelledby='crisis-title']")
    expect(crisis.locator("li")).to_have_count(10)
    expect(crisis).to_contain_text(f"10 conversations shown of {flagged}.")
    # On a phone the supervisor's screen fits its width.
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page, "supervision on a phone")
    crisis.get_by_role("button", name=f"Show all {flagged} in the inbox").click()
    expect(page.get_by_label("Show")).to_have_value("crisis")
    expect(page.locator("#inbox-count")).to_have_text(
        f"{flagged} conversations shown of {flagged + 1} open"
    )
    page.context.close()
