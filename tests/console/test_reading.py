"""Per member: how far she read each conversation, her unread count, the last message's ciphertext,
and the texter's other conversations that a kept route still links."""

from __future__ import annotations

import pytest
from django.db import connection

from havre.accounts.models import User
from havre.conversations import actions
from havre.conversations.actions import lifecycle, reading
from havre.conversations.models import ReadMark
from tests.console.conftest import Thread, start_thread
from tests.console.test_api import get, post, reply_data, signed_in

pytestmark = pytest.mark.django_db


def row_of(client, thread: Thread) -> dict:
    rows = get(client, "api-inbox").json()["conversations"]
    [row] = [r for r in rows if r["id"] == str(thread.conversation.pk)]
    return row


def test_every_member_has_her_own_unread_count_until_she_reads(
    thread_a: Thread, alice: User, sam: User
):
    thread_a.text_in("second")
    alice_client, sam_client = signed_in(alice), signed_in(sam)
    row = row_of(alice_client, thread_a)
    assert (row["read_seq"], row["unread"]) == (0, 2)

    answer = post(alice_client, "api-read", thread_a.conversation.pk, data={"seq": row["seq"]})
    assert answer.status_code == 200
    assert answer.json() == {"id": str(thread_a.conversation.pk), "read_seq": row["seq"]}
    assert row_of(alice_client, thread_a)["unread"] == 0
    assert row_of(sam_client, thread_a)["unread"] == 2

    thread_a.text_in("third")
    assert row_of(alice_client, thread_a)["unread"] == 1
    assert row_of(sam_client, thread_a)["unread"] == 3


def test_replies_and_notices_are_not_unread(thread_a: Thread, alice: User):
    client = signed_in(alice)
    seq = row_of(client, thread_a)["seq"]
    post(client, "api-read", thread_a.conversation.pk, data={"seq": seq})
    assert (
        post(
            client, "api-reply", thread_a.conversation.pk, data=reply_data(thread_a, "Here.")
        ).status_code
        == 201
    )
    row = row_of(client, thread_a)
    assert row["unread"] == 0
    assert row["seq"] > row["read_seq"]


def test_the_mark_never_goes_back_nor_past_the_conversation(thread_a: Thread, alice: User):
    client = signed_in(alice)
    seq = thread_a.conversation.seq
    assert (
        post(client, "api-read", thread_a.conversation.pk, data={"seq": 10_000}).json()["read_seq"]
        == seq
    )
    assert (
        post(client, "api-read", thread_a.conversation.pk, data={"seq": 0}).json()["read_seq"]
        == seq
    )
    assert ReadMark.objects.filter(member=alice).count() == 1
    # What the mark holds: who, which conversation, a number. Nothing else.
    names = {f.column for f in ReadMark._meta.concrete_fields}
    assert names == {"id", "member_id", "conversation_id", "seq"}


@pytest.mark.parametrize("seq", [-1, "3", None, True, 1.5])
def test_a_malformed_seq_is_refused(thread_a: Thread, alice: User, seq: object):
    response = post(signed_in(alice), "api-read", thread_a.conversation.pk, data={"seq": seq})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_seq"}
    assert not ReadMark.objects.exists()


def test_charlie_cannot_mark_or_see_another_programs_reading(
    thread_a: Thread, alice: User, charlie: User
):
    reading.mark_read(thread_a.conversation, member=alice, seq=thread_a.conversation.seq)
    client = signed_in(charlie)
    response = post(client, "api-read", thread_a.conversation.pk, data={"seq": 1})
    assert response.status_code == 404
    assert ReadMark.objects.filter(member=charlie).count() == 0
    with pytest.raises(actions.ActionError):
        reading.mark_read(thread_a.conversation, member=charlie, seq=1)


def test_signed_out_cannot_mark(thread_a: Thread):
    from django.test import Client

    response = post(Client(), "api-read", thread_a.conversation.pk, data={"seq": 1})
    assert response.status_code == 401


def test_rows_carry_the_last_message_sealed_never_in_clear(thread_a: Thread, alice: User):
    thread_a.text_in("the preview words")
    client = signed_in(alice)
    response = get(client, "api-inbox")
    assert "preview words" not in response.content.decode()
    row = row_of(client, thread_a)
    last = row["last_message"]
    assert last["direction"] == "in"
    assert last["seq"] == max(m.seq for m in thread_a.conversation.messages.all())
    assert thread_a.open_body(last) == "the preview words"

    post(client, "api-reply", thread_a.conversation.pk, data=reply_data(thread_a, "A reply"))
    last = row_of(client, thread_a)["last_message"]
    assert (last["direction"], thread_a.open_body(last)) == ("out", "A reply")


def test_the_conversation_answer_carries_the_same_reading_fields(thread_a: Thread, alice: User):
    client = signed_in(alice)
    detail = get(
        client, "api-conversation", thread_a.conversation.pk, after=thread_a.conversation.seq
    ).json()
    assert detail["messages"] == []
    assert detail["unread"] == 1
    # The first text was answered by the welcome: a notice, named by its key only.
    last = detail["last_message"]
    assert (last["direction"], last["body_sealed"]) == ("out", "")
    assert last["notice"] != ""
    assert detail["related"] == []


def test_inbox_queries_stay_flat_with_previews_and_counts(
    channel_a, keys_a, alice: User, django_assert_num_queries
):
    client = signed_in(alice)
    start_thread(channel_a, keys_a, sender="+15145550001")
    # session, user, conversations with their counts, their last messages
    with django_assert_num_queries(4):
        assert len(get(client, "api-inbox").json()["conversations"]) == 1
    for n in range(2, 8):
        start_thread(channel_a, keys_a, sender=f"+1514555000{n}").text_in("again")
    with django_assert_num_queries(4):
        rows = get(client, "api-inbox").json()["conversations"]
    assert len(rows) == 7
    assert sorted(r["unread"] for r in rows) == [1, 2, 2, 2, 2, 2, 2]


def test_a_kept_route_links_the_texters_earlier_conversation(
    channel_a, keys_a, alice: User, sam: User
):
    first = start_thread(channel_a, keys_a, "first time", sender="+15145550009")
    lifecycle.mark_ongoing(first.conversation, by=sam)
    actions.close_conversation(first.conversation, by=sam)
    second = start_thread(channel_a, keys_a, "me again", sender="+15145550009")
    assert second.conversation.pk != first.conversation.pk

    client = signed_in(alice)
    related = get(client, "api-conversation", second.conversation.pk).json()["related"]
    assert [(r["id"], r["status"], r["ongoing"]) for r in related] == [
        (str(first.conversation.pk), "closed", True)
    ]
    back = get(client, "api-conversation", first.conversation.pk).json()["related"]
    assert [r["id"] for r in back] == [str(second.conversation.pk)]

    # Once the relationship ends the route is erased: nothing links them any more.
    lifecycle.end_ongoing(first.conversation, by=sam)
    assert get(client, "api-conversation", second.conversation.pk).json()["related"] == []


def test_without_an_ongoing_relationship_an_earlier_conversation_is_not_linked(
    channel_a, keys_a, alice: User, sam: User
):
    first = start_thread(channel_a, keys_a, "first time", sender="+15145550008")
    actions.close_conversation(first.conversation, by=sam)
    second = start_thread(channel_a, keys_a, "me again", sender="+15145550008")
    client = signed_in(alice)
    assert get(client, "api-conversation", second.conversation.pk).json()["related"] == []
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_closed_conversation_says_whether_a_block_closed_it(
    channel_a, keys_a, alice: User, sam: User
):
    from tests.safety.test_blocks import block

    client = signed_in(alice)
    blocked = start_thread(channel_a, keys_a, "first", sender="+15145550123")
    assert get(client, "api-conversation", blocked.conversation.pk).json()["blocked"] is False
    assert block(signed_in(sam), blocked).status_code == 200
    assert get(client, "api-conversation", blocked.conversation.pk).json()["blocked"] is True

    closed = start_thread(channel_a, keys_a, "second", sender="+15145550124")
    actions.close_conversation(closed.conversation, by=sam)
    assert get(client, "api-conversation", closed.conversation.pk).json()["blocked"] is False
