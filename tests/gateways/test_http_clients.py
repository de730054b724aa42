"""Every provider's client goes through `gateways.http`: one client per provider per process.

A client built per send pays a new TLS context and handshake for every text;
in a surge of notices that was half of a worker's time. Reading the code, no
gateway module outside `gateways/http.py` (and the fakes, which play the
providers) makes its own httpx client or calls httpx's one-shot functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

GATEWAYS = Path(__file__).resolve().parents[2] / "havre" / "gateways"
ONE_SHOT = {"Client", "AsyncClient", "get", "post", "put", "patch", "delete", "request", "stream"}


def own_clients(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id == "httpx" and node.func.attr in ONE_SHOT:
            found.append(f"{path.relative_to(GATEWAYS)}:{node.lineno} httpx.{node.func.attr}")
    return found


def test_no_gateway_builds_its_own_http_client():
    found = []
    for path in sorted(GATEWAYS.rglob("*.py")):
        if path.name == "http.py" or path.name.startswith("fake"):
            continue
        found.extend(own_clients(path))
    assert found == []
