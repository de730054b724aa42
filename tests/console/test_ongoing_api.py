"""The ongoing relationship from the console: mark it, end it, audited, by whom may.

Marked, closing keeps the route and the sealed number; ending it erases them
at once when the conversation is closed, at closing while it is open.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from havre.accounts.models import Role, User
from havre.audit.models import Entry
from havre.conversations.actions.lifecycle import ERASED, close_conversation
from havre.conversations.models import Conversation
from tests.conftest import ProgramKeys, signed_in, staff_member
from tests.console.conftest import Thread

pytestmark = pytest.mark.django_db


def ongoing(user: User, conversation: Conversation, value: object) -> tuple[int, Any]:
    response = signed_in(user).post(
        reverse("console:api-ongoing", args=[conversation.pk]),
        {"ongoing": value},
        "application/json",
    )
    return response.status_code, response.json()


def shown(user: User, conversation: Conversation) -> Any:
    path = reverse("console:api-conversation", args=[conversation.pk])
    return signed_in(user).get(path, {"after": 0}).json()


@pytest.fixture
def held(thread_a: Thread, alice: User) -> Conversation:
    Conversation.objects.filter(pk=thread_a.conversation.pk).update(assigned_to=alice)
    thread_a.conversation.refresh_from_db()
    return thread_a.conversation


def test_marked_closing_keeps_the_number_and_ending_erases_it(held, alice, events):
    status, answer = ongoing(alice, held, True)
    assert status == 200
    assert answer["ongoing_since"] is not None
    assert shown(alice, held)["ongoing_since"] == answer["ongoing_since"]
    close_conversation(held, by=alice)
    held.refresh_from_db()
    assert held.route is not None
    assert bytes(held.number_sealed) != ERASED
    assert shown(alice, held)["status"] == "closed"

    status, answer = ongoing(alice, held, False)
    assert (status, answer["ongoing_since"]) == (200, None)
    held.refresh_from_db()
    assert held.route is None
    assert bytes(held.number_sealed) == ERASED
    actions = list(
        Entry.objects.filter(target=str(held.pk))
        .order_by("at", "pk")
        .values_list("action", "actor")
    )
    assert ("relationship.ongoing", alice.pk) in actions
    assert ("relationship.ended", alice.pk) in actions


def test_ending_while_open_waits_for_the_closing(held, alice):
    assert ongoing(alice, held, True)[0] == 200
    assert ongoing(alice, held, False)[0] == 200
    held.refresh_from_db()
    assert held.ongoing_since is None
    assert held.route is not None
    close_conversation(held, by=alice)
    held.refresh_from_db()
    assert (held.route, bytes(held.number_sealed)) == (None, ERASED)


def test_only_whoever_may_close_it_marks_it(held, keys_a: ProgramKeys, sam, charlie):
    bea = staff_member(keys_a, "bea@a.example", Role.ADVOCATE)
    assert ongoing(bea, held, True) == (403, {"error": "not_allowed"})
    # Another program's member does not even find it.
    assert ongoing(charlie, held, True) == (404, {"error": "not_found"})
    held.refresh_from_db()
    assert held.ongoing_since is None
    # A supervisor may.
    assert ongoing(sam, held, True)[0] == 200


def test_a_closed_conversation_cannot_be_marked(held, alice):
    close_conversation(held, by=alice)
    assert ongoing(alice, held, True) == (409, {"error": "conversation_closed"})


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_the_answer_must_be_true_or_false(held, alice, value):
    assert ongoing(alice, held, value) == (400, {"error": "invalid_ongoing"})


def listed(user: User) -> list[str]:
    answer = signed_in(user).get(reverse("console:api-ongoing-list"))
    assert answer.status_code == 200
    return [row["id"] for row in answer.json()["conversations"]]


def test_closed_relationships_are_listed_for_whoever_may_end_them(
    held, alice, sam, keys_a: ProgramKeys, charlie
):
    bea = staff_member(keys_a, "bea@a.example", Role.ADVOCATE)
    ongoing(alice, held, True)
    # Open, it is in the inbox: not in this list.
    assert listed(alice) == []
    close_conversation(held, by=alice)
    assert listed(alice) == listed(sam) == [str(held.pk)]
    assert listed(bea) == []
    assert listed(charlie) == []
    # Ended, its number is gone: the list forgets it.
    ongoing(sam, held, False)
    assert listed(alice) == listed(sam) == []
