"""The shipped bundle, in Chromium, reads Python's vectors and seals what Python opens.

Drives Debian's Chromium (never a downloaded browser) on a page served from
127.0.0.1, since WebCrypto exists only in a secure context.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from havre.vault import formats as f

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
BUNDLE = Path(f.__file__).resolve().parents[1] / "static" / "havre" / "crypto-selftest.js"
VECTORS: dict[str, Any] = json.loads(f.VECTORS_PATH.read_text())
PAGE = b"""<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Havre crypto self-test</title>
<script src="/crypto-selftest.js"></script></html>
"""
# As strict as a console page can be; hash-wasm compiles WebAssembly, which
# needs 'wasm-unsafe-eval' (and nothing looser).
CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"

CHECK_VECTORS = """
async (vectors) => {
  const c = window.HavreCrypto;
  const results = {};
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const fromHex = (text) => Uint8Array.from(text.match(/../g), (h) => parseInt(h, 16));
  const decode = (bytes) => new TextDecoder().decode(bytes);
  const builders = { message_info: c.messageInfo, grant_info: c.grantInfo, info: c.info };
  const program = c.b64d(vectors.program.private_key);
  const member = c.b64d(vectors.member.private_key);

  results.secureContext = window.isSecureContext;
  results.sealed = {};
  for (const v of vectors.sealed) {
    const info = builders[v.builder](...v.args);
    const key = v.recipient === "member" ? member : program;
    const plaintext = await c.openSealed(key, c.b64d(v.sealed), info);
    results.sealed[v.name] = { info: decode(info), plaintext: c.b64e(plaintext) };
  }
  results.argon2id = [];
  for (const v of vectors.argon2id) {
    const master = await c.deriveMaster(v.password, c.b64d(v.salt), c.kdfParamsFromDict(v.params));
    const { loginSecret, wrapKey } = await c.splitMaster(master);
    results.argon2id.push([c.b64e(master), c.b64e(loginSecret), c.b64e(wrapKey)]);
  }
  const w = vectors.wrapped;
  const pv = vectors.argon2id[w.password_vector];
  const { wrapKey } = await c.splitMaster(
    await c.deriveMaster(pv.password, c.b64d(pv.salt), c.kdfParamsFromDict(pv.params)));
  results.unwrapped = c.b64e(await c.unwrapPrivateKey(wrapKey, c.b64d(w.wrapped), c.wrapAad(w.user_id)));
  results.fingerprints = [];
  for (const v of vectors.fingerprints) results.fingerprints.push(await c.fingerprint(c.b64d(v.public_key)));
  results.recovery = await c.recoveryDocument(vectors.recovery.program, c.b64d(vectors.recovery.private_key));
  results.rfcPublicKey = hex(await c.publicFromPrivate(fromHex(vectors.rfc9180_a1.skRm)));
  try {
    await c.openSealed(program, c.b64d(vectors.sealed[0].sealed), c.info("moved"));
    results.movedOpens = true;
  } catch (error) {
    results.movedOpens = !(error instanceof c.FormatError);
  }
  return results;
}
"""

SEAL_IN_BROWSER = """
async ([publicKey, args, text]) => {
  const c = window.HavreCrypto;
  const sealed = await c.seal(c.b64d(publicKey), new TextEncoder().encode(text), c.messageInfo(...args));
  return c.b64e(sealed);
}
"""


def require_chromium() -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


class SelfTestPage(BaseHTTPRequestHandler):
    requested: list[str]

    def do_GET(self) -> None:
        self.requested.append(self.path)
        if self.path == "/":
            self.reply(PAGE, "text/html; charset=utf-8")
        elif self.path == "/crypto-selftest.js":
            self.reply(BUNDLE.read_bytes(), "text/javascript; charset=utf-8")
        else:
            self.send_error(404)

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    assert BUNDLE.exists(), "run `npm run build` in frontend/"
    requested: list[str] = []
    handler = type("Handler", (SelfTestPage,), {"requested": requested})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", requested
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def page(server: tuple[str, list[str]]) -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    url, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)
            page.wait_for_function("window.HavreCrypto !== undefined")
            yield page
            assert errors == []
        finally:
            browser.close()


def test_the_bundle_opens_every_python_vector(page: Any, server: tuple[str, list[str]]) -> None:
    results = page.evaluate(CHECK_VECTORS, VECTORS)

    assert results["secureContext"] is True
    for vector in VECTORS["sealed"]:
        assert results["sealed"][vector["name"]] == {
            "info": vector["info"],
            "plaintext": vector["plaintext"],
        }
    assert results["argon2id"] == [
        [v["master"], v["login_secret"], v["wrap_key"]] for v in VECTORS["argon2id"]
    ]
    assert results["unwrapped"] == VECTORS["wrapped"]["private_key"]
    assert results["fingerprints"] == [v["fingerprint"] for v in VECTORS["fingerprints"]]
    assert results["recovery"] == VECTORS["recovery"]["document"]
    assert results["rfcPublicKey"] == VECTORS["rfc9180_a1"]["pkRm"]
    assert results["movedOpens"] is False


def test_python_opens_what_the_browser_sealed(page: Any) -> None:
    args = [
        VECTORS["program"]["id"],
        "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b",
        "b0b5e41e-0000-4000-8000-000000000001",
        "out",
    ]
    text = "Sealed in Chromium: à bientôt 🌙"

    sealed = page.evaluate(SEAL_IN_BROWSER, [VECTORS["program"]["public_key"], args, text])

    private = f.b64d(VECTORS["program"]["private_key"])
    assert f.open_sealed(private, f.b64d(sealed), f.message_info(*args)).decode() == text


def test_the_crypto_code_makes_no_requests_of_its_own(
    page: Any, server: tuple[str, list[str]]
) -> None:
    page.evaluate(CHECK_VECTORS, VECTORS)
    _, requested = server
    assert set(requested) <= {"/", "/crypto-selftest.js", "/favicon.ico"}
