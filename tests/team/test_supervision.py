"""The supervisor view and the team API's access rules and query counts."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations.actions import participants, queue_notice, support, team
from havre.conversations.models import Conversation
from tests.team.conftest import (
    get,
    hold,
    minutes_ago,
    on_duty,
    post,
    reply_json,
    seal_note,
    signed_in,
    waiting_thread,
)

pytestmark = pytest.mark.django_db


def test_the_supervisor_view_shows_queue_health_at_a_glance(
    channel_a, keys_a, alice, bea, sam, monkeypatch
):
    on_duty(alice, bea)
    oldest = waiting_thread(channel_a, keys_a, 1, queued_at=minutes_ago(25))
    waiting_thread(channel_a, keys_a, 2, queued_at=minutes_ago(3))
    crisis = waiting_thread(channel_a, keys_a, 3, crisis="suicide")
    team.transfer(crisis.conversation, by=sam, to=alice, note=None)
    answered = waiting_thread(channel_a, keys_a, 4)
    hold(answered.conversation, alice)
    post(signed_in(alice), "api-reply", answered.conversation.pk, data=reply_json(answered, "Hi"))
    # Texters who wrote 30 minutes ago; only an automatic notice answered one of them.
    Conversation.objects.filter(program=keys_a.program).update(last_inbound_at=minutes_ago(30))
    Conversation.objects.filter(pk=answered.conversation.pk).update(last_inbound_at=minutes_ago(40))
    queue_notice(oldest.conversation, "welcome", text="Welcome", to=oldest.sender)

    data = get(signed_in(sam), "team-overview").json()

    assert data["waiting"] == 2
    assert data["oldest"] == oldest.conversation.queued_at.isoformat()
    assert data["queue"][0]["id"] == str(oldest.conversation.pk)
    assert [(c["id"], c["crisis"], c["holder"]["id"]) for c in data["crisis"]] == [
        (str(crisis.conversation.pk), "suicide", str(alice.pk))
    ]
    unanswered = {c["id"] for c in data["unanswered"]}
    assert str(oldest.conversation.pk) in unanswered  # a notice is not a reply
    assert str(answered.conversation.pk) not in unanswered  # Alice answered after it
    staff = {row["name"]: row for row in data["staff"]}
    assert (staff["alice"]["on_duty"], staff["alice"]["load"], staff["alice"]["cap"]) == (
        True,
        2,
        3,
    )
    assert (staff["bea"]["load"], staff["sam"]["on_duty"]) == (0, False)
    assert data["settings"] == {
        "max_conversations": 3,
        "auto_assign": False,
        "no_reply_minutes": 10,
    }


def test_no_reply_alert_follows_the_programs_setting(channel_a, keys_a, sam):
    thread = waiting_thread(channel_a, keys_a, 1)
    Conversation.objects.filter(pk=thread.conversation.pk).update(last_inbound_at=minutes_ago(12))
    client = signed_in(sam)
    assert len(get(client, "team-overview").json()["unanswered"]) == 1
    response = post(
        client,
        "team-settings",
        data={"max_conversations": 4, "auto_assign": False, "no_reply_minutes": 15},
    )
    assert response.status_code == 200
    assert get(client, "team-overview").json()["unanswered"] == []
    assert Program.objects.get(pk=keys_a.program.pk).max_conversations == 4
    assert Entry.objects.filter(action="caseload_settings", actor=sam).exists()


def test_a_supervisor_sets_a_personal_cap(alice, sam):
    client = signed_in(sam)
    assert (
        post(client, "team-member-cap", alice.pk, data={"max_conversations": 5}).status_code == 200
    )
    assert User.objects.get(pk=alice.pk).max_conversations == 5
    assert (
        post(client, "team-member-cap", alice.pk, data={"max_conversations": None}).status_code
        == 200
    )
    assert User.objects.get(pk=alice.pk).max_conversations is None
    assert Entry.objects.filter(action="member_cap", target=str(alice.pk)).count() == 2


def test_supervisor_endpoints_refuse_advocates(alice, bea):
    client = signed_in(alice)
    assert get(client, "team-overview").json() == {"error": "forbidden"}
    for name, args, data in (
        ("team-settings", (), {"max_conversations": 9, "auto_assign": True, "no_reply_minutes": 1}),
        ("team-member-cap", (alice.pk,), {"max_conversations": 9}),
    ):
        response = post(client, name, *args, data=data)
        assert (response.status_code, response.json()) == (403, {"error": "forbidden"})
    assert User.objects.get(pk=alice.pk).max_conversations is None
    assert not Program.objects.get(pk=alice.program_id).auto_assign


def every_endpoint(
    conversation_id: uuid.UUID, user_id: uuid.UUID
) -> list[tuple[str, str, tuple[object, ...], dict[str, object]]]:
    return [
        ("get", "team-queue", (), {}),
        ("get", "team-people", (), {}),
        ("get", "team-overview", (), {}),
        ("get", "team-conversation", (conversation_id,), {}),
        ("post", "team-take-next", (), {}),
        ("post", "team-duty", (), {"on_duty": True}),
        ("post", "team-pause-seen", (), {}),
        (
            "post",
            "team-settings",
            (),
            {"max_conversations": 9, "auto_assign": True, "no_reply_minutes": 1},
        ),
        ("post", "team-member-cap", (user_id,), {"max_conversations": 9}),
        ("post", "team-transfer", (conversation_id,), {"to": str(user_id)}),
        ("post", "team-join", (conversation_id,), {}),
        ("post", "team-leave", (conversation_id,), {}),
        ("post", "team-heavy", (conversation_id,), {"heavy": True}),
    ]


def test_signed_out_requests_get_401(thread_a, alice):
    client = Client()
    for method, name, args, data in every_endpoint(thread_a.conversation.pk, alice.pk):
        response = (
            get(client, name, *args) if method == "get" else post(client, name, *args, data=data)
        )
        assert (response.status_code, response.json()) == (401, {"error": "signed_out"}), name


def test_charlie_of_program_b_is_refused_everything_of_program_a(
    thread_a, thread_b, alice, charlie
):
    on_duty(alice, charlie)
    hold(thread_a.conversation, alice)
    client = signed_in(charlie)
    for method, name, args, data in every_endpoint(thread_a.conversation.pk, alice.pk):
        if args:
            response = (
                get(client, name, *args)
                if method == "get"
                else post(client, name, *args, data=data)
            )
            assert (response.status_code, response.json()) == (404, {"error": "not_found"}), name
    # What he sees of his own program names nothing of A's.
    for name in ("team-queue", "team-people", "team-overview"):
        body = get(client, name).content.decode()
        assert str(thread_a.conversation.pk) not in body
        assert str(alice.pk) not in body
    # Taking the next conversation draws from his own program's queue only.
    taken = post(client, "team-take-next").json()
    assert taken == {"conversation": str(thread_b.conversation.pk)}
    assert Conversation.objects.get(pk=thread_a.conversation.pk).assigned_to_id == alice.pk
    assert not Entry.objects.filter(actor=charlie, target=str(thread_a.conversation.pk)).exists()


def test_team_reads_do_not_grow_with_conversations_or_staff(channel_a, keys_a, alice, bea, sam):
    User.objects.filter(pk=alice.pk).update(max_conversations=10)
    on_duty(alice, bea, sam)
    alice_client, sam_client = signed_in(alice), signed_in(sam)
    reads = (
        ("team-queue", alice_client),
        ("team-people", alice_client),
        ("team-overview", sam_client),
        ("team-conversation", alice_client),
    )
    counts: list[dict[str, int]] = []
    for round_ in (1, 2):
        for n in range(round_ * 10, round_ * 10 + 4):
            thread = waiting_thread(channel_a, keys_a, n, crisis="danger" if n % 2 else None)
            if n % 3 == 0:
                hold(thread.conversation, alice)
            support.mark_heavy(thread.conversation, alice, True)
        User.objects.create_user(f"extra{round_}@a.example", keys_a.program, on_duty=True)
        held = waiting_thread(channel_a, keys_a, round_ * 10 + 9)
        team.transfer(
            held.conversation, by=sam, to=alice, note=seal_note(keys_a, held.conversation, "n")
        )
        participants.join(held.conversation, bea)
        seen = {}
        for name, client in reads:
            args = (held.conversation.pk,) if name == "team-conversation" else ()
            with CaptureQueriesContext(connection) as captured:
                assert get(client, name, *args).status_code == 200
            seen[name] = len(captured.captured_queries)
        counts.append(seen)
    assert counts[0] == counts[1]
    # session, member, then a fixed number per read (the member's program, the rows...;
    # the overview also counts its capped lists)
    assert counts[0] == {
        "team-queue": 9,
        "team-people": 4,
        "team-overview": 10,
        "team-conversation": 6,
    }


def test_the_shift_window_for_heavy_counts_is_the_shift(alice):
    from havre.conversations import queueing

    on_duty(alice)
    assert queueing.shift_start(alice) == alice.duty_changed_at
    alice.on_duty = False
    assert alice.duty_changed_at - queueing.shift_start(alice) < timedelta(hours=12, seconds=5)


def test_each_supervisor_list_is_capped_and_counted(channel_a, keys_a, sam):
    from havre.console.team_api import LIST_SHOWN

    for n in range(LIST_SHOWN + 2):
        waiting_thread(channel_a, keys_a, n + 1, crisis="danger")
    Conversation.objects.filter(program=keys_a.program).update(last_inbound_at=minutes_ago(30))
    data = get(signed_in(sam), "team-overview").json()
    for name in ("crisis", "unanswered"):
        assert len(data[name]) == LIST_SHOWN
        assert data[f"{name}_count"] == LIST_SHOWN + 2
