"""Test settings: Havre's own settings in test mode.

Set before havre.settings is read, so every test process (and the servers the
browser tests start, which set HAVRE_MODE themselves) runs in test mode.
"""

import os

os.environ["HAVRE_MODE"] = "test"
os.environ.setdefault(
    "HAVRE_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "data", "test")
)

from havre.settings import *  # noqa: F403
