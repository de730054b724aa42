"""Running the front-end's TypeScript under Node, for the cross-language tests.

A test bundles a small script with the committed esbuild (frontend/node_modules)
and runs it with `node`. Skipped when Node or the front-end packages are
missing, except in CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"


def require_node_modules() -> Path:
    """The path of esbuild, or a skip (a failure in CI) saying what is missing."""
    esbuild = FRONTEND / "node_modules" / ".bin" / "esbuild"
    missing = None
    if shutil.which("node") is None:
        missing = "node is not on the PATH"
    elif not esbuild.exists():
        missing = "frontend/node_modules is missing: run `npm ci` in frontend/"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"cross-language check cannot run in CI: {missing}")
        pytest.skip(missing)
    return esbuild


def run_script(script: Path, *, stdin: str = "", timeout: int = 120) -> str:
    """Bundles `script` (an .mjs that may import frontend/src/*.ts) and runs it; its stdout."""
    esbuild = require_node_modules()
    bundle = script.with_suffix(".bundle.mjs")
    subprocess.run(
        [
            str(esbuild),
            str(script),
            "--bundle",
            "--platform=node",
            "--format=esm",
            "--target=node20",
            "--log-level=warning",
            f"--outfile={bundle}",
        ],
        check=True,
        cwd=FRONTEND,
    )
    run = subprocess.run(
        ["node", str(bundle)],
        input=stdin,
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return run.stdout
