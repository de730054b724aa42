"""A texter writing to program A through the real signed webhook, and a clock to set.

What reaches the texter is what the fake Twilio accepted (`fake_twilio.sent`).
The automatic replies read the time from havre.protocols.clock, which these
tests set; nothing else's clock is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from havre.accounts.models import User
from havre.conversations.models import Channel, Conversation, Message
from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import FakeTwilio
from havre.protocols import actions, clock

TEXTER = "+33611223344"


@dataclass
class Texter:
    """Texts program A's channel as a texter would, and reads what came back."""

    twilio: FakeTwilio
    channel: Channel
    capture: Any
    number: str = TEXTER

    def text(self, body: str = "Bonjour", *, media: int = 0) -> None:
        url = webhook_urls(self.channel)["sms"]
        with self.capture(execute=True):
            response = self.twilio.inbound(
                url, sender=self.number, to=self.channel.address, body=body, media=media
            )
        assert response.status_code == 200, response.text

    @property
    def received(self) -> list[str]:
        """Every text that reached this texter, in the order Twilio accepted them."""
        return [call.body or "" for call in self.twilio.sent if call.to == self.number]

    def conversation(self) -> Conversation:
        return Conversation.objects.filter(channel=self.channel).latest("created_at")

    def notices(self) -> list[str]:
        """The notice keys stored in the latest conversation, in order."""
        return list(
            Message.objects.filter(conversation=self.conversation())
            .exclude(notice="")
            .order_by("seq")
            .values_list("notice", flat=True)
        )


@pytest.fixture
def texter(
    fake_twilio: FakeTwilio,
    channel_a: Channel,
    django_capture_on_commit_callbacks: Any,
) -> Texter:
    return Texter(fake_twilio, channel_a, django_capture_on_commit_callbacks)


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    def set_to(when: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: when)

    return set_to


def office_hours(by: User, time_zone: str = "Europe/Paris", **extra: Any) -> None:
    """Monday to Friday, 9:00 to 17:00, in `time_zone`."""
    schedule = [{"day": day, "start": "09:00", "end": "17:00"} for day in range(5)]
    actions.set_hours(
        by,
        time_zone=time_zone,
        schedule=extra.pop("schedule", schedule),
        holidays=extra.pop("holidays", []),
    )
