"""`bench/crypto`: sealing and opening one message, in Python and in the browser.

Per message, at two sizes (a short text and a long one):
- Python, `havre.vault.formats.seal` / `open_sealed` (padding, then HPKE with
  DHKEM(X25519), HKDF-SHA256, AES-128-GCM), against a bare AES-128-GCM
  encryption of the same padded size under a fixed key: the AEAD that HPKE
  wraps, with no key agreement and no key schedule;
- the browser, the shipped bundle's `seal` / `openSealed` (`@hpke/core`) in
  Debian's Chromium on a page served from 127.0.0.1 (WebCrypto needs a secure
  context), against WebCrypto's AES-GCM of the same padded size.

Bounded: `BENCH_CRYPTO_COUNT` messages per measure (500 by default).

    python -m bench.crypto [--json]
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from havre.vault import formats

COUNT = int(os.environ.get("BENCH_CRYPTO_COUNT", "500"))
SIZES = (120, 1600)
CHROMIUM = Path("/usr/bin/chromium")
BUNDLE = Path(formats.__file__).resolve().parents[1] / "static" / "havre" / "crypto-selftest.js"
PAGE = b"""<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>
<script src="/crypto-selftest.js"></script></html>"""

IN_BROWSER = """
async ([publicKey, privateKey, size, count]) => {
  const c = window.HavreCrypto;
  const pub = c.b64d(publicKey), priv = c.b64d(privateKey);
  const text = new TextEncoder().encode("x".repeat(size));
  const infos = Array.from({ length: count }, (_, i) =>
    c.messageInfo("00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-" + String(i).padStart(12, "0"), "in"));
  let t = performance.now();
  const sealed = [];
  for (let i = 0; i < count; i++) sealed.push(await c.seal(pub, text, infos[i]));
  const sealMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < count; i++) await c.openSealed(priv, sealed[i], infos[i]);
  const openMs = performance.now() - t;

  const key = await crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
  const padded = c.pad(text);
  const boxes = [], ivs = [];
  t = performance.now();
  for (let i = 0; i < count; i++) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    ivs.push(iv);
    boxes.push(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, padded));
  }
  const aeadSealMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < count; i++) await crypto.subtle.decrypt({ name: "AES-GCM", iv: ivs[i] }, key, boxes[i]);
  const aeadOpenMs = performance.now() - t;
  return { seal: sealMs / count, open: openMs / count, aead_seal: aeadSealMs / count, aead_open: aeadOpenMs / count };
}
"""


def per_message_ms(run: Callable[[int], None], count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        run(i)
    return 1000 * (time.perf_counter() - start) / count


def python_figures(size: int, count: int) -> dict[str, float]:
    private_key, public_key = formats.generate_keypair()
    text = b"x" * size
    program, conversation = uuid.uuid4(), uuid.uuid4()
    infos = [formats.message_info(program, conversation, uuid.uuid4(), "in") for _ in range(count)]
    sealed: list[bytes] = []
    seal = per_message_ms(lambda i: sealed.append(formats.seal(public_key, text, infos[i])), count)
    opened = per_message_ms(lambda i: formats.open_sealed(private_key, sealed[i], infos[i]), count)
    aead = AESGCM(os.urandom(16))
    padded = formats.pad(text)
    nonces = [os.urandom(12) for _ in range(count)]
    boxes: list[bytes] = []
    aead_seal = per_message_ms(lambda i: boxes.append(aead.encrypt(nonces[i], padded, None)), count)
    aead_open = per_message_ms(lambda i: aead.decrypt(nonces[i], boxes[i], None), count)
    return {"seal": seal, "open": opened, "aead_seal": aead_seal, "aead_open": aead_open}


@contextmanager
def page_server() -> Iterator[str]:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = (
                (BUNDLE.read_bytes(), "text/javascript")
                if self.path.endswith(".js")
                else (PAGE, "text/html")
            )
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def browser_figures(count: int) -> dict[int, dict[str, float]] | None:
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    private_key, public_key = formats.generate_keypair()
    results = {}
    with page_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("window.HavreCrypto !== undefined")
            args = [formats.b64e(public_key), formats.b64e(private_key)]
            page.evaluate(IN_BROWSER, [*args, SIZES[0], 20])  # warm up
            for size in SIZES:
                results[size] = page.evaluate(IN_BROWSER, [*args, size, count])
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    python_figures(SIZES[0], 20)  # warm up
    report: dict[str, Any] = {
        "count": COUNT,
        "cores": os.cpu_count(),
        "python": {size: python_figures(size, COUNT) for size in SIZES},
        "browser": browser_figures(COUNT),
    }
    if "--json" in argv:
        print(json.dumps(report, indent=2))
        return
    print(f"crypto per message, {COUNT} messages each, {report['cores']} cores (ms)")
    print(
        f"{'where':<9}{'bytes':>6}{'seal':>9}{'open':>9}{'AEAD seal':>11}{'AEAD open':>11}{'seal x AEAD':>13}"
    )
    for where in ("python", "browser"):
        figures = report[where]
        if figures is None:
            print(f"{where:<9} skipped: {CHROMIUM} is missing")
            continue
        for size, r in figures.items():
            print(
                f"{where:<9}{size:>6}{r['seal']:>9.3f}{r['open']:>9.3f}{r['aead_seal']:>11.3f}"
                f"{r['aead_open']:>11.3f}{r['seal'] / max(r['aead_seal'], 1e-9):>13.1f}"
            )
    print("baseline: AES-128-GCM of the same padded size under a fixed key, same run")


if __name__ == "__main__":
    main()
