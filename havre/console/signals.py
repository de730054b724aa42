"""Closing a member's console sockets when their session ends."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.signals import user_logged_out
from django.http import HttpRequest

from havre.events import session_group

logger = logging.getLogger(__name__)


def close_session_sockets(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    layer = get_channel_layer()
    if not session_key or layer is None:
        return
    try:
        async_to_sync(layer.group_send)(session_group(session_key), {"type": "havre.signed_out"})
    except Exception:
        # Sockets of an ended session also close at their next session check.
        logger.warning("could not close the sockets of a signed-out session", exc_info=True)


def connect() -> None:
    user_logged_out.connect(close_session_sockets, dispatch_uid="havre.console.close_sockets")
