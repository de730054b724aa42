"""The web chat page's triage (frontend/src/triage/, run by Node) beside the
server's (havre/triage) on the same texts, in the same run.

The page compiles the program's lists once, when her session starts, and
triages each of her texts before sealing it, on the page's main thread:
this prints both costs for the built-in lists, on the texts of
bench/triage.py (the evaluation set, ordinary texts of 1,600 characters,
texts built to be slow), each cut to the 4,096 characters the page's box
allows. Needs Node and frontend/node_modules (`npm ci` in frontend/).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.triage import HOSTILE, ORDINARY, _evaluation_texts

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"
BOX_CHARS = 4096

SCRIPT = """
import { readFileSync } from "node:fs";
import { compileLists } from %(matcher)s;

const input = JSON.parse(readFileSync(0, "utf-8"));
let started = performance.now();
const matcher = compileLists(input.lists);
const compiled = performance.now() - started;
matcher.assess("warm up, il me dit qu'il va me tuer lol");
const perText = input.sets.map((texts) => {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    started = performance.now();
    for (const text of texts) matcher.assess(text);
    best = Math.min(best, (performance.now() - started) / texts.length);
  }
  return best;
});
console.log(JSON.stringify({ compiled, perText }));
"""


def _node(lists: list[dict[str, Any]], sets: list[list[str]]) -> dict[str, Any]:
    esbuild = FRONTEND / "node_modules" / ".bin" / "esbuild"
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "bench.mjs"
        matcher = json.dumps(str(FRONTEND / "src" / "triage" / "matcher.ts"))
        script.write_text(SCRIPT % {"matcher": matcher}, encoding="utf-8")
        bundle = Path(work) / "bench.bundle.mjs"
        subprocess.run(  # noqa: S603 (the committed esbuild, fixed arguments)
            [str(esbuild), str(script), "--bundle", "--platform=node", "--format=esm",
             "--target=node20", "--log-level=warning", f"--outfile={bundle}"],
            check=True,
            cwd=FRONTEND,
        )  # fmt: skip
        run = subprocess.run(  # noqa: S603 (node on our own bundle)
            ["node", str(bundle)],  # noqa: S607 (node as found on the PATH)
            input=json.dumps({"lists": lists, "sets": sets}),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            timeout=1800,
        )
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _python_per_text(assess: Callable[[str], object], texts: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            assess(text)
        best = min(best, (time.perf_counter() - started) / len(texts))
    return best


def main() -> None:
    if shutil.which("node") is None or not (FRONTEND / "node_modules").exists():
        print("chat triage: skipped (needs node and `npm ci` in frontend/)")
        return
    os.environ.setdefault("HAVRE_MODE", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
    import django

    django.setup()
    from havre.triage.lexicons import LIST_KEYS, builtin_lists, builtin_matcher

    lists = builtin_lists()
    payload = [
        {"category": c, "language": lang, "terms": lists[(c, lang)]} for c, lang in LIST_KEYS
    ]
    sets = [
        ("evaluation set (SMS length)", _evaluation_texts()),
        ("ordinary texts of 1,600 characters", ORDINARY),
    ]
    sets += [(f"built to be slow: {name}", [text[:BOX_CHARS]]) for name, text in HOSTILE.items()]
    node = _node(payload, [texts for _, texts in sets])
    matcher = builtin_matcher()
    print("chat triage in the page (Node) beside the server's (Python), per text (best of 3)")
    print(f"  compiling the built-in lists in the page: {node['compiled']:.0f} ms")
    for (name, texts), page in zip(sets, node["perText"], strict=True):
        server = _python_per_text(matcher.assess, texts)
        chars = sum(len(t) for t in texts) // len(texts)
        print(f"  {name} ({len(texts)} texts of {chars} characters):")
        print(f"    page (TypeScript):  {page:10.2f} ms")  # performance.now() counts ms
        print(f"    server (Python):    {server * 1e3:10.2f} ms")


if __name__ == "__main__":
    main()
