"""Staff sessions: whose each one is, and when it ends for want of use.

Sessions are rows of `MemberSession`, which records the member, so that
parting with a member or a change of passphrase ends her sessions at once
(and, through `havre.events`, the console sockets opened under them).

Idle expiry matches the console's lock: the page locks itself after the
program's `idle_lock_minutes` without keyboard or pointer use, and tells the
server it is in use (`POST /accounts/api/active`) at most once a minute while
it is. A session that has not heard so for the lock's length, plus that
minute and a little, is ended by `IdleExpiryMiddleware` at its next request:
a cookie taken from a computer left unattended dies about when its console
locked.
"""

from __future__ import annotations

import time
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from havre.accounts.middleware import BothWaysMiddleware
from havre.accounts.models import MemberSession, User
from havre.events import end_sockets_on_commit, member_group, session_group

ACTIVE_AT_KEY = "havre_active_at"
IDLE_MINUTES_KEY = "havre_idle_minutes"
# The console reports use at most once a minute; this much slack covers it.
GRACE_SECONDS = 90


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, in rows that name their member."""

    @classmethod
    def get_model_class(cls) -> type[MemberSession]:
        return MemberSession

    def create_model_instance(self, data: dict[str, Any]) -> MemberSession:
        row = super().create_model_instance(data)
        assert isinstance(row, MemberSession)  # noqa: S101 (get_model_class says so)
        row.user_id = data.get(SESSION_KEY)
        return row

    async def acreate_model_instance(self, data: dict[str, Any]) -> MemberSession:
        row = await super().acreate_model_instance(data)
        assert isinstance(row, MemberSession)  # noqa: S101 (get_model_class says so)
        row.user_id = data.get(SESSION_KEY)
        return row


def mark_active(session: SessionBase, user: User) -> None:
    """The member used the console now; the program's lock length may have changed too."""
    session[ACTIVE_AT_KEY] = int(time.time())
    session[IDLE_MINUTES_KEY] = int(user.program.idle_lock_minutes)


def is_idle_expired(session: SessionBase, now: float | None = None) -> bool:
    active_at = session.get(ACTIVE_AT_KEY)
    if not isinstance(active_at, int):
        return False
    minutes = session.get(IDLE_MINUTES_KEY)
    if not isinstance(minutes, int) or minutes <= 0:
        minutes = int(settings.HAVRE_IDLE_LOCK_MINUTES)
    return (now if now is not None else time.time()) - active_at > minutes * 60 + GRACE_SECONDS


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """End the member's sessions (all but `keep`) and, after commit, their sockets."""
    with transaction.atomic():
        rows = MemberSession.objects.filter(user=user)
        if keep is not None:
            rows = rows.exclude(session_key=keep)
        keys = list(rows.values_list("session_key", flat=True))
        MemberSession.objects.filter(session_key__in=keys).delete()
        if keep is None:
            end_sockets_on_commit([member_group(user.pk)])
        else:
            end_sockets_on_commit([session_group(key) for key in keys])
    return len(keys)


class IdleExpiryMiddleware(BothWaysMiddleware):
    """Signs out a session that outlived the console's lock (after authentication).

    Under ASGI a request passes without a hop to a thread (a webhook has no
    session at all); only a signed-in member's request looks her session up.
    """

    def call_sync(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and is_idle_expired(request.session):
            logout(request)
        response: HttpResponse = self.get_response(request)
        return response

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        auser = getattr(request, "auser", None)
        user = await auser() if auser is not None else None
        # The session is loaded by then: reading it needs no query.
        if isinstance(user, User) and is_idle_expired(request.session):
            await sync_to_async(logout)(request)
        response: HttpResponse = await self.get_response(request)
        return response
