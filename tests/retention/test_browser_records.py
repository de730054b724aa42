"""The Records area and the ongoing relationship in Chromium, against a real server.

An admin opens Records: the retention policy shows its safe defaults, a
duration that is not one is refused in words beside its field, and "0s" is
stored. `havre purge` then erases the conversation closed in the set-up and
its report shows counts and a duration. The audit log shows the change, and
filters by kind and by member. An advocate sees no Records area and the API
answers her 403; she marks an ongoing relationship in her conversation's side
panel and ends it, each after a confirmation that says what it does, and the
admin reads both, and her opening of the conversation, in the audit log. A
conversation the sweep found idle with the texter's text last says that she
is owed the closing notice, and one click closes it with the notice.
axe-core finds no violation on any of these screens.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.console.test_browser import ROOT, ConsoleServer, serve_console, sign_in, with_browser
from tests.reports.test_browser import assert_no_violation

pytestmark = pytest.mark.browser

RECORDS_API = (
    "/console/api/records/policy",
    "/console/api/records/purges",
    "/console/api/records/audit",
)


def test_an_admin_keeps_the_records_and_an_advocate_cannot(tmp_path: Path) -> None:
    with serve_console(tmp_path, "tests.retention.browser_setup") as server:
        with_browser(lambda browser: keeps_the_records(server, browser, tmp_path))


def open_console(server: ConsoleServer, browser: Any, who: str) -> Any:
    person = server.setup[who]
    context = browser.new_context(
        locale="en-US", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{server.url}/console/")
    sign_in(page, person["email"], person["passphrase"], person["totp_secret"])
    page.locator("#lock-button:not([hidden])").wait_for(state="attached", timeout=30_000)
    return page


def purge(tmp_path: Path) -> dict[str, Any]:
    """`havre purge --json` on the server's database, as an operator runs it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVRE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        HAVRE_MODE="test",
        HAVRE_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="havre.settings",
    )
    done = subprocess.run(
        [sys.executable, "-m", "havre", "purge", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def keeps_the_records(server: ConsoleServer, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    ada = open_console(server, browser, "ada")
    ada.on("pageerror", lambda error: problems.append(str(error)))
    ada.get_by_role("button", name="Records").click()
    expect(ada.get_by_role("heading", name="Records", level=1)).to_be_visible()

    # The policy, with its safe defaults said beside each field.
    delete_after = ada.get_by_label("Delete a closed conversation's messages after")
    expect(delete_after).to_have_value("1d")
    expect(ada.locator("#policy-delete-after-hint")).to_contain_text("Default 1d; from 0s to 365d.")
    expect(ada.get_by_label("Close an open conversation idle for")).to_have_value("7d")
    expect(ada.get_by_label("Keep the audit log and purge reports for")).to_have_value("365d")
    expect(ada.get_by_text("No purge yet.")).to_be_visible()
    assert_no_violation(ada, "records")

    # A duration that is not one, then one out of bounds: refused, in words, beside the field.
    delete_after.fill("soon")
    ada.get_by_role("button", name="Save the retention").click()
    expect(ada.locator("#policy-delete-after-error")).to_have_text(
        "Not a duration: write it like 24h, 7d, 90m or 0s."
    )
    expect(delete_after).to_have_attribute("aria-invalid", "true")
    expect(delete_after).to_be_focused()
    assert_no_violation(ada, "records, a refused duration")
    idle = ada.get_by_label("Close an open conversation idle for")
    delete_after.fill("1d")
    idle.fill("5m")
    ada.get_by_role("button", name="Save the retention").click()
    expect(ada.locator("#policy-close-idle-after-error")).to_have_text("Choose from 1h to 365d.")

    # Nothing kept after closing: stored.
    idle.fill("7d")
    ada.get_by_label("Delete a closed conversation's messages after").fill("0s")
    ada.get_by_role("button", name="Save the retention").click()
    expect(ada.locator("#policy-status")).to_have_text("Saved.")
    stored = ada.request.get(f"{server.url}/console/api/records/policy").json()
    assert (stored["delete_after"], stored["close_idle_after"]) == ("0s", "7d")

    # The purge erases the conversation closed in the set-up; its report shows counts only.
    ran = purge(tmp_path)
    assert ran, ran
    ada.get_by_role("button", name="Conversations").click()
    ada.get_by_role("button", name="Records").click()
    report = ada.locator("#purge-table tbody tr").first
    expect(report).to_contain_text("the command line")
    expect(report).to_contain_text("conversations erased: 1")
    expect(report).to_contain_text(re.compile(r"\d+ ms"))
    assert server.setup["texter"] not in ada.locator("#view-records").inner_text()

    # The audit log: the change, by Ada.
    audit = ada.locator("#audit-table")
    expect(audit.get_by_role("row").filter(has_text="retention_set")).to_contain_text("Ada")
    ada.get_by_label("Kind").select_option(label="Retention changed")
    ada.get_by_role("button", name="Show", exact=True).click()
    expect(ada.locator("#audit-table tbody tr")).to_have_count(1)
    expect(ada.get_by_text("1 entry shown.")).to_be_visible()
    assert_no_violation(ada, "records, the audit log filtered")

    # An advocate: no Records area, and the API refuses her.
    alice = open_console(server, browser, "alice")
    alice.on("pageerror", lambda error: problems.append(str(error)))
    expect(alice.locator("#nav-records")).to_be_hidden()
    for path in RECORDS_API:
        assert alice.request.get(f"{server.url}{path}").status == 403, path
    refused = alice.request.post(
        f"{server.url}/console/api/records/policy",
        data=json.dumps({"delete_after": "365d"}),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf(alice)},
    )
    assert refused.status == 403

    # She marks an ongoing relationship, then ends it, each after a question.
    alice.get_by_role("button", name=re.compile("Texter ending 0123")).click()
    side = alice.locator("#relationship")
    expect(side).to_contain_text(
        "Not marked: when this conversation closes, its number and route are erased at once."
    )
    side.get_by_role("button", name="Mark an ongoing relationship").click()
    expect(side).to_contain_text("Keep her number and route after this conversation closes")
    assert_no_violation(alice, "relationship, the question")
    side.get_by_role("button", name="Mark it").click()
    expect(side).to_contain_text("Marked since")
    expect(alice.locator("#announcer")).to_contain_text("Ongoing relationship marked.")
    side.get_by_role("button", name="End the relationship").click()
    expect(side).to_contain_text(
        "Her number and route will be erased when this conversation closes."
    )
    side.get_by_role("button", name="End it").click()
    expect(side).to_contain_text("Not marked")
    assert_no_violation(alice, "relationship")

    # Marked again and closed: the list of ongoing relationships keeps it until she ends it.
    side.get_by_role("button", name="Mark an ongoing relationship").click()
    side.get_by_role("button", name="Mark it").click()
    expect(side).to_contain_text("Marked since")
    alice.get_by_role("button", name="Close conversation", exact=True).click()
    alice.locator("#close-with-notice").uncheck()
    alice.get_by_role("button", name="Yes, close it").click()
    expect(alice.get_by_text("This conversation is closed.")).to_be_visible(timeout=15_000)
    kept = alice.locator(".ongoing-relationships")
    kept.get_by_role("button", name=re.compile("Show closed conversations kept")).click()
    entry = kept.get_by_role("region", name=re.compile("Texter ending 0123"))
    expect(entry).to_contain_text("Marked since")
    assert_no_violation(alice, "the list of ongoing relationships")
    entry.get_by_role("button", name="End the relationship").click()
    expect(entry).to_contain_text("Her number and route are erased now")
    entry.get_by_role("button", name="End it").click()
    expect(kept).to_contain_text("None: every closed conversation's number is erased.")

    # The idle conversation she is owed the closing notice in: one click sends it and closes.
    idle = alice.get_by_role("button", name=re.compile("Texter ending 0177"))
    expect(idle).to_contain_text("closing notice owed")
    idle.click()
    owed = alice.locator("#owed-notice")
    expect(owed).to_contain_text("she is owed the closing notice")
    assert_no_violation(alice, "the closing notice owed")
    owed.get_by_role("button", name="Close with the closing notice").click()
    expect(alice.locator("#close-with-notice")).to_be_checked()
    alice.get_by_role("button", name="Yes, close it").click()
    expect(alice.get_by_text("This conversation is closed.")).to_be_visible(timeout=15_000)
    expect(owed).to_be_hidden()
    deadline = time.monotonic() + 15
    while not [c for c in server.fake.sent if c.to == server.setup["idle"]]:
        assert time.monotonic() < deadline, "the closing notice did not reach the provider"
        time.sleep(0.2)

    # The admin reads her acts in the audit log, filtered to her.
    ada.get_by_label("Kind").select_option(label="Any")
    ada.get_by_label("Member").select_option(label="Alice")
    ada.get_by_role("button", name="Show", exact=True).click()
    rows = ada.locator("#audit-table tbody")
    for action in ("opened", "relationship.ongoing", "relationship.ended"):
        expect(rows.get_by_role("cell", name=action, exact=True)).not_to_have_count(0)
    expect(rows).not_to_contain_text("Ada")
    assert_no_violation(ada, "records, the audit log of one member")

    # In French, in place.
    ada.get_by_role("button", name="Français").click()
    expect(ada.get_by_role("heading", name="Registres", level=1)).to_be_visible()
    expect(
        ada.get_by_label("Supprimer les messages d'une conversation fermée après")
    ).to_have_value("0s")
    expect(ada.locator("#purge-table")).to_contain_text("conversations effacées : 1")
    assert_no_violation(ada, "records, French")
    assert problems == []


def csrf(page: Any) -> str:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies.get("csrftoken", "")
