"""The console's websocket: pushes "conversation X is now at seq N" to signed-in staff.

Events carry ids and sequence numbers only; the page fetches the rows it
missed over the JSON API, which checks access on every request.
"""

from __future__ import annotations

import time
import uuid
from importlib import import_module
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest

from havre.accounts.sessions import is_idle_expired
from havre.events import member_group, program_group, session_group

# Close code for "no longer signed in": the page checks its session and shows
# the sign-in form instead of reconnecting.
CLOSE_SIGNED_OUT = 4401
# How often, at most, an open socket re-reads its session before forwarding
# an event: catches sessions that expired or ended without a logout signal.
RECHECK_SECONDS = 60.0
# The channel layer's messages that need no database connection to handle:
# they are forwarded on the event loop, without a trip through a thread.
NO_DATABASE = frozenset({"havre.event", "havre.signed_out"})


class ConsoleConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    user_id: uuid.UUID | None = None
    session_key: str = ""
    joined: tuple[str, ...] = ()
    checked_at: float = 0.0
    closing: bool = False

    async def connect(self) -> None:
        user = self.scope.get("user")
        session = self.scope.get("session")
        session_key = getattr(session, "session_key", None)
        if (
            user is None
            or not user.is_authenticated
            or not user.is_active
            or not isinstance(session_key, str)
        ):
            await self.close(code=CLOSE_SIGNED_OUT)
            return
        self.user_id = user.pk
        self.session_key = session_key
        self.joined = (
            program_group(user.program_id),
            session_group(session_key),
            member_group(user.pk),
        )
        for group in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        self.checked_at = time.monotonic()
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.joined = ()

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Handle the layer's events on the event loop alone.

        Channels' own dispatch first closes stale database connections in a
        thread, before every message: for an event, one hop to a thread and
        back, all through the one thread that serves every socket of the
        process. Under a stream of webhooks that thread waits its turn, and
        the events queued behind it reached the console seconds late. These
        handlers touch no connection (the session re-check goes through
        `database_sync_to_async`, which closes stale ones itself), so they
        skip it; the socket's own messages (connect, receive) keep it.
        """
        if message.get("type") in NO_DATABASE:
            await getattr(self, get_handler_name(message))(message)
            return
        await super().dispatch(message)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # The console only listens; its pings keep idle proxies from closing the socket.
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def havre_event(self, message: dict[str, Any]) -> None:
        if self.closing:
            return
        if time.monotonic() - self.checked_at > RECHECK_SECONDS:
            if not await self._still_signed_in():
                await self._sign_out()
                return
            self.checked_at = time.monotonic()
        await self.send_json(message["event"])

    async def havre_signed_out(self, message: dict[str, Any]) -> None:
        await self._sign_out()

    async def _sign_out(self) -> None:
        if not self.closing:
            self.closing = True
            await self.close(code=CLOSE_SIGNED_OUT)

    @database_sync_to_async  # type: ignore[untyped-decorator]
    def _still_signed_in(self) -> bool:
        engine = import_module(settings.SESSION_ENGINE)
        request = HttpRequest()
        request.session = engine.SessionStore(self.session_key)
        if is_idle_expired(request.session):
            return False
        user = auth.get_user(request)
        return bool(user.is_authenticated and user.is_active and user.pk == self.user_id)
