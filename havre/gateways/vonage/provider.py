"""Vonage (Messages API, SMS) as the registry lists it: settings, webhooks and gateway."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import path

from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Channel
from havre.gateways.spec import Field, NewChannel, ProviderSpec, program_number, token
from havre.gateways.vonage import views
from havre.gateways.vonage.client import VonageGateway
from havre.gateways.vonage.tokens import InvalidKeyError, load_private_key
from havre.gateways.vonage.wire import API_KEY_RE, APPLICATION_ID_RE
from havre.vault.addresses import AddressKind


def validate(values: Mapping[str, str]) -> NewChannel:
    number = program_number(values.get("number", ""))
    application_id = values.get("application_id", "").strip().lower()
    if not APPLICATION_ID_RE.fullmatch(application_id):
        raise ChannelError("a Vonage application ID is a UUID, as the dashboard shows it")
    private_key = values.get("private_key", "")
    try:
        load_private_key(private_key)
    except InvalidKeyError:
        raise ChannelError(
            "the private key file must hold the application's RSA key in PEM form "
            "(the private.key file Vonage gave)"
        ) from None
    secret = {
        "private_key": private_key,
        "signature_secret": token(values, "signature_secret", "signature secret"),
    }
    config = {"application_id": application_id, "redaction": False}
    api_key = values.get("api_key", "").strip()
    if api_key or values.get("api_secret"):
        if not API_KEY_RE.fullmatch(api_key):
            raise ChannelError("give both --api-key and --api-secret-file, to redact messages")
        secret["api_key"] = api_key
        secret["api_secret"] = token(values, "api_secret", "API secret")
        config["redaction"] = True
    return NewChannel(number, config, secret)


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    redaction = (
        "Vonage's records of each message (number and text) are redacted once it is done."
        if channel.config.get("redaction")
        else "Without --api-key and --api-secret-file, Vonage's own records of each message\n"
        "(number and text) are not redacted: add them, or ask Vonage for auto-redaction."
    )
    return (
        "In Vonage's dashboard, under this application's Messages capability, set\n"
        f"  Inbound URL: {urls['inbound']}\n"
        f"  Status URL:  {urls['status']}\n"
        "(both HTTP POST), and link the number to the application.\n" + redaction
    )


PROVIDER = ProviderSpec(
    name="vonage",
    label="Vonage SMS (Messages API)",
    address_kind=AddressKind.PHONE,
    fields=(
        Field("application_id", "application-id", "the Vonage application's ID"),
        Field(
            "private_key",
            "private-key",
            "the application's private key (PEM)",
            secret=True,
            multiline=True,
        ),
        Field(
            "signature_secret", "signature-secret", "the account's signature secret", secret=True
        ),
        Field("number", "number", "the number in E.164 form, e.g. +447700900000"),
        Field(
            "api_key",
            "api-key",
            "the account's API key, to redact Vonage's records of each message",
            required=False,
        ),
        Field("api_secret", "api-secret", "the account's API secret", secret=True, required=False),
    ),
    validate=validate,
    gateway=VonageGateway(),
    setup=setup,
    after_removal="Also remove the Inbound and Status URLs from the application in Vonage's dashboard.",
    urlpatterns=(
        path("vonage/<uuid:channel_id>/inbound", views.inbound, name="vonage-inbound"),
        path("vonage/<uuid:channel_id>/status", views.status, name="vonage-status"),
    ),
    webhooks={"inbound": "vonage-inbound", "status": "vonage-status"},
    summary=lambda channel: {
        "application_id": channel.config.get("application_id"),
        "redaction": bool(channel.config.get("redaction")),
    },
    deletes_records=lambda channel: bool(channel.config.get("redaction")),
)
