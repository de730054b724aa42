"""Providers' webhooks, served by a handler of their own.

A webhook is signed by its provider and carries no session, cookie, CSRF
token or language: its view verifies the signature, parses the payload and
makes one call into the inbound pipeline. Django's ASGI handler would first
take it through the console's middleware, most of which runs its sync half
in a thread of its own, and would give each request a new thread to run the
view in: on the busiest path, a third of a text's cost went into crossing
between the event loop and threads.

This handler runs the whole request (the URL resolution, the view and the
closing that gives the database connection back) in one call on one of a
fixed set of threads, with only the middleware a webhook needs: the security
headers, and CommonMiddleware's check of the Host header against
ALLOWED_HOSTS. The set of threads also bounds how many webhooks hold a
database connection at once; the others wait their turn on the event loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import IO, Any, cast

from asgiref.sync import sync_to_async
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpResponseBase
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

# As Django's ASGI handler takes them.
type Scope = dict[str, Any]
type Receive = Callable[[], Awaitable[Mapping[str, Any]]]
type Send = Callable[[Mapping[str, Any]], Awaitable[None]]

PREFIX = "/hooks/"

# What a webhook's answer needs of settings.MIDDLEWARE, in the same order.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]


class WebhookHandler(ASGIHandler):
    """Django's ASGI handler for /hooks/: a fixed set of threads, a short middleware chain."""

    def __init__(self, threads: int) -> None:
        # Not ASGIHandler.__init__, which would load settings.MIDDLEWARE for async use.
        BaseHandler.__init__(self)
        self.load_middleware()
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="havre-hook")
        self._serve = sync_to_async(
            self._serve_in_thread, thread_sensitive=False, executor=self._threads
        )
        self._close = sync_to_async(
            self._close_in_thread, thread_sensitive=False, executor=self._threads
        )

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware: list[Any] = []
        self._template_response_middleware: list[Any] = []
        self._exception_middleware: list[Any] = []
        handler = convert_exception_to_response(self._get_response)  # type: ignore[attr-defined]
        for path in reversed(MIDDLEWARE):
            handler = convert_exception_to_response(import_string(path)(handler))
        self._middleware_chain = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        with closing(body_file):
            response = await self._serve(scope, body_file)
        await self.send_response(response, send)
        if response.streaming:
            await self._close(response)

    def _serve_in_thread(self, scope: Scope, body_file: IO[bytes]) -> HttpResponseBase:
        """The whole request, on one thread: its connection is given back before the answer leaves."""
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        response: HttpResponseBase
        if request is None:
            response = cast(HttpResponseBase, error_response)
        else:
            response = self.get_response(request)
        if not response.streaming:
            # Its body is whole already. Closing sends request_finished, which
            # closes (or pools) the thread's database connection.
            response.close()
        return response

    @staticmethod
    def _close_in_thread(response: HttpResponseBase) -> None:
        response.close()


def is_webhook(scope: Scope) -> bool:
    return scope["type"] == "http" and str(scope.get("path", "")).startswith(PREFIX)
