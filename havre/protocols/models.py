"""A program's protocols: its notice texts, hours, emergency mode and quick replies.

These texts are the program's own settings, written by its staff about the
helpline, not anything a texter said: they are stored in clear. Nothing here
holds a message, a number or a code word.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.models import Conversation


class ProtocolSettings(models.Model):
    """Opening hours, holidays and emergency numbers; one row per program, made on first edit.

    `schedule` is a list of {"day": 0-6 (Monday 0), "start": "HH:MM", "end":
    "HH:MM" or "24:00"} in the program's time zone; an empty list means always
    open. `holidays` is a list of {"date": "YYYY-MM-DD", "label": str}.
    `emergency_numbers` is a list of {"number": str, "label": {"en": str, "fr": str}}.
    """

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="protocol_settings"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    schedule = models.JSONField(default=list)
    holidays = models.JSONField(default=list)
    emergency_numbers = models.JSONField(default=list)
    # The quick replies were edited: the program's rows replace the built-in ones.
    quick_replies_edited = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"protocol settings of {self.program_id}"

    @classmethod
    def of(cls, program: Program) -> ProtocolSettings:
        """The program's settings, or the built-in ones (unsaved) before its first edit."""
        found = cls.objects.filter(program=program).first()
        return found if found is not None else cls(program=program)


class NoticeText(models.Model):
    """The program's own wording of one notice in one language (else the built-in one)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="notice_texts")
    notice = models.CharField(max_length=48)
    language = models.CharField(max_length=8)
    text = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "notice", "language"], name="notice_text_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice} ({self.language})"


class QuickReply(models.Model):
    """A prepared reply the advocate can put in the reply box, in both languages."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="quick_replies")
    category = models.CharField(max_length=16)
    position = models.PositiveSmallIntegerField()
    text_en = models.TextField(blank=True)
    text_fr = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"quick reply {self.pk} ({self.category})"


class EmergencyMode(models.Model):
    """One period of emergency mode. The reason is staff text about the helpline."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="emergencies")
    reason = models.CharField(max_length=500)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program"], condition=Q(ended_at__isnull=True), name="emergency_one_on"
            ),
        ]

    def __str__(self) -> str:
        return f"emergency mode {self.pk}"


class AutomaticReplies(models.Model):
    """What the automatic replies have already told one conversation's texter,
    so that each is sent once (per closed period, per emergency) and not on every text."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    welcomed_at = models.DateTimeField(null=True)
    out_of_hours_at = models.DateTimeField(null=True)
    emergency = models.ForeignKey(
        EmergencyMode, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    media_explained_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"automatic replies of {self.conversation_id}"
