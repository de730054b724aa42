"""Providers' webhooks: /hooks/<provider>/<channel uuid>/<event>."""

from __future__ import annotations

from django.urls import path

from havre.gateways.twilio import views as twilio

app_name = "gateways"

urlpatterns = [
    path("twilio/<uuid:channel_id>/sms", twilio.sms, name="twilio-sms"),
    path("twilio/<uuid:channel_id>/status", twilio.status, name="twilio-status"),
]
