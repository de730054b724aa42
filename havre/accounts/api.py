"""Small helpers shared by the accounts JSON views: parsing, errors, access."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, Concatenate

from django.http import HttpRequest, HttpResponse, JsonResponse

from havre.accounts.models import User
from havre.vault.formats import FormatError, b64d


class BadRequestError(Exception):
    """The request body is not what the endpoint takes; answered with 400."""

    def __init__(self, reason: str = "bad_request") -> None:
        super().__init__(reason)
        self.reason = reason


def error(reason: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": reason, **extra}, status=status)


def body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise BadRequestError() from None
    if not isinstance(data, dict):
        raise BadRequestError()
    return data


def text(data: dict[str, Any], name: str, max_length: int = 320) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value or len(value) > max_length:
        raise BadRequestError(f"bad_{name}")
    return value


def whole(data: dict[str, Any], name: str) -> int:
    """A JSON integer (not a boolean, not a float)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequestError(f"bad_{name}")
    return value


def raw(data: dict[str, Any], name: str, size: int | None = None) -> bytes:
    """A base64url field decoded, optionally of an exact size."""
    value = data.get(name)
    if not isinstance(value, str) or len(value) > 1024:
        raise BadRequestError(f"bad_{name}")
    try:
        decoded = b64d(value)
    except FormatError:
        raise BadRequestError(f"bad_{name}") from None
    if size is not None and len(decoded) != size:
        raise BadRequestError(f"bad_{name}")
    return decoded


def optional_raw(data: dict[str, Any], name: str, size: int | None = None) -> bytes | None:
    return None if data.get(name) in (None, "") else raw(data, name, size)


type View = Callable[..., HttpResponse]
type MemberView = Callable[Concatenate[HttpRequest, User, ...], HttpResponse]


def json_view(view: View) -> View:
    """Turn `BadRequestError` into a 400 answer."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequestError as exc:
            return error(exc.reason, 400)

    return wrapper


def member_required(view: MemberView) -> View:
    """Signed in with both factors; answers 401 in JSON, never a redirect."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not isinstance(user, User) or not user.is_active:
            return error("not_signed_in", 401)
        return view(request, user, *args, **kwargs)

    return wrapper


def admin_required(view: MemberView) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> HttpResponse:
        if not user.is_admin:
            return error("forbidden", 403)
        return view(request, user, *args, **kwargs)

    return member_required(wrapper)
