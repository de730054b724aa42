"""Purge cost: `havre purge` erasing closed conversations, beside a bare DELETE of the same rows.

Measures, in one run and one temporary SQLite database:
- baseline: deleting the same number of message rows with one query, then a
  WAL checkpoint, as the least any erasure could cost;
- havre: `havre purge` through the command, which claims each due
  conversation with a conditional UPDATE and erases it in its own
  transaction, writes the report and checkpoints the WAL.
Prints messages erased per second for each and the ratio. Bounded: a fixed count.
"""

from __future__ import annotations

import io
import os
import time
import uuid

from bench.database import in_throwaway_database

CONVERSATIONS = int(os.environ.get("HAVRE_BENCH_PURGE_CONVERSATIONS", "200"))
MESSAGES_EACH = 5


def main() -> None:
    """Set up a throwaway test database, then measure."""
    in_throwaway_database("havre-bench-purge-", run)


def _fill(program: object, channel: object, epoch: object, closed: bool) -> list[uuid.UUID]:
    from django.db import transaction
    from django.utils import timezone

    from havre.conversations.models import Conversation, Delivery, Direction, Message, Status

    ids = []
    with transaction.atomic():
        for _ in range(CONVERSATIONS):
            conversation = Conversation.objects.create(
                program=program,
                channel=channel,
                route=None,
                number_epoch=epoch,
                number_sealed=os.urandom(120),
                status=Status.CLOSED if closed else Status.OPEN,
                closed_at=timezone.now() if closed else None,
            )
            ids.append(conversation.pk)
            Message.objects.bulk_create(
                Message(
                    conversation=conversation,
                    channel=channel,
                    direction=Direction.INBOUND,
                    epoch=epoch,
                    body_sealed=os.urandom(300),
                    provider_id=f"SM{uuid.uuid4().hex}",
                    status=Delivery.RECEIVED,
                    seq=i,
                    updated_seq=i,
                )
                for i in range(MESSAGES_EACH)
            )
    return ids


def run() -> None:
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection

    from havre.accounts.models import Program
    from havre.conversations.models import Message
    from havre.gateways.actions import add_channel
    from havre.retention.policy import Change, set_policy
    from havre.vault import formats
    from havre.vault.models import Epoch

    program = Program.objects.create(name="bench")
    _, public_key = formats.generate_keypair()
    epoch = Epoch.objects.create(program=program, number=1, public_key=public_key)
    channel = add_channel(
        program, "twilio", address="+33700000009", account_sid="AC" + "9" * 32, auth_token="t" * 32
    )
    set_policy(program, Change(delete_after=timedelta(0)), by=None)
    count = CONVERSATIONS * MESSAGES_EACH

    ids = _fill(program, channel, epoch, closed=False)
    start = time.perf_counter()
    Message.objects.filter(conversation_id__in=ids).delete()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    baseline = count / (time.perf_counter() - start)

    _fill(program, channel, epoch, closed=True)
    start = time.perf_counter()
    call_command("purge", "--json", stdout=io.StringIO())
    havre = count / (time.perf_counter() - start)
    assert not Message.objects.exists()

    print(f"purge ({CONVERSATIONS} conversations, {count} messages, SQLite):")
    print(f"  baseline, one DELETE and a checkpoint: {baseline:10.0f} messages/s")
    print(f"  havre purge:                           {havre:10.0f} messages/s")
    print(f"  ratio: {baseline / havre:.1f}x the bare delete")


if __name__ == "__main__":
    main()
