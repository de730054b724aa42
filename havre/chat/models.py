"""The web chat's settings per program, its sessions, and the visitors' own copies.

A session is one visit: its id is the visitor's address on the chat channel
(`AddressKind.WEBCHAT`), and the conversation it opens is an ordinary one,
reached through the inbound pipeline. Nothing here names, locates or
recognises a visitor: no IP address, no cookie, no browser fingerprint.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from havre.accounts.models import Program
from havre.conversations.models import Channel, Message

# Where the quick exit sends a visitor when the program chose nowhere else:
# a search page, which is what most people have open anyway.
DEFAULT_EXIT_URL = "https://www.google.com/"


class ChatSettings(models.Model):
    """One program's web chat: where it lives, whether it is on, how it leaves."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="chat_settings"
    )
    # /chat/<slug>/: chosen by the program, so that it can be as neutral as its title.
    slug = models.SlugField(max_length=40, unique=True)
    enabled = models.BooleanField(default=False)
    exit_url = models.URLField(max_length=500, default=DEFAULT_EXIT_URL)
    # When set, the tab and the browser's history show this title and a plain
    # icon instead of the program's name.
    neutral_title = models.CharField(max_length=60, blank=True)
    # The conversations' channel; made with the settings, never removed.
    channel = models.OneToOneField(Channel, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"chat of {self.program_id}"


class EndReason(models.TextChoices):
    LEFT = "left", _("The visitor left")
    CLOSED = "closed", _("The conversation was closed")
    BLOCKED = "blocked", _("The session was blocked")


class ChatSession(models.Model):
    """One visit, from accepting the terms to leaving; the browser holds its token."""

    # The visitor's address on the chat channel: routed, sealed and blocked
    # like any texter's address.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="+")
    # SHA-256 of the bearer token the page keeps in memory.
    token_hash = models.CharField(max_length=64, unique=True)
    # The X25519 key the visitor's browser made for this conversation alone.
    visitor_public_key = models.BinaryField(max_length=32)
    # The id of the conversation her texts are sealed for, chosen at the start
    # so that her first text can already be sealed to it.
    conversation_ref = models.UUIDField(unique=True, default=uuid.uuid4)
    language = models.CharField(max_length=8, default="en")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["program", "ended_at"])]

    def __str__(self) -> str:
        return f"chat session {self.id}"


class VisitorCopy(models.Model):
    """A message sealed to the visitor's key, for her page to show; deleted with the message."""

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    session = models.ForeignKey(ChatSession, on_delete=models.CASCADE, related_name="copies")
    sealed = models.BinaryField(max_length=20000)

    def __str__(self) -> str:
        return f"visitor copy of {self.message_id}"
