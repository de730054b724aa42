"""Any SMS gateway as the registry lists it: settings, webhooks and gateway."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import path

from havre.config import is_loopback_host
from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Channel
from havre.gateways.sms_gateway import views
from havre.gateways.sms_gateway.client import SmsGateway
from havre.gateways.sms_gateway.wire import MIN_SECRET_LENGTH
from havre.gateways.spec import Field, NewChannel, ProviderSpec, program_number, token
from havre.vault.addresses import AddressKind


def _send_url(raw: str) -> str:
    url = raw.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ChannelError(
            "the send URL must be an http(s) address, such as https://gw.example/send"
        )
    if parts.username or parts.password:
        raise ChannelError(
            "the send URL must not hold credentials: the shared secret signs each text"
        )
    plain_is_fine = settings.HAVRE_MODE != "production" or is_loopback_host(parts.hostname)
    if parts.scheme == "http" and not plain_is_fine:
        raise ChannelError(
            "the send URL must use https: texts and numbers would otherwise cross the network "
            "in clear (plain http is accepted only to 127.0.0.1)"
        )
    return url


def validate(values: Mapping[str, str]) -> NewChannel:
    number = program_number(values.get("number", ""))
    send_url = _send_url(values.get("send_url", ""))
    secret = token(values, "secret", "shared secret")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ChannelError(
            f"the shared secret must be at least {MIN_SECRET_LENGTH} random characters"
        )
    return NewChannel(number, {"send_url": send_url}, {"secret": secret})


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    return (
        "Give the gateway the same shared secret, and these two URLs, to which it POSTs\n"
        "signed JSON (the format is in docs/channels.md):\n"
        f"  texts received: {urls['sms']}\n"
        f"  delivery reports: {urls['status']}\n"
        f"Havre sends each reply, signed the same way, to {channel.config['send_url']}"
    )


PROVIDER = ProviderSpec(
    name="gateway",
    label="SMS gateway (Havre's signed JSON)",
    address_kind=AddressKind.PHONE,
    fields=(
        Field("send_url", "send-url", "the gateway's URL to which Havre posts each text"),
        Field("secret", "secret", "the secret shared with the gateway", secret=True),
        Field("number", "number", "the gateway's number in E.164 form, e.g. +33612345678"),
    ),
    validate=validate,
    gateway=SmsGateway(),
    setup=setup,
    after_removal="Also stop the gateway from posting to Havre, and forget the shared secret there.",
    urlpatterns=(
        path("gateway/<uuid:channel_id>/sms", views.sms, name="gateway-sms"),
        path("gateway/<uuid:channel_id>/status", views.status, name="gateway-status"),
    ),
    webhooks={"sms": "gateway-sms", "status": "gateway-status"},
    summary=lambda channel: {"send_url": channel.config.get("send_url")},
)
