"""Tasks take ids only: texts and numbers never enter a queue."""

from __future__ import annotations

import uuid

from django.tasks import task

from havre.conversations import actions


@task
def send_message(message_id: str) -> None:
    actions.deliver(uuid.UUID(message_id))


@task
def send_messages(message_ids: list[str]) -> None:
    for message_id in message_ids:
        actions.deliver(uuid.UUID(message_id))
