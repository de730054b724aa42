"""A webhook the database cannot take right now is refused for now, never failed.

Under SQLite one writer holds the lock at a time; a webhook that waited its
whole busy timeout for it, or a PostgreSQL server out of connections, raises
Django's `OperationalError`. Its transaction is rolled back, so nothing of
the text was stored: the answer is 503 with `Retry-After`, and the provider
offers the text again (each provider retries a 5xx). A 500 would say the
same to the provider but read as a bug in the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

# Seconds a provider is asked to wait: a lock is held for milliseconds.
RETRY_AFTER = 1

View = Callable[..., HttpResponse]


def answer_busy(view: View) -> View:
    """`view`, answering 503 with Retry-After when the database refuses it for now."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OperationalError as exc:
            # The class alone: a driver's message is not ours to vet.
            logger.warning(
                "webhook refused for now, the database is busy: view=%s channel=%s %s",
                getattr(view, "__name__", "?"),
                kwargs.get("channel_id", "-"),
                type(exc).__name__,
            )
            response = HttpResponse(status=503)
            response["Retry-After"] = str(RETRY_AFTER)
            return response

    return wrapped
