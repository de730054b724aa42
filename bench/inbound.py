"""Inbound pipeline cost: how much sealing and routing add to storing a text.

Measures, in one run and one temporary SQLite database:
- baseline: inserting message rows whose body is a random blob of the sealed size;
- havre: `receive_inbound`, which normalises the number, computes its route,
  seals body and number with HPKE and stores them, in one transaction.
Prints messages per second for each and the ratio. Bounded: a fixed count.
"""

from __future__ import annotations

import os
import time
import uuid

from bench.database import in_throwaway_database

COUNT = int(os.environ.get("HAVRE_BENCH_COUNT", "500"))


def main() -> None:
    """Set up a throwaway test database, then measure."""
    in_throwaway_database("havre-bench-", run)


def run() -> None:
    from django.db import transaction

    from havre.accounts.models import Program
    from havre.conversations.models import Conversation, Delivery, Direction, Message
    from havre.gateways.actions import add_channel
    from havre.intake.pipeline import receive_inbound
    from havre.vault import formats
    from havre.vault.models import Epoch

    program = Program.objects.create(name="bench")
    _, public_key = formats.generate_keypair()
    epoch = Epoch.objects.create(program=program, number=1, public_key=public_key)
    channel = add_channel(
        program, "twilio", address="+33700000009", account_sid="AC" + "9" * 32, auth_token="t" * 32
    )
    body = "I am not safe at home tonight, can someone talk to me? " * 2
    sealed_size = len(formats.seal(public_key, body.encode(), b"x"))

    conversation = Conversation.objects.create(
        program=program, channel=channel, route="0" * 64, number_epoch=epoch, number_sealed=b"x"
    )
    start = time.perf_counter()
    for i in range(COUNT):
        with transaction.atomic():
            Message.objects.create(
                conversation=conversation,
                channel=channel,
                direction=Direction.INBOUND,
                epoch=epoch,
                body_sealed=os.urandom(sealed_size),
                provider_id=f"SMbase{i}",
                status=Delivery.RECEIVED,
                seq=i,
                updated_seq=i,
            )
    baseline = COUNT / (time.perf_counter() - start)

    start = time.perf_counter()
    for i in range(COUNT):
        receive_inbound(
            channel,
            provider_id=f"SM{uuid.uuid4().hex}",
            sender=f"+336{i % 50:08d}",
            body=body,
        )
    havre = COUNT / (time.perf_counter() - start)

    print(f"inbound, {COUNT} texts, SQLite, one process")
    print(f"  baseline insert of a sealed-size blob: {baseline:8.0f} msg/s")
    print(f"  receive_inbound (route, seal, store):  {havre:8.0f} msg/s")
    print(f"  ratio havre/baseline:                  {havre / baseline:8.2f}")
