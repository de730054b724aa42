"""The demo's fake Twilio API, served by the demo server itself.

`havre demo` points HAVRE_TWILIO_API_BASE here, so the helpline's replies
travel over HTTP with Basic auth exactly as they would to Twilio.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from havre.demo.fake import demo_fake
from havre.demo.views import _demo_only
from havre.gateways.twilio.fake import twilio_error


def _json(status: int, data: dict[str, object]) -> JsonResponse:
    response = JsonResponse(data, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="Twilio API"'
    return response


@csrf_exempt
def messages_api(request: HttpRequest, account_sid: str) -> JsonResponse:
    _demo_only()
    if request.method != "POST":
        return _json(*twilio_error(405, 20004))
    form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
    status, data = demo_fake().create_message(
        account_sid, request.headers.get("Authorization"), form
    )
    return _json(status, data)


@csrf_exempt
def anything_else(request: HttpRequest, rest: str) -> JsonResponse:
    """Photo URLs among others: answered, and recorded, since Havre must never ask."""
    _demo_only()
    return _json(*demo_fake().note_media_request(request.path))
