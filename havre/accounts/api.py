"""The HTTP helpers every JSON API of Havre uses: parsing, errors, access.

One module for the sign-in views, the console and the safety, protocols and
triage APIs alike. It sits with the staff (accounts), the lowest layer that
knows what a member is, so that every API above can import it.

- `staff_api(*methods)`: a session-authenticated endpoint for members
  (401 "signed_out" in JSON, never a redirect; 405 for other methods; never
  cached); `member_required` and `admin_required` are the sign-in views' own.
- `json_body` / `body` and the field readers: the request's JSON object, and
  `BadRequestError` (a 400) when it is not what the endpoint takes.
- `in_program(member, queryset, pk)`: one object of the member's own program,
  so that another program's id answers 404 exactly like one that does not exist.
- `named_or_404` / `named_with_body`: an endpoint's prelude, what its URL
  names (the member's conversation, a colleague) or `NotFoundError` (a 404),
  then the JSON body or a 400.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from typing import Any, Concatenate

from django.core.exceptions import RequestDataTooBig
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from havre.accounts.grants import holds_current_key
from havre.accounts.models import User
from havre.vault.formats import FormatError, b64d


class BadRequestError(Exception):
    """The request body is not what the endpoint takes; answered with 400."""

    def __init__(self, reason: str = "bad_request") -> None:
        super().__init__(reason)
        self.reason = reason


class NotFoundError(Exception):
    """What the URL names is not in the member's program; answered with 404 "not_found"."""


def error(reason: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": reason, **extra}, status=status)


def json_body(request: HttpRequest) -> dict[str, Any] | None:
    """The request's JSON object, or None when it is not one."""
    try:
        data = json.loads(request.body)
    except (ValueError, RequestDataTooBig):
        return None
    return data if isinstance(data, dict) else None


def body(
    request: HttpRequest, reason: str = "bad_request", *, strict: bool = False
) -> dict[str, Any]:
    """The request's JSON object, or BadRequestError(reason).

    An empty body reads as {}, unless `strict`.
    """
    try:
        empty = not request.body
    except RequestDataTooBig:
        raise BadRequestError(reason) from None
    data = {} if empty and not strict else json_body(request)
    if data is None:
        raise BadRequestError(reason)
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


def in_program[M: Model](member: User, queryset: QuerySet[M], pk: uuid.UUID) -> M | None:
    """The object `pk` if it belongs to the member's program, else None (answer 404)."""
    return queryset.filter(program_id=member.program_id, pk=pk).first()


def named_or_404[M](named: M | None) -> M:
    """What the endpoint's URL names, as its lookup found it, or NotFoundError."""
    if named is None:
        raise NotFoundError
    return named


def named_with_body[M](
    request: HttpRequest, named: M | None, reason: str = "bad_request", *, strict: bool = False
) -> tuple[M, dict[str, Any]]:
    """An endpoint's prelude: what its URL names or a 404, then its JSON object or a 400.

    The 400 says `reason`. An empty body reads as {}, unless `strict`.
    """
    return named_or_404(named), body(request, reason, strict=strict)


KEY_REQUIRED = "key_required"

type View = Callable[..., HttpResponse]
type MemberView = Callable[Concatenate[HttpRequest, User, ...], HttpResponse]


def _member(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_active else None


def staff_api(*methods: str, key: bool = False) -> Callable[[MemberView], View]:
    """Session-authenticated JSON endpoint answering only `methods`; the view gets the member.

    Django's CSRF middleware has already checked POSTs by the time this runs.
    A `BadRequestError` raised by the view is answered with 400, a
    `NotFoundError` with 404.

    With `key=True` (every act on a texter), a member who does not hold the
    current program key is answered 403 `key_required` before the view reads
    anything: the same answer whatever the request names, so that a session
    without the key learns nothing about which numbers or conversations exist.
    """

    def decorate(view: MemberView) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error("method_not_allowed", 405)
                response["Allow"] = ", ".join(methods)
                return response
            member = _member(request)
            if member is None:
                return error("signed_out", 401)
            if key and not holds_current_key(member):
                return error(KEY_REQUIRED, 403)
            try:
                return view(request, member, *args, **kwargs)
            except BadRequestError as exc:
                return error(exc.reason, 400)
            except NotFoundError:
                return error("not_found", 404)

        return never_cache(wrapper)

    return decorate


def json_view(view: View) -> View:
    """Answer `BadRequestError` with 400 and `NotFoundError` with 404, outside `staff_api`.

    For the sign-in views (which may be anonymous) and the admins' team views.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequestError as exc:
            return error(exc.reason, 400)
        except NotFoundError:
            return error("not_found", 404)

    return wrapper


def member_required(view: MemberView) -> View:
    """Signed in with both factors; answers 401 in JSON, never a redirect."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        member = _member(request)
        if member is None:
            return error("not_signed_in", 401)
        return view(request, member, *args, **kwargs)

    return wrapper


def admin_required(view: MemberView) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> HttpResponse:
        if not user.is_admin:
            return error("forbidden", 403)
        return view(request, user, *args, **kwargs)

    return member_required(wrapper)
