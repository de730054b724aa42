"""The simulator page in Chromium: a texter's text reaches the helpline, sealed,
and the helpline's reply comes back to the page, all over real HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings

from havre.conversations import actions
from havre.conversations.models import Delivery, Message
from havre.demo.fake import demo_fake, reset_demo_fake
from havre.gateways.twilio.fake import FakeTwilio
from havre.vault import formats
from tests.conftest import CHANNEL_A_SID, CHANNEL_A_TOKEN, CHROMIUM, SEALED_REPLY, need

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    # Playwright's sync API keeps an event loop in this thread; the test's own
    # database checks run between its calls, never inside the loop.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    need(
        CHROMIUM.exists(),
        f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield launched
        launched.close()


@pytest.fixture
def demo(live_server: Any, settings: Any, channel_a: Any) -> Iterator[FakeTwilio]:
    """The live server set up as `havre demo` sets itself up."""
    settings.HAVRE_PUBLIC_URL = live_server.url
    settings.HAVRE_TWILIO_API_BASE = live_server.url + "/simulator/twilio"
    static = django_settings.BASE_DIR / "static"
    if static not in [*settings.STATICFILES_DIRS]:
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static]
    reset_demo_fake()
    fake = demo_fake()
    fake.register_account(CHANNEL_A_SID, CHANNEL_A_TOKEN)
    fake.status_delay = 0.1
    yield fake
    fake.wait_for_callbacks()
    reset_demo_fake()


def wait_for(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_a_text_sent_from_the_page_is_stored_sealed_and_the_reply_comes_back(
    browser, demo, live_server, channel_a, keys_a, alice
):
    from playwright.sync_api import expect

    page = browser.new_page(locale="en-GB")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.goto(live_server.url + "/simulator/")
    expect(page.get_by_text("This is a demonstration.")).to_be_visible()

    text = "Bonjour, j'ai besoin d'aide 🙏"
    page.get_by_label("Text to send from +33 6 00 00 00 01").fill(text)
    page.get_by_label("Attach a photo").check()
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".bubble.from-texter .state")).to_have_text("Received by the helpline")

    message = Message.objects.get(direction="in")
    info = formats.message_info(keys_a.program.pk, message.conversation_id, message.pk, "in")
    assert keys_a.open(message.body_sealed, info) == text
    assert b"aide" not in bytes(message.body_sealed)
    assert message.media_count == 1
    assert demo.media_requests == []

    reply = actions.queue_reply(
        message.conversation,
        author=alice,
        message_id=uuid.uuid4(),
        body="We are here. Is it safe to text?",
        body_sealed=SEALED_REPLY,
        number="+33600000001",
        epoch=1,
    )
    # After the automatic replies to the first text, which go out first.
    expect(page.locator(".bubble.from-helpline").filter(has_text="We are here")).to_be_visible(
        timeout=15_000
    )
    expect(page.locator("#simulator-announcer")).to_contain_text("We are here")
    wait_for(lambda: Message.objects.get(pk=reply.pk).status == Delivery.DELIVERED)

    # A second texter, added from the form, has a thread of their own.
    page.get_by_label("Number of a new texter").fill("+33 6 00 00 00 07")
    page.get_by_role("button", name="Add a phone").click()
    page.get_by_label("Text to send from +33 6 00 00 00 07").fill("second texter")
    page.locator("#phone-33600000007").get_by_role("button", name="Send").click()
    expect(page.locator("#phone-33600000007 .state")).to_have_text("Received by the helpline")
    assert Message.objects.filter(direction="in").count() == 2
    assert errors == []
    assert_accessible(page)


def assert_accessible(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
