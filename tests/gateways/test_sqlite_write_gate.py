"""SQLite's writers are let in first come, first served, and a connection serves many requests.

The gate in front of `BEGIN IMMEDIATE` hands the write lock to whoever asked
first; its wait is bounded and ends in the `OperationalError` a webhook
answers with 503. A connection closed at the end of a request outside any
transaction is kept and handed to the next one; one closed inside a
transaction or after a database error is really closed.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

from havre.accounts.models import Program
from havre.conversations.models import Conversation
from havre.gateways.registry import webhook_urls
from havre.sqlite.gate import WriteGate, gate_for
from tests.gateways.conftest import for_channel, signed


def _waiting(gate: WriteGate, count: int) -> None:
    # Until `count` threads are queued: ordering, not time, is what is checked.
    while True:
        with gate._mutex:
            if len(gate._waiters) == count:
                return


def test_waiters_are_let_in_in_the_order_they_came() -> None:
    gate = WriteGate()
    assert gate.acquire(timeout=1)
    order: list[int] = []

    def writer(n: int) -> None:
        assert gate.acquire(timeout=30)
        order.append(n)
        gate.release()

    threads = []
    for n in range(6):
        thread = threading.Thread(target=writer, args=(n,))
        thread.start()
        _waiting(gate, n + 1)
        threads.append(thread)
    gate.release()
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2, 3, 4, 5]
    # Open again once everyone has left.
    assert gate.acquire(timeout=0)


def test_a_waiter_gives_up_after_its_bounded_wait_and_leaves_the_queue() -> None:
    gate = WriteGate()
    assert gate.acquire(timeout=1)
    assert not gate.acquire(timeout=0.01)
    gate.release()
    assert gate.acquire(timeout=0)


@pytest.mark.django_db(transaction=True)
def test_a_transaction_waits_its_turn_then_fails_as_the_database_being_busy():
    if connection.vendor != "sqlite":
        pytest.skip("the gate is SQLite's")
    holder = connections.create_connection("default")
    holder.ensure_connection()
    waiter = connections["default"]
    waiter._havre_write_wait = 0.01
    try:
        with HeldGate(holder), pytest.raises(OperationalError), transaction.atomic():
            Conversation.objects.count()
    finally:
        waiter._havre_write_wait = 10.0
    # Let in once the holder has committed.
    with transaction.atomic():
        Conversation.objects.count()
    holder.close()


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_waits_its_turn_too(program_a):
    # An UPDATE in autocommit that met the lock would sleep in SQLite's busy
    # handler, and a transaction that met it there would sleep holding the gate.
    if connection.vendor != "sqlite":
        pytest.skip("the gate is SQLite's")
    holder = connections.create_connection("default")
    holder.ensure_connection()
    gate = gate_for(str(connection.settings_dict["NAME"]))
    done = threading.Event()

    def write() -> None:
        Program.objects.filter(pk=program_a.pk).update(name="Refuge A, renamed")
        connections.close_all()
        done.set()

    with HeldGate(holder):
        writer = threading.Thread(target=write)
        writer.start()
        # Queued at the gate, not written nor sleeping in SQLite's busy handler.
        deadline = time.monotonic() + 10
        while not gate._waiters and time.monotonic() < deadline:
            time.sleep(0.001)
        assert gate._waiters
        assert not done.is_set()
    writer.join()
    assert done.is_set()
    assert Program.objects.get(pk=program_a.pk).name == "Refuge A, renamed"
    # Reads never wait: they take no lock.
    with HeldGate(holder):
        assert Program.objects.filter(pk=program_a.pk).exists()
    holder.close()
    assert gate._held is False


class HeldGate:
    """The gate of the database file, held by another connection's transaction."""

    def __init__(self, holder):
        self.holder = holder

    def __enter__(self):
        self.holder.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        return self.holder

    def __exit__(self, *exc):
        self.holder.commit()
        self.holder.set_autocommit(True)


@pytest.mark.django_db(transaction=True)
def test_the_connection_of_a_finished_request_serves_the_next(
    twilio, channel_a, keys_a, channel_a_token
):
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        pytest.skip("kept connections are SQLite's, to a file")
    connection.ensure_connection()
    first = connection.connection
    connection.close()
    connection.ensure_connection()
    assert connection.connection is first
    # Inside a transaction, it is not handed on.
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    connection.close()
    connection.ensure_connection()
    assert connection.connection is not first
    # Webhooks still store their texts, through kept connections.
    url = webhook_urls(channel_a)["sms"]
    for n in range(3):
        params = for_channel(
            channel_a, "sms_received.form", From=f"+3360000000{n}", MessageSid=f"SM{n:032x}"
        )
        form = signed(url, params, channel_a_token)
        assert twilio.post(form).status_code == 200
    assert Conversation.objects.count() == 3
    assert gate_for(str(connection.settings_dict["NAME"]))._held is False
