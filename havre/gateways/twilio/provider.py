"""Twilio as the registry lists it: settings, webhooks and gateway."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import path

from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Channel
from havre.gateways.spec import Field, NewChannel, ProviderSpec, program_number, token
from havre.gateways.twilio import views
from havre.gateways.twilio.client import TwilioGateway
from havre.gateways.twilio.wire import ACCOUNT_SID_RE
from havre.vault.addresses import AddressKind


def validate(values: Mapping[str, str]) -> NewChannel:
    number = program_number(values.get("number", ""))
    account_sid = values.get("account_sid", "").strip()
    if not ACCOUNT_SID_RE.fullmatch(account_sid):
        raise ChannelError("a Twilio account SID is AC followed by 32 hexadecimal digits")
    auth_token = token(values, "auth_token", "auth token")
    delete = (values.get("delete_records") or "yes").strip().lower()
    if delete not in {"yes", "no"}:
        raise ChannelError("--delete-records is yes (the default) or no")
    config = {"account_sid": account_sid, "delete_records": delete == "yes"}
    return NewChannel(number, config, {"auth_token": auth_token})


def deletes_records(channel: Channel) -> bool:
    """On unless the channel was added with --delete-records no."""
    return bool(channel.config.get("delete_records", True))


def setup(channel: Channel, urls: Mapping[str, str]) -> str:
    return (
        "In Twilio's console, under this number's messaging configuration, set\n"
        '"A message comes in" to this webhook, with HTTP POST:\n'
        f"  {urls['sms']}\n"
        "Delivery reports come to this URL, which Havre gives Twilio with each reply:\n"
        f"  {urls['status']}"
    )


PROVIDER = ProviderSpec(
    name="twilio",
    label="Twilio SMS",
    address_kind=AddressKind.PHONE,
    fields=(
        Field("account_sid", "account-sid", "Twilio account SID (AC...)"),
        Field("auth_token", "auth-token", "the account's auth token", secret=True),
        Field("number", "number", "the number in E.164 form, e.g. +15145550100"),
        Field(
            "delete_records",
            "delete-records",
            "yes (the default): delete each message's record and media at Twilio once it is "
            "done; no: leave them in the Twilio account",
            required=False,
        ),
    ),
    validate=validate,
    gateway=TwilioGateway(),
    setup=setup,
    after_removal="Also remove the webhook URL from the number in Twilio's console.",
    urlpatterns=(
        path("twilio/<uuid:channel_id>/sms", views.sms, name="twilio-sms"),
        path("twilio/<uuid:channel_id>/status", views.status, name="twilio-status"),
    ),
    webhooks={"sms": "twilio-sms", "status": "twilio-status"},
    summary=lambda channel: {
        "account_sid": channel.config.get("account_sid"),
        "delete_records": deletes_records(channel),
    },
    deletes_records=deletes_records,
)
