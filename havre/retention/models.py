"""Each program's retention policy, the erasures it makes due, and a report per purge."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.models import Conversation

# Safe defaults: what a program keeps unless its admins choose otherwise.
DELETE_AFTER = timedelta(hours=24)
CLOSE_IDLE_AFTER = timedelta(days=7)
AUDIT_KEEP = timedelta(days=365)


class Policy(models.Model):
    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="retention"
    )
    # Message contents, notes, code word and (unless a relationship is
    # ongoing) the sealed number are deleted this long after closing.
    delete_after = models.DurationField(default=DELETE_AFTER)
    # An open conversation with no activity for this long is closed.
    close_idle_after = models.DurationField(default=CLOSE_IDLE_AFTER)
    # The audit log's own retention.
    audit_keep = models.DurationField(default=AUDIT_KEEP)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"retention of {self.program_id}"


class Erasure(models.Model):
    """A closed conversation's contents, due for erasure at `due_at`.

    The sweep claims a row by setting `done_at` with a conditional UPDATE in
    the transaction that erases: two workers never erase the same one, and
    a crash mid-way rolls the claim back for the next sweep.
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, primary_key=True, related_name="erasure"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    closed_at = models.DateTimeField()
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["program", "done_at", "due_at"], name="erasure_due")]

    def __str__(self) -> str:
        return f"erasure of {self.conversation_id}"


class PurgeReport(models.Model):
    """One sweep's work for one program: counts and durations, nothing about anyone."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="purge_reports")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    # "sweep" (the periodic one) or "command" (havre purge).
    trigger = models.CharField(max_length=16)
    counts = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["program", "-started_at"], name="purge_report_recent")]

    def __str__(self) -> str:
        return f"purge of {self.program_id} at {self.started_at}"
