"""What the browser code seals, wraps and writes, Python reads.

Runs frontend/src/crypto.ts under Node (tests/node.py bundles it into a
temporary directory). Skipped when the frontend dependencies are not
installed, except in CI, where that is a failure.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from havre.vault import formats as f
from tests.node import FRONTEND, run_script

VECTORS: dict[str, Any] = json.loads(f.VECTORS_PATH.read_text())
PROGRAM = VECTORS["program"]["id"]
CONVERSATION = "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b"
USER = VECTORS["member"]["id"]
CASES = [
    {
        "args": [PROGRAM, CONVERSATION, "7d0c5a1e-0000-4000-8000-00000000000a", "in"],
        "text": "allo?",
    },
    {
        "args": [PROGRAM, CONVERSATION, "7d0c5a1e-0000-4000-8000-00000000000b", "out"],
        "text": "Vous pouvez effacer ce fil après lecture. 💬",
    },
    {"args": [PROGRAM, CONVERSATION, "7d0c5a1e-0000-4000-8000-00000000000c", "note"], "text": ""},
    {
        "args": [PROGRAM, CONVERSATION, "7d0c5a1e-0000-4000-8000-00000000000d", "out"],
        "text": "é" * 3000,
    },
]

SCRIPT = """
import * as c from %(crypto)s;

const cases = %(cases)s;
const programPublic = c.b64d(%(program_public)s);
const memberPublic = c.b64d(%(member_public)s);
const encode = (text) => new TextEncoder().encode(text);

const sealed = [];
for (const { args, text } of cases) {
  sealed.push(c.b64e(await c.seal(programPublic, encode(text), c.messageInfo(...args))));
}
const { privateKey, publicKey } = await c.generateKeypair();
const master = await c.deriveMaster("une phrase de passe", encode("sel de seize octets"), {
  timeCost: 1, memoryKib: 1024, parallelism: 1,
});
const { loginSecret, wrapKey } = await c.splitMaster(master);
console.log(JSON.stringify({
  sealed,
  grant: c.b64e(await c.seal(memberPublic, privateKey, c.grantInfo(%(program)s, 4, %(user)s))),
  private_key: c.b64e(privateKey),
  public_key: c.b64e(publicKey),
  fingerprint: await c.fingerprint(publicKey),
  recovery: await c.recoveryDocument(%(program)s, privateKey),
  login_secret: c.b64e(loginSecret),
  wrapped: c.b64e(await c.wrapPrivateKey(wrapKey, privateKey, c.wrapAad(%(user)s))),
}));
"""


@pytest.fixture(scope="module")
def from_javascript(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("cross-language")
    script = work / "seal.mjs"
    script.write_text(
        SCRIPT
        % {
            "crypto": json.dumps(str(FRONTEND / "src" / "crypto.ts")),
            "cases": json.dumps(CASES),
            "program_public": json.dumps(VECTORS["program"]["public_key"]),
            "member_public": json.dumps(VECTORS["member"]["public_key"]),
            "program": json.dumps(PROGRAM),
            "user": json.dumps(USER),
        }
    )
    result: dict[str, Any] = json.loads(run_script(script))
    return result


def test_python_opens_messages_sealed_in_javascript(from_javascript: dict[str, Any]) -> None:
    private = f.b64d(VECTORS["program"]["private_key"])
    for case, sealed in zip(CASES, from_javascript["sealed"], strict=True):
        info = f.message_info(*case["args"])
        assert f.open_sealed(private, f.b64d(sealed), info).decode() == case["text"]
        program, conversation, message, _ = case["args"]
        elsewhere = f.message_info(program, conversation, message, "number")
        with pytest.raises(f.FormatError):
            f.open_sealed(private, f.b64d(sealed), elsewhere)


def test_python_reads_keys_made_in_javascript(from_javascript: dict[str, Any]) -> None:
    private = f.b64d(from_javascript["private_key"])
    public = f.b64d(from_javascript["public_key"])
    member_private = f.b64d(VECTORS["member"]["private_key"])

    assert f.public_from_private(private) == public
    assert f.fingerprint(public) == from_javascript["fingerprint"]
    assert f.parse_recovery_document(from_javascript["recovery"]) == (PROGRAM, private, public)
    assert from_javascript["recovery"] == f.recovery_document(PROGRAM, private)
    grant = f.b64d(from_javascript["grant"])
    assert f.open_sealed(member_private, grant, f.grant_info(PROGRAM, 4, USER)) == private


def test_python_unwraps_a_key_wrapped_in_javascript(from_javascript: dict[str, Any]) -> None:
    params = f.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    master = f.derive_master("une phrase de passe", b"sel de seize octets", params)
    login_secret, wrap_key = f.split_master(master)

    assert f.b64e(login_secret) == from_javascript["login_secret"]
    private = f.unwrap_private_key(wrap_key, f.b64d(from_javascript["wrapped"]), f.wrap_aad(USER))
    assert private == f.b64d(from_javascript["private_key"])
