"""What every gateway offers to the rest of Havre, whatever the provider."""

from __future__ import annotations

from typing import Protocol

from havre.conversations.models import Channel


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
    """How a provider sends. `to` is an address of the channel's kind, in its
    canonical form (`havre.vault.addresses`). A gateway whose provider can
    delete its own records of a message also offers
    `delete_records(channel, *, provider_id, direction)` (Vonage's redaction).
    """

    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        """Hand one text to the provider; return the message id Havre stores for it.

        `status_callback` is the channel's status webhook, for providers that
        take one with each message; "" when the provider has none.
        """
        ...
