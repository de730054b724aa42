"""The demo's fake Twilio API, served by the demo server itself.

`havre demo` points HAVRE_TWILIO_API_BASE here, so the helpline's replies
travel over HTTP with Basic auth exactly as they would to Twilio.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from havre.demo.fake import demo_fake
from havre.demo.views import _demo_only
from havre.gateways.twilio.fake import twilio_error

MESSAGE_RECORD_RE = re.compile(
    r"/Accounts/(?P<account>[A-Za-z0-9]+)/Messages/(?P<message>[A-Za-z0-9]+)\.json$"
)


def _json(status: int, data: dict[str, object] | None) -> HttpResponse:
    if data is None:
        return HttpResponse(status=status)
    response = JsonResponse(data, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="Twilio API"'
    return response


@csrf_exempt
def messages_api(request: HttpRequest, account_sid: str) -> HttpResponse:
    _demo_only()
    if request.method != "POST":
        return _json(*twilio_error(405, 20004))
    form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
    status, data = demo_fake().create_message(
        account_sid, request.headers.get("Authorization"), form
    )
    return _json(status, data)


@csrf_exempt
def anything_else(request: HttpRequest, rest: str) -> HttpResponse:
    """Photo URLs among others: answered, and recorded, since Havre must never ask.

    A DELETE of a message's record is Havre removing Twilio's copy, as it
    should: the fake deletes it.
    """
    _demo_only()
    message = MESSAGE_RECORD_RE.search(request.path)
    if request.method == "DELETE" and message is not None:
        status, data = demo_fake().delete_message(
            message["account"], message["message"], request.headers.get("Authorization")
        )
        return _json(status, data)
    return _json(*demo_fake().note_media_request(request.path))
