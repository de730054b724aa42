from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class BothWaysMiddleware:
    """A middleware that runs the way its chain does: on threads, or on the event loop.

    Under ASGI a request then crosses to a thread once, for its view, not for
    each middleware that only knows threads. A subclass writes the request's
    passage twice, `call_sync` and `__acall__`, and Django picks by the chain.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self.__acall__(request)
        return self.call_sync(request)

    def call_sync(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError


class StaffLanguageMiddleware(BothWaysMiddleware):
    """Each staff member reads the console in the language they chose.

    Runs before authentication middleware, so it reads the session's language
    (set at sign-in and when the member changes it), falling back to the
    browser's preference on public pages.
    """

    def call_sync(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        self._activate(request, session.get("havre_language") if session is not None else None)
        response = self.get_response(request)
        return self._answered(request, response)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        language = await session.aget("havre_language") if session is not None else None
        self._activate(request, language)
        response = await self.get_response(request)
        return self._answered(request, response)

    def _activate(self, request: HttpRequest, language: Any) -> None:
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def _answered(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        translation.deactivate()
        return response
