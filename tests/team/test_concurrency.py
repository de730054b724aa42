"""Two people acting at the same moment: nobody gets the same conversation twice,
and nobody goes past their cap.

On PostgreSQL the two attempts run in two threads, each in its own
transaction, held at a barrier just before the contested step so that they
really overlap. SQLite serialises writers, so there they run one after the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from havre.accounts.models import User
from havre.audit.models import Entry
from havre.conversations import queueing
from havre.conversations.actions import team
from havre.conversations.actions.errors import ActionError
from tests.team.conftest import hold, on_duty, waiting_thread

pytestmark = pytest.mark.django_db(transaction=True)


def together(
    monkeypatch: pytest.MonkeyPatch, step: str, attempts: list[Callable[[], Any]]
) -> list[Any]:
    """Run `attempts` at once; each waits for the others just before `team.<step>`."""
    if connection.vendor != "postgresql":
        return [_outcome(attempt) for attempt in attempts]
    barrier = threading.Barrier(len(attempts), timeout=10)
    original = getattr(team, step)
    waited = threading.local()

    def held_back(*args: Any, **kwargs: Any) -> Any:
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(team, step, held_back)
    results: list[Any] = [None] * len(attempts)

    def run(index: int) -> None:
        try:
            results[index] = _outcome(attempts[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _outcome(attempt: Callable[[], Any]) -> Any:
    try:
        return attempt()
    except ActionError as exc:
        return exc.code


def test_two_advocates_taking_the_last_one_at_once_never_share_it(
    monkeypatch, channel_a, keys_a, alice, bea
):
    only = waiting_thread(channel_a, keys_a, 1)
    on_duty(alice, bea)

    results = together(
        monkeypatch, "_claim", [lambda: team.take_next(alice), lambda: team.take_next(bea)]
    )

    taken = [r for r in results if not isinstance(r, str)]
    assert len(taken) == 1, results
    assert taken[0].pk == only.conversation.pk
    assert sorted(r for r in results if isinstance(r, str)) == ["queue_empty"]
    assert queueing.load_of(alice) + queueing.load_of(bea) == 1
    assert Entry.objects.filter(action="take_next").count() == 1


def test_two_advocates_taking_at_once_get_one_each(monkeypatch, channel_a, keys_a, alice, bea):
    one = waiting_thread(channel_a, keys_a, 1)
    two = waiting_thread(channel_a, keys_a, 2)
    on_duty(alice, bea)

    results = together(
        monkeypatch, "_claim", [lambda: team.take_next(alice), lambda: team.take_next(bea)]
    )

    assert {r.pk for r in results} == {one.conversation.pk, two.conversation.pk}
    assert (queueing.load_of(alice), queueing.load_of(bea)) == (1, 1)


def test_two_supervisors_filling_the_last_place_at_once_respect_the_cap(
    monkeypatch, channel_a, keys_a, bea, sam, ada
):
    on_duty(bea)
    for n in range(2):
        hold(waiting_thread(channel_a, keys_a, 10 + n).conversation, bea)
    first = waiting_thread(channel_a, keys_a, 1).conversation
    second = waiting_thread(channel_a, keys_a, 2).conversation

    results = together(
        monkeypatch,
        "lock_member",
        [
            lambda: team.transfer(first, by=sam, to=bea, note=None),
            lambda: team.transfer(second, by=ada, to=bea, note=None),
        ],
    )

    assert sorted(results) == ["assign", "at_capacity"]
    assert queueing.load_of(User.objects.get(pk=bea.pk)) == 3
