"""Twilio's webhooks: a text from a texter, and delivery reports of our replies.

Each handler checks, in order: the channel exists (404), the body's size
(413), Twilio's signature (403), the form's shape (400); only then does it
call one action, and it answers 200 only once that action has returned, so
Twilio hears "received" only for what is durably stored. Logs name the
channel and the MessageSid, never a text or a number.
"""

from __future__ import annotations

import logging
import uuid

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from havre import intake
from havre.conversations.actions import record_delivery
from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from havre.gateways.twilio.forms import parse_inbound, parse_status
from havre.gateways.twilio.signature import is_signed
from havre.gateways.twilio.wire import EMPTY_TWIML
from havre.gateways.webhooks import BodyTooLargeError, MalformedBodyError, read_form

logger = logging.getLogger(__name__)


def _verified_form(request: HttpRequest, channel: Channel) -> QueryDict | HttpResponse:
    """The signed form, or the response refusing the request."""
    try:
        params = read_form(request)
    except BodyTooLargeError:
        logger.warning("twilio webhook refused: body too large, channel=%s", channel.id)
        return HttpResponse(status=413)
    except MalformedBodyError:
        logger.warning("twilio webhook refused: unreadable body, channel=%s", channel.id)
        return HttpResponse(status=400)
    if not is_signed(request, params, str(channel_secret(channel)["auth_token"])):
        logger.warning("twilio webhook refused: bad signature, channel=%s", channel.id)
        return HttpResponse(status=403)
    return params


def _live_channel(channel_id: uuid.UUID) -> Channel:
    # With its program, which the inbound pipeline reads: one query rather than two.
    return get_object_or_404(
        Channel.objects.select_related("program"),
        pk=channel_id,
        provider="twilio",
        removed_at__isnull=True,
    )


@csrf_exempt
@require_POST
def sms(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = _live_channel(channel_id)
    params = _verified_form(request, channel)
    if isinstance(params, HttpResponse):
        return params
    text = parse_inbound(params, channel)
    if text is None:
        logger.warning("twilio sms refused: malformed form, channel=%s", channel.id)
        return HttpResponse(status=400)
    try:
        # Photos and files are never fetched: MediaUrlN is not even read.
        _message, created = intake.receive_inbound(
            channel,
            provider_id=text.message_sid,
            sender=text.sender,
            body=text.body,
            media_count=text.media_count,
        )
    except intake.NoProgramKey:
        # Nothing can be stored unreadably before the program's key exists:
        # refuse rather than keep plaintext, and say it is temporary.
        logger.error(
            "twilio sms refused: the program has no key yet, channel=%s sid=%s",
            channel.id,
            text.message_sid,
        )
        return HttpResponse(status=503)
    except intake.InvalidNumber:
        logger.warning(
            "twilio sms refused: sender is not a phone number, channel=%s sid=%s",
            channel.id,
            text.message_sid,
        )
        return HttpResponse(status=400)
    logger.info(
        "twilio sms %s: channel=%s sid=%s",
        "stored" if created else "already stored",
        channel.id,
        text.message_sid,
    )
    return HttpResponse(EMPTY_TWIML, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def status(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = _live_channel(channel_id)
    params = _verified_form(request, channel)
    if isinstance(params, HttpResponse):
        return params
    report = parse_status(params, channel)
    if report is None:
        logger.warning("twilio status refused: malformed form, channel=%s", channel.id)
        return HttpResponse(status=400)
    if report.status is None:
        # A status Havre does not track; refusing it would only fill Twilio's error log.
        logger.info(
            "twilio status ignored: channel=%s sid=%s status=%.20s",
            channel.id,
            report.message_sid,
            report.twilio_status,
        )
        return HttpResponse(status=200)
    known = record_delivery(
        channel,
        provider_id=report.message_sid,
        status=report.status,
        error_code=report.error_code,
    )
    logger.info(
        "twilio status %s: channel=%s sid=%s status=%s%s",
        "recorded" if known else "for an unknown message",
        channel.id,
        report.message_sid,
        report.status,
        f" code={report.error_code}" if report.error_code else "",
    )
    return HttpResponse(status=200)
