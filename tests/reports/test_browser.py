"""The Reports section in Chromium, at desktop and phone sizes, in English and French.

A supervisor opens Reports: the queue-health strip says in words that the
queue is busy (someone has waited seven minutes); she picks the week of
tests/reports/seed.py and reads its charts, each with a description and a
table; the CSV downloads; the page speaks French in place. An admin sets
the threshold. axe-core finds no violation on any of these screens.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.console.test_browser import ConsoleServer, serve_console, sign_in, with_browser

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def assert_no_violation(page: Any, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert found == [], f"{where}: {found}"


def assert_fits(page: Any, where: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where}: {overflow}px wider than the screen"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_supervisor_reads_a_weeks_report_in_both_languages(tmp_path: Path, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    with serve_console(tmp_path, "tests.reports.browser_setup") as server:
        with_browser(lambda browser: read_the_week(server, browser, viewport, size))


def open_reports(server: ConsoleServer, browser: Any, who: str, viewport: dict[str, int]) -> Any:
    person = server.setup[who]
    context = browser.new_context(
        locale="en-US",
        timezone_id="Europe/Paris",
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        accept_downloads=True,
    )
    page = context.new_page()
    page.goto(f"{server.url}/console/")
    sign_in(page, person["email"], person["passphrase"], person["totp_secret"])
    page.locator("#lock-button:not([hidden])").wait_for(state="attached", timeout=30_000)
    open_menu(page)
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("heading", name="Queue right now").wait_for(timeout=30_000)
    return page


def open_menu(page: Any) -> None:
    """On a phone the header's sections and tools wait behind its menu button."""
    menu = page.locator("#site-header").get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()


def show_week(page: Any, first: str = "First day", last: str = "Last day") -> None:
    page.get_by_label(first).fill("2026-11-23")
    page.get_by_label(last).fill("2026-11-29")
    page.locator("#report-period button[type=submit]").click()


def read_the_week(server: ConsoleServer, browser: Any, viewport: dict[str, int], size: str) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    page = open_reports(server, browser, "sam", viewport)
    page.on("pageerror", lambda error: problems.append(str(error)))
    health = page.locator(".queue-health")
    expect(health).to_have_attribute("data-level", "busy")
    expect(health).to_contain_text("Busy: someone has waited over 5 minutes.")
    expect(health).to_contain_text("1 waiting")

    show_week(page)
    expect(page.get_by_role("status").filter(has_text="Report from")).to_contain_text(
        "Report from 2026-11-23 to 2026-11-29."
    )
    charts = page.get_by_role("img")
    expect(page.get_by_role("img", name="Contacts by day")).to_be_visible()
    expect(charts).to_have_count(6)
    figures = page.get_by_role("region", name="Key figures")
    expect(figures).to_contain_text("6")
    expect(figures).to_contain_text("fewer than 5")
    by_channel = page.locator("#chart-channels")
    by_channel.get_by_text("Show the figures as a table").click()
    expect(by_channel.get_by_role("row", name="Messenger")).to_contain_text("0")
    expect(by_channel.get_by_role("row", name="SMS")).to_contain_text("fewer than 5")
    assert_no_violation(page, f"reports, {size}, English")
    assert_fits(page, f"reports, {size}, English")

    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(Path(downloaded.value.path()).read_text())))
    assert ["contacts", "total", "6"] in rows
    assert ["contacts.by_channel", "phone", "<5"] in rows

    open_menu(page)
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("img", name="Contacts par jour")).to_be_visible()
    expect(page.get_by_role("heading", name="File d'attente en ce moment")).to_be_visible()
    expect(health).to_contain_text("Chargé : quelqu'un attend depuis plus de 5 minutes.")
    expect(page.get_by_role("region", name="Chiffres clés")).to_contain_text("moins de 5")
    assert_no_violation(page, f"reports, {size}, French")
    assert_fits(page, f"reports, {size}, French")

    # The console is still unlocked: the download did not leave the page.
    open_menu(page)
    expect(page.get_by_role("button", name="Verrouiller")).to_be_visible()
    assert problems == []

    admin = open_reports(server, browser, "ada", viewport)
    show_week(admin)
    threshold = admin.get_by_label("Withhold counts under")
    threshold.fill("3")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("Saved: counts under 3 are withheld.")).to_be_visible()
    expect(admin.locator("#chart-channels")).to_contain_text("Highest: SMS, 3.")
    assert_no_violation(admin, f"reports threshold, {size}")
    if size == "desktop":
        wrap_up_at_closing(admin)


def wrap_up_at_closing(page: Any) -> None:
    """The admin closes the waiting conversation and ticks a wrap-up: its code is counted."""
    from playwright.sync_api import expect

    page.get_by_label("Withhold counts under").fill("1")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved: counts under 1 are withheld.")).to_be_visible()
    page.get_by_role("button", name="Conversations").click()
    page.get_by_role("button", name=re.compile("Texter ending 0101")).click()
    page.get_by_role("button", name="Close conversation").click()
    dialog = page.locator("#close-confirm")
    expect(dialog.get_by_role("group", name="Kind of abuse")).to_be_visible()
    dialog.get_by_role("checkbox", name="Emotional or psychological").check()
    dialog.get_by_role("checkbox", name="Shelter").check()
    assert_no_violation(page, "close dialog with its wrap-up")
    page.get_by_role("button", name="Yes, close it").click()
    expect(page.get_by_text("This conversation is closed.")).to_be_visible()

    today = datetime.now(UTC).date()
    first, last = today - timedelta(days=1), today + timedelta(days=1)

    def counted() -> Any:
        url = f"/console/api/reports/figures?from={first}&to={last}"
        return page.evaluate("async (url) => (await (await fetch(url)).json()).wrapup", url)

    for _attempt in range(20):
        figures = counted()
        if figures["abuse"]["emotional"] == 1:
            break
        page.wait_for_timeout(250)
    assert figures["abuse"]["emotional"] == 1
    assert figures["referral"]["shelter"] == 1
    assert figures["abuse"]["physical"] == 0
