"""The console in Chromium with 1,000 and 3,000 open conversations, and in a surge.

For each size, a throwaway server (uvicorn, SQLite, a fake Twilio) is seeded
by `bench.console_seed`, and Chromium signs in as an advocate. Measured:
- until usable: from the last sign-in click until the inbox shows its rows
  and its count;
- longest task: the longest main-thread task (PerformanceObserver
  "longtask") from that click until usable;
- in a surge: 200 texts arriving within about 10 s through the provider's
  signed webhook, half in listed conversations and half from new numbers;
  the longest main-thread task meanwhile, and how long after the first text
  the inbox had caught up (its count includes every new conversation). A
  webhook the server refuses is sent again, as a provider retries, and counted.
The baseline, in the same run, is the same page with 10 open conversations.
While a figure is measured the page is watched with `wait_for_function`, a
check of one element's text every 100 ms: Playwright's `expect` would build an
accessibility snapshot of the whole page each time a check failed, on the
page's own main thread, and its long tasks would count as the console's.
Bounded: three servers, 200 texts each, every request to 127.0.0.1.
"""

from __future__ import annotations

import os
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

SIZES = (10, 1000, 3000)
SURGE_TEXTS = 200
SURGE_SECONDS = 10.0
VIEWPORT = {"width": 1440, "height": 900}

WATCH_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
}).observe({ type: "longtask", buffered: true });
"""


def measure(server: Any, browser: Any, size: int) -> dict[str, float]:
    import pyotp
    from playwright.sync_api import expect

    setup = server.setup
    context = browser.new_context(locale="en-US", timezone_id="UTC", viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(WATCH_TASKS)
    page.goto(f"{server.url}/console/")
    page.get_by_role("textbox", name="Email").fill(setup["email"])
    page.get_by_role("textbox", name="Passphrase").fill(setup["passphrase"])
    page.get_by_role("button", name="Continue").click()
    code = page.get_by_role("textbox", name="Code")
    expect(code).to_be_visible(timeout=60_000)
    code.fill(pyotp.TOTP(setup["totp_secret"]).now())
    page.evaluate("window.__longest = 0")
    started = time.perf_counter()
    page.get_by_role("button", name="Sign in").click()
    wait_for_count(page, size, timeout_ms=120_000)
    usable = time.perf_counter() - started
    expect(page.locator("#inbox-list .inbox-row").first).to_be_visible()
    longest_at_load = float(page.evaluate("window.__longest"))
    expect(page.get_by_text("Live updates on")).to_be_visible(timeout=30_000)

    page.evaluate("window.__longest = 0")
    texters: list[str] = setup["texters"]
    picked = random.Random(size).sample(texters, min(len(texters), SURGE_TEXTS // 2))
    new = [f"+1438{5550000 + n:07d}" for n in range(SURGE_TEXTS - len(picked))]
    senders = picked + new
    random.Random(size + 1).shuffle(senders)
    surge_started = time.perf_counter()
    refused = send_surge(server, senders)
    sent_in = time.perf_counter() - surge_started
    wait_for_count(page, size + len(new), timeout_ms=180_000)
    caught_up = time.perf_counter() - surge_started
    longest_in_surge = float(page.evaluate("window.__longest"))
    context.close()
    return {
        "usable_s": usable,
        "longest_load_ms": longest_at_load,
        "surge_sent_s": sent_in,
        "caught_up_s": caught_up,
        "longest_surge_ms": longest_in_surge,
        "refused": refused,
    }


def wait_for_count(page: Any, open_count: int, timeout_ms: int) -> None:
    """Until the inbox says it holds `open_count` conversations and shows its first row."""
    page.wait_for_function(
        """(text) => document.getElementById("inbox-count")?.textContent === text
            && document.querySelector("#inbox-list .inbox-row") !== null""",
        arg=f"{open_count} open conversations",
        polling=100,
        timeout=timeout_ms,
    )


def send_surge(server: Any, senders: list[str]) -> int:
    """Each text leaves at its own moment across SURGE_SECONDS, a few at a time.

    A refused webhook is sent again a second later, as a provider retries;
    returns how many were refused at first.
    """
    setup = server.setup
    start = time.monotonic()
    step = SURGE_SECONDS / len(senders)
    refused: list[int] = []
    lock = threading.Lock()

    def send(i: int, sender: str) -> None:
        delay = start + i * step - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for attempt in range(3):
            response = server.fake.inbound(
                server.sms_hook, sender=sender, to=setup["address"], body="Are you still there?"
            )
            if response.status_code == 200:
                return
            with lock:
                refused.append(response.status_code)
            time.sleep(1 + attempt)
        raise RuntimeError(f"the server refused a text three times: {response.status_code}")

    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(send, i, s) for i, s in enumerate(senders)]:
            future.result()
    return len(refused)


def main() -> None:
    # The fake provider and the browser helpers are Havre's test tools: they need settings.
    os.environ.setdefault("HAVRE_MODE", "test")
    os.environ.setdefault("HAVRE_DATA_DIR", tempfile.mkdtemp(prefix="havre-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import logging

    import django

    django.setup()
    # The fake provider's and the HTTP client's lines would drown the figures.
    logging.disable(logging.INFO)
    from tests.console.test_browser import serve_console, with_browser

    results: dict[int, dict[str, float]] = {}
    for size in SIZES:
        os.environ["BENCH_CONSOLE_CONVERSATIONS"] = str(size)
        with (
            tempfile.TemporaryDirectory(prefix="havre-bench-console-") as tmp,
            serve_console(Path(tmp), "bench.console_seed") as server,
        ):
            with_browser(
                lambda browser, server=server, size=size: results.__setitem__(
                    size, measure(server, browser, size)
                )
            )
    base = results[SIZES[0]]
    print(f"console in Chromium (baseline: {SIZES[0]} open conversations, same run)")
    print(
        f"{'open':>6} {'usable s':>9} {'longest task ms':>16} "
        f"{'surge sent s':>13} {'caught up s':>12} {'longest in surge ms':>20} {'refused':>8}"
    )
    for size, r in results.items():
        print(
            f"{size:>6} {r['usable_s']:>9.2f} {r['longest_load_ms']:>16.0f} "
            f"{r['surge_sent_s']:>13.1f} {r['caught_up_s']:>12.1f} {r['longest_surge_ms']:>20.0f}"
            f" {r['refused']:>8.0f}"
        )
    for size, r in results.items():
        if size == SIZES[0]:
            continue
        print(
            f"{size} vs baseline: usable x{r['usable_s'] / max(base['usable_s'], 1e-9):.2f}, "
            f"longest task {r['longest_load_ms'] - base['longest_load_ms']:+.0f} ms at load, "
            f"{r['longest_surge_ms'] - base['longest_surge_ms']:+.0f} ms in the surge"
        )


if __name__ == "__main__":
    main()
