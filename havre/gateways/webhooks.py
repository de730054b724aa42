"""Reading a provider's webhook body safely, before anything trusts it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, QueryDict

from havre.conversations.models import Channel
from havre.gateways import handling


class BodyTooLargeError(Exception):
    """The body is larger than settings.DATA_UPLOAD_MAX_MEMORY_SIZE."""


class MalformedBodyError(Exception):
    """The body is not a form (or JSON document) that can be parsed."""


def read_body(request: HttpRequest) -> bytes:
    """The raw body, refused when larger than the limit.

    Both the announced Content-Length and the bytes actually read are checked,
    so a body sent without a length (or with a false one) is caught too.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise MalformedBodyError from None
    if limit is not None and announced > limit:
        raise BodyTooLargeError
    if limit is None:
        return request.read()
    data = request.read(limit + 1)
    if len(data) > limit:
        raise BodyTooLargeError
    return data


def read_form(request: HttpRequest) -> QueryDict:
    """The body as a urlencoded form, parsed only after its size is checked."""
    data = read_body(request)
    content_type = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise MalformedBodyError
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedBodyError from None
    try:
        return QueryDict(text, encoding="utf-8")
    except TooManyFieldsSent:
        raise MalformedBodyError from None


def parse_json(request: HttpRequest, data: bytes) -> dict[str, Any]:
    """A body already read (and its signature checked) as a JSON object.

    Only objects are accepted at the top. Nesting too deep for the parser is
    malformed, not a server error; so is a string that JSON can escape but
    that is not Unicode text (a lone surrogate), which could not be sealed.
    """
    content_type = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if content_type != "application/json":
        raise MalformedBodyError
    try:
        value = json.loads(data.decode("utf-8"))
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError, RecursionError):
        raise MalformedBodyError from None
    if not isinstance(value, dict):
        raise MalformedBodyError
    return value


def signed_json(
    request: HttpRequest, channel: Channel, refusal: Callable[[bytes], str | None]
) -> dict[str, Any] | HttpResponse:
    """A JSON webhook's payload once its size and signature are checked, or the answer refusing it.

    `refusal` reads the raw body and says why its signature does not hold
    (answered 403), or None. Nothing is parsed before the signature holds.
    """
    try:
        body = read_body(request)
    except BodyTooLargeError:
        return handling.refuse(channel, 413, "body too large")
    except MalformedBodyError:
        return handling.refuse(channel, 400, "unreadable body")
    reason = refusal(body)
    if reason is not None:
        return handling.refuse(channel, 403, reason)
    try:
        return parse_json(request, body)
    except MalformedBodyError:
        return handling.refuse(channel, 400, "malformed payload")
