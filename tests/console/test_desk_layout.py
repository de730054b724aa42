"""The desk's frame in Chromium: three panes on a desktop, one at a time on a phone.

Opening a conversation shows its latest messages and the reply box at once:
the thread scrolls in its own pane and the page itself never scrolls. On a
phone the header is one line, the panes take turns, and the side panel opens
from the thread. Both languages, axe-core on every screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def desk_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    # A server per test: a second sign-in within the same 30 s would reuse a spent code.
    with serve_console(tmp_path, "tests.console.desk_setup") as server:
        yield server


def in_view(page: Any, selector: str) -> bool:
    """The element's whole box lies inside the window."""
    return bool(
        page.evaluate(
            """(selector) => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight + 1
                    && box.left >= 0 && box.right <= window.innerWidth + 1;
            }""",
            selector,
        )
    )


def page_scrolls(page: Any) -> bool:
    return bool(
        page.evaluate(
            "() => document.scrollingElement.scrollHeight > window.innerHeight + 1"
            " || document.scrollingElement.scrollWidth > window.innerWidth + 1"
        )
    )


def open_console(browser: Any, server: ConsoleServer, viewport: dict[str, int]) -> Any:
    from playwright.sync_api import expect

    page = signed_in_page(server, browser, viewport)
    expect(page.get_by_role("button", name=re.compile("Texter ending 0123"))).to_be_visible(
        timeout=30_000
    )
    return page


def desktop_shows_three_panes(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    page = open_console(browser, server, DESKTOP)
    assert not page_scrolls(page)
    assert_accessible(page, "desktop inbox")
    # The queue in the order it is served: she wrote first, so she is first; a page at a time.
    rows = page.locator("#inbox-list .inbox-row")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text("Texter ending 0123")
    expect(page.get_by_text("58 open conversations")).to_be_visible()
    page.get_by_role("button", name="Show more: 8 conversations not shown").click()
    expect(rows).to_have_count(58)
    expect(rows.last).to_contain_text("Texter ending 1056")
    expect(page.locator("#inbox-more")).to_be_hidden()

    # A text in a listed conversation fetches that conversation alone, not the inbox.
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    response = server.fake.inbound(
        server.sms_hook, sender=server.setup["others"][-1], to=server.setup["address"], body="More"
    )
    assert response.status_code == 200, response.text
    expect(rows.last).to_contain_text("New message")
    assert not any(url.endswith("/api/inbox") for url in asked), asked
    assert any("/api/conversations/" in url for url in asked), asked
    page.get_by_role("button", name=re.compile("Texter ending 0123")).click()
    messages = page.get_by_role("list", name="Messages")
    last = messages.get_by_text(server.setup["last_text"])
    expect(last).to_be_visible()
    # The latest message, the reply box and the side panel, all at once, with no page scroll.
    expect(page.get_by_role("textbox", name="Reply")).to_be_in_viewport()
    assert in_view(page, "#reply-form")
    assert in_view(page, "#message-list > li:last-child")
    assert in_view(page, "#inbox")
    expect(page.get_by_role("heading", name="About this conversation")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Tools and notes")).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    assert not page_scrolls(page)
    # The thread scrolls in its own pane; its earliest message is above, out of sight.
    assert page.evaluate(
        "() => { const l = document.getElementById('message-list'); return l.scrollHeight > l.clientHeight; }"
    )
    expect(messages.get_by_text("Message number 1 of the long thread")).not_to_be_in_viewport()
    assert_accessible(page, "desktop conversation")

    # Keyboard shortcuts: "?" lists them in a dialog that Escape closes.
    page.locator("#message-list").focus()
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Next conversation")
    assert_accessible(page, "keyboard shortcuts")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    # j and k go down and up the inbox, in its order.
    page.keyboard.press("j")
    expect(page.get_by_role("heading", name="Conversation with Texter ending 1000")).to_be_focused()
    page.keyboard.press("k")
    expect(page.get_by_role("heading", name="Conversation with Texter ending 0123")).to_be_focused()
    # r writes a reply; "/" in the empty box opens the quick replies, filtered as one types.
    reply = page.get_by_role("textbox", name="Reply")
    # The conversation's crew and safety panels finish drawing first.
    expect(page.locator("#conversation-team")).not_to_be_empty()
    # As an advocate would, press r once the reply box is there to take it.
    expect(reply).to_be_editable()
    page.keyboard.press("r")
    expect(reply).to_be_focused()
    page.keyboard.press("/")
    quick_filter = page.get_by_role("searchbox", name="Filter")
    expect(quick_filter).to_be_focused()
    expect(reply).to_have_value("")
    quick_filter.fill("cloud backups")
    quick = page.locator("#quick-replies .quick-reply")
    expect(quick.filter(visible=True)).to_have_count(1)
    expect(page.get_by_text("Matching quick replies: 1")).to_be_visible()
    assert_accessible(page, "quick replies filtered")
    quick_filter.press("Enter")
    expect(reply).to_be_focused()
    expect(reply).to_have_value(re.compile("^Cloud backups"))
    reply.fill("")
    # c asks before closing; Escape keeps it open.
    page.locator("#message-list").focus()
    page.keyboard.press("c")
    expect(page.get_by_role("button", name="Keep it open")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Keep it open")).to_be_hidden()
    # Typing in a field is never a shortcut.
    reply.fill("")
    reply.press("j")
    expect(reply).to_have_value("j")
    reply.fill("")

    # French, in place: the same frame.
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="À propos de cette conversation")).to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Réponse")).to_be_in_viewport()
    assert not page_scrolls(page)
    assert_accessible(page, "desktop conversation, French")
    page.get_by_role("button", name="English").click()
    assert page.problems == []
    page.context.close()


def phone_shows_one_pane_at_a_time(server: ConsoleServer, browser: Any) -> None:
    from playwright.sync_api import expect

    page = open_console(browser, server, PHONE)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    # A one-line header: the tools wait behind the menu button.
    header = page.locator("#site-header").bounding_box()
    assert header is not None
    assert header["height"] <= 64, header
    expect(page.get_by_role("button", name="Verrouiller")).to_be_hidden()
    assert not page_scrolls(page)
    assert_accessible(page, "phone inbox, French")
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("button", name="Verrouiller")).to_be_visible()
    assert_accessible(page, "phone menu, French")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Verrouiller")).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_be_focused()

    page.get_by_role("button", name=re.compile("Numéro finissant par 0123")).click()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_text(page_text(server))).to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Réponse")).to_be_in_viewport()
    assert in_view(page, "#reply-form")
    expect(page.locator("#inbox")).to_be_hidden()
    expect(page.locator("#conversation-side")).to_be_hidden()
    assert not page_scrolls(page)
    assert_accessible(page, "phone conversation, French")

    # The side panel takes the thread's place, and gives it back.
    page.get_by_role("button", name="Outils et notes").click()
    expect(page.get_by_role("heading", name="À propos de cette conversation")).to_be_focused()
    expect(messages).to_be_hidden()
    assert_accessible(page, "phone side panel, French")
    page.get_by_role("button", name="Retour à la conversation").click()
    expect(messages.get_by_text(page_text(server))).to_be_in_viewport()

    # English, in place, then back to the list.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("textbox", name="Reply")).to_be_in_viewport()
    assert_accessible(page, "phone conversation")
    page.get_by_role("button", name="Back to the list").click()
    expect(page.get_by_role("heading", name="Open conversations")).to_be_visible()
    expect(messages).to_be_hidden()
    assert page.problems == []
    page.context.close()


def page_text(server: ConsoleServer) -> str:
    return server.setup["last_text"]


def test_a_desktop_shows_inbox_thread_and_side_panel_without_scrolling_the_page(
    desk_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: desktop_shows_three_panes(desk_server, browser))


def test_a_phone_shows_one_pane_at_a_time_under_a_one_line_header(
    desk_server: ConsoleServer,
) -> None:
    with_browser(lambda browser: phone_shows_one_pane_at_a_time(desk_server, browser))
