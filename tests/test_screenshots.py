"""The README's screenshots: each one it shows is committed, is a PNG of a
sensible size, and the script that makes them again is where a contributor looks."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def referenced_images() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", readme)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR", f"{path.name} has no PNG header"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_image_the_readme_shows_is_a_committed_png() -> None:
    images = referenced_images()
    assert len(images) >= 6, images
    for name in images:
        assert name.startswith("docs/screenshots/"), name
        path = ROOT / name
        assert path.is_file(), f"{name} is missing: run scripts/screenshots"
        width, height = png_size(path)
        # Desktop (1280x800) or phone (390x844), never a tall full-page capture.
        assert (width, height) in {(1280, 800), (390, 844)}, (name, width, height)
        assert path.stat().st_size < 400_000, f"{name} is too large for the README"


def test_every_committed_screenshot_is_shown() -> None:
    shown = {Path(name).name for name in referenced_images()}
    made = {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert made == shown


def test_the_script_that_makes_them_is_documented() -> None:
    script = ROOT / "scripts" / "screenshots"
    assert script.is_file()
    assert script.stat().st_mode & 0o111, "scripts/screenshots is not executable"
    for doc in ("README.md", "CONTRIBUTING.md"):
        assert "scripts/screenshots" in (ROOT / doc).read_text(encoding="utf-8"), doc
