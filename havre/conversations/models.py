"""Conversations and messages. Every text and number is stored HPKE-sealed.

The server can route an inbound text to its conversation through `route`, an
HMAC of the number under a key kept outside the database, and forgets the
route when the conversation closes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from havre.accounts.models import Program
from havre.gateways.models import Channel
from havre.vault.models import Epoch


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Conversation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="conversations")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="conversations")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    route = models.CharField(max_length=64, null=True)
    number_epoch = models.ForeignKey(Epoch, on_delete=models.PROTECT, related_name="+")
    number_sealed = models.BinaryField(max_length=256)
    # Bumped by every change the console should see; events carry it.
    seq = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_inbound_at = models.DateTimeField(null=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "route"],
                condition=Q(status="open"),
                name="conversation_one_open_per_route",
            ),
        ]
        indexes = [models.Index(fields=["program", "status", "-last_activity_at"])]

    def __str__(self) -> str:
        return f"conversation {self.id}"


class Direction(models.TextChoices):
    INBOUND = "in", _("Received")
    OUTBOUND = "out", _("Sent")


class Delivery(models.TextChoices):
    RECEIVED = "received", _("Received")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    UNDELIVERED = "undelivered", _("Not delivered")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    epoch = models.ForeignKey(Epoch, on_delete=models.PROTECT, related_name="+")
    body_sealed = models.BinaryField(max_length=20000)
    # Photos and files are never fetched: only how many came.
    media_count = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=64, null=True)
    status = models.CharField(max_length=16, choices=Delivery.choices)
    error_code = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    seq = models.PositiveBigIntegerField()
    updated_seq = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    status_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "provider_id"], name="message_unique_provider_id"
            ),
        ]
        indexes = [
            models.Index(fields=["conversation", "updated_seq"]),
            models.Index(fields=["status", "status_at"]),
        ]
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"message {self.id}"
