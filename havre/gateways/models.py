"""Channels: one provider account and number through which texters reach a program."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from havre.accounts.models import Program
from havre.vault.addresses import AddressKind


class Channel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="channels")
    # A name from the gateways' registry, which alone lists the providers.
    provider = models.CharField(max_length=32)
    # What texters' addresses are on this channel (phone numbers, WhatsApp
    # ids...), so that every layer normalises, routes and blocks them alike.
    address_kind = models.CharField(
        max_length=16,
        choices=[(kind.value, kind.value) for kind in AddressKind],
        default=AddressKind.PHONE.value,
    )
    # The program's own number or page (not a texter's): public by nature.
    address = models.CharField(max_length=32)
    # Non-secret provider settings, such as the account SID.
    config = models.JSONField(default=dict)
    # Provider credentials, boxed under a key derived from HAVRE_SECRET_KEY,
    # which is kept outside the database and its backups.
    secret_box = models.BinaryField(max_length=512)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            # Two live channels on one number would split a texter's conversation.
            models.UniqueConstraint(
                fields=["provider", "address"],
                condition=models.Q(removed_at__isnull=True),
                name="channel_one_live_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.address}"


class EventStream(models.Model):
    """Where Havre is in a provider's event stream (Signal's), and which process reads it.

    `last_event_id` moves only once the event before it is stored: reconnecting
    with it asks the provider again for everything after, so nothing is
    acknowledged that was not kept. The lease lets one process read a stream
    while others wait, so several workers never read the same one.
    """

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="event_stream")
    last_event_id = models.CharField(max_length=64, blank=True)
    holder = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"event stream of {self.channel_id}"
