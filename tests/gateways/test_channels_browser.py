"""In the console, each conversation says its channel, what that channel lets others see, and
(on WhatsApp and Messenger) until when a reply may go, in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.console.test_browser import assert_accessible, serve_console, sign_in, with_browser

pytestmark = pytest.mark.browser


def test_each_conversation_says_its_channel_its_privacy_and_its_reply_window(tmp_path: Path):
    with serve_console(tmp_path, "tests.gateways.channels_browser_setup") as server:
        with_browser(lambda browser: _channels_shown(server, browser))


def _channels_shown(server: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    setup = server.setup
    page = browser.new_context(locale="en-US", timezone_id="UTC").new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{server.url}/console/")
    sign_in(page, setup["email"], setup["passphrase"], setup["totp_secret"])
    meta = page.locator("#conversation-meta")
    privacy = page.locator("#conversation-privacy")
    window = page.locator("#reply-window")
    reply = page.get_by_role("textbox", name="Reply")

    page.get_by_role("button", name=re.compile("Texter ending 1202")).click(timeout=30_000)
    expect(meta).to_contain_text("By WhatsApp, to +15550783881")
    expect(privacy).to_have_text(re.compile("^WhatsApp: encrypted from her phone to Meta"))
    expect(window).to_contain_text("WhatsApp lets the helpline reply until")
    expect(reply).to_be_enabled()
    assert_accessible(page, "whatsapp conversation")

    page.get_by_role("button", name=re.compile("Texter ending 1303")).click()
    expect(window).to_contain_text("that time ended")
    expect(reply).to_be_disabled()
    expect(page.get_by_role("button", name="Send reply")).to_be_disabled()
    assert_accessible(page, "whatsapp conversation past its window")

    page.get_by_role("button", name=re.compile("Texter ending 0101")).click()
    expect(meta).to_contain_text("By SMS, to +15555550111")
    expect(privacy).to_have_text(re.compile("^SMS: not encrypted"))
    expect(window).to_be_hidden()
    expect(reply).to_be_enabled()

    signal = page.get_by_role("button", name=re.compile("Signal"))
    signal.first.click()
    expect(privacy).to_have_text(
        "Signal: end-to-end encrypted to this helpline's Signal number, then handled by the "
        "server in clear."
    )

    page.get_by_role("button", name="Français").click()
    expect(privacy).to_have_text(re.compile("^Signal : chiffré de bout en bout"))
    page.get_by_role("button", name=re.compile("1303")).click()
    expect(window).to_contain_text("ne permet de répondre que dans les 24 heures")
    assert_accessible(page, "in French")
    assert problems == []
