"""Prepares the intake benchmark's database: a program, its Twilio channel and
one advocate signed in, whose session cookie the benchmark's websocket uses.

Run as `python -m bench.intake.seed` with the server's environment, before the
server starts. Prints what the benchmark needs as JSON. The sign-in goes
through `havre.accounts.signin.finish`, the one the console's own sign-in
ends with, on a session of Havre's own store.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpRequest  # noqa: E402

from havre.accounts.sessions import SessionStore  # noqa: E402
from havre.accounts.signin import finish  # noqa: E402
from tests.browser_seed import Account, Role, StaffMember, seed  # noqa: E402

ACCOUNT = Account("AC" + "b7" * 16, "intake-bench-token-00000000000000", "+15555550177")
STAFF = {
    "advocate": StaffMember(
        "ines@refuge.example", "lantern harbour quiet morning", Role.ADVOCATE, "Inès"
    )
}


def main() -> None:
    seeded = seed(STAFF, ACCOUNT)
    user = seeded.people["advocate"].user
    request = HttpRequest()
    request.session = SessionStore()
    finish(request, user)
    request.session.save()
    print(
        json.dumps(
            {
                **ACCOUNT.as_json(),
                "channel": str(seeded.channel.pk),
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "session_key": request.session.session_key,
            }
        )
    )


if __name__ == "__main__":
    main()
