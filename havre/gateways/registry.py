"""The providers Havre speaks to: the one place that lists them.

Adding a provider is one folder under `havre/gateways/` exporting a
`ProviderSpec`, and one line below (see CONTRIBUTING.md).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from havre.conversations.models import Channel
from havre.gateways.base import Gateway
from havre.gateways.messenger.provider import PROVIDER as MESSENGER
from havre.gateways.signal.provider import PROVIDER as SIGNAL
from havre.gateways.sms_gateway.provider import PROVIDER as SMS_GATEWAY
from havre.gateways.spec import ProviderSpec
from havre.gateways.twilio.provider import PROVIDER as TWILIO
from havre.gateways.vonage.provider import PROVIDER as VONAGE
from havre.gateways.whatsapp.provider import PROVIDER as WHATSAPP

PROVIDERS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        TWILIO,
        WHATSAPP,
        MESSENGER,
        VONAGE,
        SMS_GATEWAY,
        SIGNAL,
    )
}


class UnknownProviderError(LookupError):
    pass


def provider(name: str) -> ProviderSpec:
    spec = PROVIDERS.get(name)
    if spec is None:
        raise UnknownProviderError(name)
    return spec


def gateway_for(channel: Channel) -> Gateway:
    return provider(channel.provider).gateway


def webhook_urls(channel: Channel) -> dict[str, str]:
    """Full URLs, on HAVRE_PUBLIC_URL, of each of the channel's webhooks, by event."""
    base = str(settings.HAVRE_PUBLIC_URL)
    return {
        event: base + reverse(f"gateways:{name}", args=[channel.id])
        for event, name in provider(channel.provider).webhooks.items()
    }
