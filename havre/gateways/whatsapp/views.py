"""WhatsApp's one webhook, /hooks/whatsapp/<channel uuid>/: Meta's, read as havre.gateways.meta.views says."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from havre.gateways.meta.views import receive
from havre.gateways.whatsapp.parse import parse


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    return receive(request, "whatsapp", channel_id, parse)
