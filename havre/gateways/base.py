"""What every gateway offers to the rest of Havre, whatever the provider."""

from __future__ import annotations

from typing import Protocol

from django.db import models

from havre.conversations.models import Channel


class Provider(models.TextChoices):
    """The providers Havre has a gateway for (see registry.py)."""

    TWILIO = "twilio", "Twilio"


class SendError(Exception):
    """A message the provider did not accept.

    `transient` says whether trying again later may succeed (network trouble,
    timeouts, rate limits, provider outages). `code` is the provider's error
    code or a short word of ours such as "timeout": never text from the
    provider, whose messages may quote the recipient's number.
    """

    def __init__(self, *, transient: bool, code: str) -> None:
        super().__init__(f"send failed ({'transient' if transient else 'permanent'}, {code})")
        self.transient = transient
        self.code = code


class Gateway(Protocol):
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        """Hand one text to the provider; return the provider's message id."""
        ...
