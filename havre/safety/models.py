"""The safety tools' own records: blocked numbers and check-in reminders.

A block keeps an HMAC of the number under the block key, never the number
(the construction is the vault's, `havre.vault.blocks.block_hash`), and a
label sealed by staff's browser to the program key. A check-in reminder only
tells staff that a check-in came due; nothing is ever sent because of it.

Both tables were created by the vault app and keep their rows: migrations
moved them here without copying data.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.models import Conversation
from havre.vault.models import Epoch


class Block(models.Model):
    """A blocked number, as an HMAC under the block key (never the number).

    The label, written by staff to recognise the entry, is sealed to the
    program key like every other stored text.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="blocks")
    # Chosen by the browser that seals the label, since the label's HPKE info
    # names the block: the id exists before the row does.
    uid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    block_hash = models.CharField(max_length=64)
    label_sealed = models.BinaryField(max_length=2048)
    label_epoch = models.ForeignKey(Epoch, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "block_hash"],
                condition=models.Q(lifted_at__isnull=True),
                name="block_one_active_per_number",
            ),
        ]

    def __str__(self) -> str:
        return f"block {self.pk}"


class CheckinReminder(models.Model):
    """A check-in that came due and was shown to the advocates.

    Made by the periodic sweep, at most once per due time, and removed when an
    advocate marks the check-in done, snoozes it or stops check-ins. It reminds
    staff only: nothing is ever sent to the texter because of it.
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="checkin_reminder"
    )
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"check-in reminder for {self.conversation_id}"
