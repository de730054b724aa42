"""Facebook Messenger as the registry lists it: settings, webhook and gateway."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import path

from havre.conversations.models import Channel
from havre.gateways.messenger import views
from havre.gateways.messenger.client import MessengerGateway
from havre.gateways.meta.settings import app_credentials, graph_id
from havre.gateways.spec import Field, NewChannel, ProviderSpec
from havre.vault.addresses import AddressKind


def validate(values: Mapping[str, str]) -> NewChannel:
    page_id = graph_id(values, "page_id", "Page ID")
    return NewChannel(page_id, {}, app_credentials(values, "page_access_token"))


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    return (
        "In Meta's App Dashboard, under Messenger > Settings > Webhooks, set the callback URL to\n"
        f"  {urls['webhook']}\n"
        'and the verify token to the one given here; subscribe the Page to the "messages",\n'
        '"message_deliveries", "message_echoes" and "message_reactions" fields.\n'
        "Messenger lets the helpline reply only within 24 hours of the person's last message;\n"
        "the console shows when that window closes."
    )


PROVIDER = ProviderSpec(
    name="messenger",
    label="Facebook Messenger",
    address_kind=AddressKind.MESSENGER,
    fields=(
        Field("page_id", "page-id", "the Facebook Page's ID"),
        Field("page_access_token", "page-access-token", "the Page access token", secret=True),
        Field("app_secret", "app-secret", "the Meta app's secret", secret=True),
        Field(
            "verify_token", "verify-token", "a word of your choice, typed in Meta's dashboard too"
        ),
    ),
    validate=validate,
    gateway=MessengerGateway(),
    setup=setup,
    after_removal="Also remove the callback URL in Meta's App Dashboard (Messenger > Settings).",
    urlpatterns=(path("messenger/<uuid:channel_id>/", views.webhook, name="messenger"),),
    webhooks={"webhook": "messenger"},
)
