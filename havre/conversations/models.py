"""Conversations and messages. Every text and number is stored HPKE-sealed.

The server can route an inbound text to its conversation through `route`, an
HMAC of the number under a key kept outside the database, and forgets the
route when the conversation closes.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from havre.accounts.models import Program
from havre.vault import addresses
from havre.vault.addresses import AddressKind
from havre.vault.models import Epoch

# How long an idle conversation owed the closing notice waits, open, for a
# console holding the key to send it; then the sweep closes it without it.
CLOSING_NOTICE_GRACE = timedelta(days=1)


class Channel(models.Model):
    """One provider account and address through which texters reach a program.

    Which providers exist, how their webhooks are verified and how they send
    is the gateways' business (`havre.gateways.registry`); conversations only
    need to know which channel a text came by and goes back through.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="channels")
    # A provider's name in the gateways' registry, such as "twilio".
    provider = models.CharField(max_length=32)
    # What texters' addresses are on this channel (phone numbers, WhatsApp
    # ids...), so that every layer normalises, routes and blocks them alike.
    address_kind = models.CharField(
        max_length=16,
        choices=[(kind.value, kind.value) for kind in AddressKind],
        default=AddressKind.PHONE.value,
    )
    # The program's own number or account (not a texter's): public by nature.
    address = models.CharField(max_length=32)
    # Non-secret provider settings, such as the account SID.
    config = models.JSONField(default=dict)
    # Provider credentials, boxed under a key derived from HAVRE_SECRET_KEY,
    # which is kept outside the database and its backups (a Vonage
    # application's private key is a few kilobytes).
    secret_box = models.BinaryField(max_length=8192)
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


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Conversation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="conversations")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="conversations")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    route = models.CharField(max_length=64, null=True)
    # Which route key made `route` (havre.vault.routekeys), so that the
    # previous key is forgotten once no route made with it remains.
    route_key = models.PositiveIntegerField(default=0)
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
    # Team work: who holds it, and since when it waits in the queue (null
    # when someone holds it). Crisis-flagged conversations go first.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assigned_conversations",
    )
    queued_at = models.DateTimeField(null=True)
    crisis_category = models.CharField(max_length=16, null=True)
    crisis_at = models.DateTimeField(null=True)
    # Safety tools. The code word is sealed to the program key by the
    # advocate's browser and compared there; it is never displayed.
    code_word_sealed = models.BinaryField(max_length=512, null=True)
    code_word_epoch = models.ForeignKey(
        Epoch, on_delete=models.PROTECT, null=True, related_name="+"
    )
    checkin_every = models.DurationField(null=True)
    checkin_due_at = models.DateTimeField(null=True)
    # The texter asked to stop (STOP / ARRET): nothing more is sent.
    stopped_at = models.DateTimeField(null=True)
    # The texter's language ("fr", "en"), read from her first text or set by
    # an advocate: only the code. Empty: the program's language applies.
    language = models.CharField(max_length=8, blank=True, default="")
    # An advocate marked an ongoing relationship with the texter: closing
    # keeps the route and the sealed number until the relationship ends.
    ongoing_since = models.DateTimeField(null=True)
    # The retention sweep found it idle with the texter's text last: she is
    # owed the closing notice, which only a console holding the key can send
    # (the server never holds her number). Owed while nothing happened since.
    closing_notice_owed_at = models.DateTimeField(null=True)

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

    def reply_window_closes_at(self) -> datetime | None:
        """When the channel stops letting a reply go (24 hours after her last message on
        WhatsApp and Messenger); None on channels without such a window."""
        window = addresses.reply_window(self.channel.address_kind)
        if window is None:
            return None
        return (self.last_inbound_at or self.created_at) + window

    def closing_notice_owed_until(self) -> datetime | None:
        """While the sweep's closing notice is owed (nothing happened since it found the
        conversation idle with her text last), when it closes without it; else None."""
        owed = self.closing_notice_owed_at
        if self.status != Status.OPEN or owed is None or owed < self.last_activity_at:
            return None
        return owed + CLOSING_NOTICE_GRACE


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
    # An inbound text longer than settings.HAVRE_MAX_MESSAGE_CHARS: only its
    # beginning was kept, and the console says so.
    cut = models.BooleanField(default=False)
    # For an automatic notice, which one was sent (its key), never its text;
    # body_sealed is then empty.
    notice = models.CharField(max_length=48, blank=True)
    provider_id = models.CharField(max_length=64, null=True)
    # When the provider deleted its own record of the message, at Havre's
    # request (havre.gateways.deletion); the provider id is erased then.
    provider_deleted_at = models.DateTimeField(null=True)
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


class Participant(models.Model):
    """A colleague or supervisor who joined a conversation besides its holder."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_unique"),
        ]

    def __str__(self) -> str:
        return f"participant {self.user_id} in {self.conversation_id}"


class NoteKind(models.TextChoices):
    HANDOFF = "handoff", _("Handoff note")
    NOTE = "note", _("Note")


class Note(models.Model):
    """Staff-only text about a conversation, sealed by the writer's browser."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=16, choices=NoteKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    epoch = models.ForeignKey(Epoch, on_delete=models.PROTECT, related_name="+")
    body_sealed = models.BinaryField(max_length=20000)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"note {self.id}"


class HeavyMark(models.Model):
    """An advocate marked a conversation as heavy; seen only by them and supervisors."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="heavy_unique"),
        ]
        indexes = [models.Index(fields=["user", "at"], name="heavy_user_at")]

    def __str__(self) -> str:
        return f"heavy {self.conversation_id} by {self.user_id}"


class HeldText(models.Model):
    """The text and address of an outgoing message, waiting for its provider.

    Boxed under a key derived from the server secret, which lives outside the
    database and its backups, and bound to its message's id, so a copy of the
    table yields nothing readable and a box cannot be moved to another
    message. A row lives from the queueing to the provider's acceptance; a
    text that failed keeps it for a while so that staff can try again
    (`relay.py`). Deleting the message deletes it.
    """

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    boxed = models.BinaryField()
    held_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["held_at"], name="held_text_held_at")]

    def __str__(self) -> str:
        return f"held text of {self.message_id}"
