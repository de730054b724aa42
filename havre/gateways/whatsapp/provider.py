"""WhatsApp (Cloud API) as the registry lists it: settings, webhook and gateway."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import path

from havre.conversations.models import Channel
from havre.gateways.meta.settings import app_credentials, graph_id
from havre.gateways.spec import Field, NewChannel, ProviderSpec, program_number
from havre.gateways.whatsapp import views
from havre.gateways.whatsapp.client import WhatsAppGateway
from havre.vault.addresses import AddressKind


def validate(values: Mapping[str, str]) -> NewChannel:
    number = program_number(values.get("number", ""))
    phone_number_id = graph_id(values, "phone_number_id", "phone number ID")
    secret = app_credentials(values, "access_token")
    return NewChannel(number, {"phone_number_id": phone_number_id}, secret)


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    return (
        "In Meta's App Dashboard, under WhatsApp > Configuration, set the callback URL to\n"
        f"  {urls['webhook']}\n"
        'and the verify token to the one given here, then subscribe to the "messages" field.\n'
        "WhatsApp lets the helpline reply only within 24 hours of the texter's last message;\n"
        "the console shows when that window closes."
    )


PROVIDER = ProviderSpec(
    name="whatsapp",
    label="WhatsApp (Cloud API)",
    address_kind=AddressKind.WHATSAPP,
    fields=(
        Field("phone_number_id", "phone-number-id", "the WhatsApp phone number ID"),
        Field("access_token", "access-token", "the access token (a system user's)", secret=True),
        Field("app_secret", "app-secret", "the Meta app's secret", secret=True),
        Field(
            "verify_token", "verify-token", "a word of your choice, typed in Meta's dashboard too"
        ),
        Field("number", "number", "the WhatsApp number in E.164 form, e.g. +15145550100"),
    ),
    validate=validate,
    gateway=WhatsAppGateway(),
    setup=setup,
    after_removal="Also remove the callback URL in Meta's App Dashboard (WhatsApp > Configuration).",
    urlpatterns=(path("whatsapp/<uuid:channel_id>/", views.webhook, name="whatsapp"),),
    webhooks={"webhook": "whatsapp"},
    summary=lambda channel: {"phone_number_id": channel.config.get("phone_number_id")},
)
