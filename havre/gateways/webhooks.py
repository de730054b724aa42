"""Reading a provider's webhook body safely, before anything trusts it."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, QueryDict


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
