"""Which gateway serves a channel, and the webhook URLs to give its provider."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from havre.conversations.models import Channel
from havre.gateways.base import Gateway, Provider
from havre.gateways.twilio.client import TwilioGateway

# Each provider's webhook events, as they appear in /hooks/<provider>/<uuid>/<event>.
WEBHOOK_EVENTS: dict[str, tuple[str, ...]] = {
    Provider.TWILIO: ("sms", "status"),
}


class UnknownProviderError(LookupError):
    pass


def gateway_for(channel: Channel) -> Gateway:
    if channel.provider == Provider.TWILIO:
        return TwilioGateway()
    raise UnknownProviderError(channel.provider)


def webhook_urls(channel: Channel) -> dict[str, str]:
    """Full URLs, on HAVRE_PUBLIC_URL, of each of the channel's webhooks, by event."""
    events = WEBHOOK_EVENTS.get(channel.provider)
    if events is None:
        raise UnknownProviderError(channel.provider)
    base = str(settings.HAVRE_PUBLIC_URL)
    return {
        event: base + reverse(f"gateways:{channel.provider}-{event}", args=[channel.id])
        for event in events
    }
