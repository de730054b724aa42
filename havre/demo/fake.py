"""The demo's fake Twilio: one per process, served under /simulator/twilio/.

`havre demo` registers the demo channel's account here; the simulator posts
texters' messages through it, and replies sent to it are shown to them.
"""

from __future__ import annotations

import threading

from django.conf import settings

from havre.gateways.twilio.fake import FakeTwilio

_demo: FakeTwilio | None = None
_lock = threading.Lock()


def demo_fake() -> FakeTwilio:
    global _demo
    with _lock:
        if _demo is None:
            # Like Twilio, it reports sent then delivered a moment after a send.
            _demo = FakeTwilio(auto_status=True)
        _demo.base_url = str(settings.HAVRE_PUBLIC_URL) + "/simulator/twilio"
        return _demo


def register_account(sid: str, auth_token: str) -> None:
    """Let the demo's fake accept this account's API calls and sign its webhooks."""
    demo_fake().register_account(sid, auth_token)


def reset_demo_fake() -> None:
    """Forget every account and text (tests start from an empty fake)."""
    global _demo
    with _lock:
        _demo = None
