"""Reading is audited: opening a conversation in the console notes who and when, once a while.

The entry is the member, the conversation's id and the time; never a word
of it. Reloading, or the console fetching what changed, adds nothing; coming
back after the window does.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from havre.audit.models import Entry
from havre.console.api import OPENED_EVERY
from tests.console.conftest import Thread

pytestmark = pytest.mark.django_db


def opened() -> list[tuple[object, str]]:
    return list(Entry.objects.filter(action="opened").order_by("at").values_list("actor", "target"))


def test_opening_is_noted_once_per_member_per_window(thread_a: Thread, alice, sam) -> None:
    path = reverse("console:api-conversation", args=[thread_a.conversation.pk])
    client = Client()
    client.force_login(alice)
    for _ in range(3):
        assert client.get(path).status_code == 200
    # What the console fetches as the conversation changes is not an opening.
    assert client.get(path, {"after": 0}).status_code == 200
    target = str(thread_a.conversation.pk)
    assert opened() == [(alice.pk, target)]

    # Another member's opening is hers.
    other = Client()
    other.force_login(sam)
    other.get(path)
    assert opened() == [(alice.pk, target), (sam.pk, target)]

    # Once the window has passed, opening it again is noted again.
    Entry.objects.filter(action="opened").update(
        at=Entry.objects.get(action="opened", actor=alice).at - OPENED_EVERY - timedelta(seconds=1)
    )
    client.get(path)
    assert [actor for actor, _ in opened()].count(alice.pk) == 2


def test_nothing_is_noted_for_a_conversation_not_found(thread_a: Thread, charlie) -> None:
    client = Client()
    client.force_login(charlie)
    path = reverse("console:api-conversation", args=[thread_a.conversation.pk])
    assert client.get(path).status_code == 404
    assert not Entry.objects.filter(action="opened").exists()


def test_the_entry_holds_ids_only(thread_a: Thread, alice) -> None:
    client = Client()
    client.force_login(alice)
    client.get(reverse("console:api-conversation", args=[thread_a.conversation.pk]))
    entry = Entry.objects.get(action="opened")
    assert (entry.actor_id, entry.target, entry.program_id) == (
        alice.pk,
        str(thread_a.conversation.pk),
        thread_a.conversation.program_id,
    )
