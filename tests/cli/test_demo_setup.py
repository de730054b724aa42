"""`havre demo`'s set-up as a newcomer runs it: a private data folder, a quiet start.

The set-up (`havre demo --no-serve`: migrate, seed, print the sign-ins) runs
in a subprocess with the permissive umask many shells have, and everything it
leaves in the data folder must be the server user's alone: the database, the
generated secrets, the recovery key, the task queue, the logs.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def demo_setup(cwd: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "HAVRE_DATA_DIR": str(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "havre", "demo", "--no-serve"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        umask=0o022,
    )


def modes(data_dir: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(data_dir.stat().st_mode)}
    for path in data_dir.rglob("*"):
        found[str(path.relative_to(data_dir))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_the_demo_data_folder_is_owner_only_under_umask_022(tmp_path: Path) -> None:
    # The data folder's parent does not exist yet either: every folder made is private.
    data_dir = tmp_path / "demo" / "data"
    done = demo_setup(tmp_path, data_dir)
    assert done.returncode == 0, done.stderr
    found = modes(data_dir)
    for name in ("secrets", "logs", "havre.sqlite3", "demo-recovery-key.json"):
        assert name in found, sorted(found)
    assert any(name.startswith("secrets/") for name in found), sorted(found)
    for name, mode in found.items():
        path = data_dir / name
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"
    assert stat.S_IMODE((tmp_path / "demo").stat().st_mode) == 0o700


def test_a_second_run_tightens_an_old_demo_folder_and_stays_quiet(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    first = demo_setup(tmp_path, data_dir)
    second = demo_setup(tmp_path, data_dir)
    for done in (first, second):
        assert done.returncode == 0, done.stderr
        # Nothing a newcomer would have to interpret: no warning, no traceback.
        assert done.stderr == "", done.stderr
        assert "warning" not in done.stdout.lower(), done.stdout
        assert "Sign-ins (email / passphrase):" in done.stdout
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
