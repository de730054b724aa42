"""Staff support: heavy conversations, the pause they call for, and who sees the counts."""

from __future__ import annotations

import pytest

from havre.conversations.actions import close_conversation, support
from tests.team.conftest import get, hold, on_duty, post, signed_in, waiting_thread

pytestmark = pytest.mark.django_db


def me(user) -> dict[str, object]:
    return get(signed_in(user), "team-queue").json()["me"]


def test_a_pause_is_suggested_after_a_heavy_conversation_ends(thread_a, alice):
    on_duty(alice)
    hold(thread_a.conversation, alice)
    response = post(signed_in(alice), "team-heavy", thread_a.conversation.pk, data={"heavy": True})
    assert response.status_code == 200
    assert (me(alice)["heavy"], me(alice)["suggest_pause"]) == (1, False)

    close_conversation(thread_a.conversation, by=alice)
    assert me(alice)["suggest_pause"] is True
    assert post(signed_in(alice), "team-pause-seen").status_code == 200
    assert (me(alice)["heavy"], me(alice)["suggest_pause"]) == (1, False)


def test_several_heavy_conversations_in_a_shift_suggest_a_pause_at_once(channel_a, keys_a, alice):
    on_duty(alice)
    for n in range(3):
        thread = waiting_thread(channel_a, keys_a, n)
        hold(thread.conversation, alice)
        support.mark_heavy(thread.conversation, alice, True)
        assert me(alice)["suggest_pause"] is (n == 2)


def test_a_mark_is_announced_to_nobody(thread_a, alice, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            signed_in(alice), "team-heavy", thread_a.conversation.pk, data={"heavy": True}
        )
    assert response.status_code == 200
    assert events == []


def test_unmarking_takes_it_back(thread_a, alice):
    on_duty(alice)
    support.mark_heavy(thread_a.conversation, alice, True)
    support.mark_heavy(thread_a.conversation, alice, False)
    assert me(alice)["heavy"] == 0
    team_view = get(signed_in(alice), "team-conversation", thread_a.conversation.pk).json()
    assert team_view["heavy"] is False


def test_only_the_person_and_supervisors_see_the_counts(thread_a, alice, bea, sam):
    on_duty(alice, bea)
    support.mark_heavy(thread_a.conversation, alice, True)

    # Bea sees her own count, not Alice's, and nothing of it in the conversation.
    assert me(bea)["heavy"] == 0
    assert get(signed_in(bea), "team-overview").status_code == 403
    team_view = get(signed_in(bea), "team-conversation", thread_a.conversation.pk).json()
    assert team_view["heavy"] is False
    people = get(signed_in(bea), "team-people").json()["people"]
    assert all("heavy" not in person for person in people)

    staff = {row["id"]: row for row in get(signed_in(sam), "team-overview").json()["staff"]}
    assert staff[str(alice.pk)]["heavy"] == 1
    assert staff[str(bea.pk)]["heavy"] == 0
