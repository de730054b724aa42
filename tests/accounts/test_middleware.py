"""The staff middlewares run the way their chain does, so ASGI keeps them on the event loop."""

from __future__ import annotations

import asyncio

from asgiref.sync import AsyncToSync, SyncToAsync, iscoroutinefunction
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse

from havre.accounts.middleware import StaffLanguageMiddleware
from havre.accounts.sessions import IdleExpiryMiddleware

OURS = (StaffLanguageMiddleware, IdleExpiryMiddleware)


def chain(handler: ASGIHandler | WSGIHandler) -> list[object]:
    """The middlewares of the handler's chain, outermost first."""
    found = []
    step = handler._middleware_chain  # type: ignore[union-attr]
    while step is not None:
        # Django wraps each middleware to turn its exceptions into answers,
        # and adapts the chain where it changes between threads and the loop.
        if isinstance(step, SyncToAsync):
            step = step.func
        elif isinstance(step, AsyncToSync):
            step = step.awaitable
        else:
            step = getattr(step, "__wrapped__", step)
            found.append(step)
            step = getattr(step, "get_response", None)
    return found


def test_under_asgi_both_are_coroutines_in_the_chain() -> None:
    ours = [step for step in chain(ASGIHandler()) if isinstance(step, OURS)]
    assert {type(step) for step in ours} == set(OURS)
    assert all(iscoroutinefunction(step) for step in ours)


def test_under_wsgi_both_answer_on_the_thread() -> None:
    ours = [step for step in chain(WSGIHandler()) if isinstance(step, OURS)]
    assert {type(step) for step in ours} == set(OURS)
    assert not any(iscoroutinefunction(step) for step in ours)


def test_the_language_middleware_answers_either_way() -> None:
    def answer(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    async def answer_async(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = HttpRequest()
    request.META["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert StaffLanguageMiddleware(answer)(request)["Content-Language"] == "fr"
    response = asyncio.run(StaffLanguageMiddleware(answer_async)(request))
    assert response["Content-Language"] == "fr"
