"""What the gateways keep of their own: where they are in a provider's event stream."""

from __future__ import annotations

from django.db import models

from havre.conversations.models import Channel


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
