"""The console's JSON API: shapes, catch-up, program isolation, replies, query counts."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from havre.accounts.models import User
from havre.conversations import actions
from havre.conversations.models import Conversation, Delivery, Message
from havre.vault.formats import b64e
from tests.conftest import signed_in
from tests.console.conftest import TEXTER, Thread, start_thread, text_in

pytestmark = pytest.mark.django_db


def get(client: Client, name: str, *args: object, **params: Any) -> Any:
    return client.get(reverse(f"console:{name}", args=args), params)


def post(client: Client, name: str, *args: object, data: Any = None) -> Any:
    return client.post(
        reverse(f"console:{name}", args=args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


def reply_data(
    thread: Thread, body: str, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    message_id, sealed = thread.sealed_reply(body)
    data = {
        "message_id": str(message_id),
        "body": body,
        "body_sealed": b64e(sealed),
        "number": thread.sender,
        "epoch": thread.keys.epoch.number,
    }
    return {**data, **(overrides or {})}


# -- access --------------------------------------------------------------------------


def test_signed_out_requests_get_401_json_not_a_redirect(thread_a: Thread):
    client = Client()
    conversation_id = thread_a.conversation.pk
    for response in (
        get(client, "api-inbox"),
        get(client, "api-conversation", conversation_id),
        post(client, "api-reply", conversation_id, data=reply_data(thread_a, "hi")),
        post(client, "api-close", conversation_id),
    ):
        assert response.status_code == 401
        assert response.json() == {"error": "signed_out"}


def test_charlie_of_program_b_finds_nothing_of_program_a(
    thread_a: Thread, thread_b: Thread, charlie: User
):
    client = signed_in(charlie)
    inbox = get(client, "api-inbox").json()["conversations"]
    assert [c["id"] for c in inbox] == [str(thread_b.conversation.pk)]

    a_id = thread_a.conversation.pk
    stored = thread_a.conversation.messages.count()
    assert get(client, "api-conversation", a_id).status_code == 404
    assert get(client, "api-conversation", a_id, after=0).json() == {"error": "not_found"}
    assert post(client, "api-reply", a_id, data=reply_data(thread_a, "hi")).status_code == 404
    assert post(client, "api-close", a_id).status_code == 404
    thread_a.conversation.refresh_from_db()
    assert thread_a.conversation.status == "open"
    assert thread_a.conversation.messages.count() == stored


def test_posts_need_the_csrf_token(thread_a: Thread, alice: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = post(client, "api-close", thread_a.conversation.pk)
    assert response.status_code == 403
    thread_a.conversation.refresh_from_db()
    assert thread_a.conversation.status == "open"


def test_wrong_methods_are_refused(thread_a: Thread, alice: User):
    client = signed_in(alice)
    assert client.post(reverse("console:api-inbox")).status_code == 405
    response = client.get(reverse("console:api-reply", args=[thread_a.conversation.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


# -- inbox ---------------------------------------------------------------------------


def test_inbox_lists_open_conversations_newest_activity_first(
    channel_a, keys_a, alice: User, sam: User
):
    older = start_thread(channel_a, keys_a, "first", sender="+15145550001")
    newer = start_thread(channel_a, keys_a, "second", sender="+15145550002")
    closed = start_thread(channel_a, keys_a, "third", sender="+15145550003")
    actions.close_conversation(closed.conversation, by=sam)
    older.text_in("still there?")  # now the most recent activity

    response = get(signed_in(alice), "api-inbox")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    rows = response.json()["conversations"]
    assert [r["id"] for r in rows] == [str(older.conversation.pk), str(newer.conversation.pk)]

    row = rows[0]
    conversation = older.conversation
    assert set(row) == {
        "id",
        "status",
        "seq",
        "created_at",
        "last_activity_at",
        "last_inbound_at",
        "closed_at",
        "ongoing_since",
        "closing_notice_owed_until",
        "channel",
        "number_epoch",
        "number_sealed",
        "safety",
        "crisis_category",
        "crisis_at",
        "holder",
        "queued_at",
        "reply_window_closes_at",
        "language",
        "read_seq",
        "unread",
        "last_message",
    }
    assert row["status"] == "open"
    assert row["reply_window_closes_at"] is None
    assert row["seq"] == conversation.seq
    assert row["channel"] == {
        "id": str(channel_a.pk),
        "provider": "twilio",
        "kind": "phone",
        "address": channel_a.address,
        "removed": False,
    }
    assert row["number_epoch"] == 1
    assert row["last_inbound_at"] == conversation.last_inbound_at.isoformat()
    assert older.open_number(row["number_sealed"]) == "+15145550001"
    assert "5145550001" not in response.content.decode()


def test_inbox_queries_do_not_grow_with_conversations(
    channel_a, keys_a, alice: User, django_assert_num_queries
):
    client = signed_in(alice)
    start_thread(channel_a, keys_a, sender="+15145550001")
    # session, user, conversations (with this member's unread counts), their last messages
    with django_assert_num_queries(4):
        assert len(get(client, "api-inbox").json()["conversations"]) == 1
    for n in range(2, 8):
        start_thread(channel_a, keys_a, sender=f"+1514555000{n}")
    with django_assert_num_queries(4):
        assert len(get(client, "api-inbox").json()["conversations"]) == 7


def test_reading_answers_are_compressed_when_the_browser_accepts_it(channel_a, keys_a, alice: User):
    thread = start_thread(channel_a, keys_a, sender="+15145550001")
    for n in range(2, 9):
        start_thread(channel_a, keys_a, sender=f"+1514555000{n}")
    client = signed_in(alice)
    plain = get(client, "api-inbox")
    assert "Content-Encoding" not in plain
    for name, args in (("api-inbox", ()), ("api-conversation", (thread.conversation.pk,))):
        url = reverse(f"console:{name}", args=args)
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert json.loads(gzip.decompress(response.content)) == client.get(url).json()
    # Compression pays: the rows' repeated structure shrinks, even with random ciphertexts inside.
    zipped = client.get(reverse("console:api-inbox"), headers={"accept-encoding": "gzip"})
    assert len(zipped.content) < len(plain.content) * 0.8


# -- one conversation and catch-up ---------------------------------------------------


def test_conversation_gives_every_message_with_its_metadata(thread_a: Thread, alice: User):
    thread_a.text_in("a photo", media=2)
    data = get(signed_in(alice), "api-conversation", thread_a.conversation.pk).json()
    assert data["id"] == str(thread_a.conversation.pk)
    assert data["status"] == "open"
    assert data["seq"] == thread_a.conversation.seq
    assert thread_a.open_number(data["number_sealed"]) == TEXTER
    first, second = [m for m in data["messages"] if m["direction"] == "in"]
    assert set(first) == {
        "id",
        "seq",
        "updated_seq",
        "direction",
        "epoch",
        "body_sealed",
        "media_count",
        "cut",
        "notice",
        "status",
        "error_code",
        "author",
        "created_at",
    }
    assert (first["seq"], first["direction"], first["status"], first["author"]) == (
        1,
        "in",
        "received",
        None,
    )
    assert thread_a.open_body(first) == "Hello?"
    assert second["seq"] > first["seq"]
    assert second["media_count"] == 2
    assert thread_a.open_body(second) == "a photo"


def test_catch_up_returns_exactly_the_messages_changed_after_a_seq(thread_a: Thread, alice: User):
    client = signed_in(alice)
    seen = get(client, "api-conversation", thread_a.conversation.pk).json()
    base = seen["seq"]
    assert base == thread_a.conversation.seq

    thread_a.text_in("second")
    message_id, sealed = thread_a.sealed_reply("We are here.")
    reply = actions.queue_reply(
        thread_a.conversation,
        author=alice,
        message_id=message_id,
        body="We are here.",
        body_sealed=sealed,
        number=TEXTER,
        epoch=1,
    )
    missed = get(client, "api-conversation", thread_a.conversation.pk, after=seen["seq"]).json()
    assert missed["seq"] == base + 2
    assert [(m["seq"], m["direction"]) for m in missed["messages"]] == [
        (base + 1, "in"),
        (base + 2, "out"),
    ]
    out = missed["messages"][1]
    assert out["id"] == str(reply.pk)
    assert out["status"] == "queued"
    assert out["author"] == {"id": str(alice.pk), "name": "alice"}
    assert thread_a.open_body(out) == "We are here."

    # A delivery report changes an old row: it comes back with its new updated_seq.
    Message.objects.filter(pk=reply.pk).update(provider_id="SM" + "9" * 32)
    actions.record_delivery(
        thread_a.channel, provider_id="SM" + "9" * 32, status="failed", error_code="30003"
    )
    changed = get(client, "api-conversation", thread_a.conversation.pk, after=base + 2).json()
    assert changed["seq"] == base + 3
    assert [
        (m["id"], m["seq"], m["updated_seq"], m["status"], m["error_code"])
        for m in changed["messages"]
    ] == [(str(reply.pk), base + 2, base + 3, "failed", "30003")]

    after = base + 3
    assert (
        get(client, "api-conversation", thread_a.conversation.pk, after=after).json()["messages"]
        == []
    )


@pytest.mark.parametrize("after", ["-1", "x", "1.5", ""])
def test_a_malformed_after_is_refused(thread_a: Thread, alice: User, after: str):
    response = get(signed_in(alice), "api-conversation", thread_a.conversation.pk, after=after)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_after"}


def test_conversation_queries_do_not_grow_with_messages(
    thread_a: Thread, alice: User, django_assert_num_queries
):
    client = signed_in(alice)
    # session, user, conversation, the audit's "opened" (looked for, then written), messages,
    # its last message, others under its route
    with django_assert_num_queries(8):
        get(client, "api-conversation", thread_a.conversation.pk)
    for n in range(10):
        thread_a.text_in(f"message {n}")
    actions.queue_reply(
        thread_a.conversation,
        author=alice,
        message_id=uuid.uuid4(),
        body="reply",
        body_sealed=b"x" * 112,
        number=TEXTER,
        epoch=1,
    )
    # Opened again within the audit's window: looked for, not written.
    with django_assert_num_queries(7):
        data = get(client, "api-conversation", thread_a.conversation.pk).json()
    # The first text, ten more and the reply, besides the welcome notices.
    assert len([m for m in data["messages"] if not m["notice"]]) == 12
    # What changed since: no opening to audit.
    with django_assert_num_queries(6):
        get(client, "api-conversation", thread_a.conversation.pk, after=5)


# -- replies -------------------------------------------------------------------------


def test_reply_stores_the_browsers_ciphertext_and_answers_the_row(thread_a: Thread, alice: User):
    data = reply_data(thread_a, "Are you safe to text?")
    response = post(signed_in(alice), "api-reply", thread_a.conversation.pk, data=data)
    assert response.status_code == 201
    row = response.json()
    assert row["id"] == data["message_id"]
    assert (row["direction"], row["status"], row["epoch"]) == ("out", "queued", 1)
    assert row["author"] == {"id": str(alice.pk), "name": "alice"}
    assert row["body_sealed"] == data["body_sealed"]
    stored = Message.objects.get(pk=data["message_id"])
    assert thread_a.open_body(row) == "Are you safe to text?"
    assert stored.status == Delivery.QUEUED


def test_a_reply_is_relayed_once_committed_and_announced_by_seq_only(
    thread_a: Thread, alice: User, fake_twilio, events, django_capture_on_commit_callbacks
):
    data = reply_data(thread_a, "We can talk now.")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(signed_in(alice), "api-reply", thread_a.conversation.pk, data=data)
    assert response.status_code == 201
    [sent] = fake_twilio.calls
    assert (sent.to, sent.body) == (TEXTER, "We can talk now.")
    conversation = str(thread_a.conversation.pk)
    base = thread_a.conversation.seq
    # Queued, then handed to the provider: each change is one seq, and the
    # events name the conversation and the seq, never the text.
    assert events == [
        {"type": "conversation", "conversation": conversation, "seq": base + 1},
        {"type": "conversation", "conversation": conversation, "seq": base + 2},
    ]
    stored = Message.objects.get(pk=data["message_id"])
    assert b64e(bytes(stored.body_sealed)) == data["body_sealed"]
    assert stored.status == Delivery.SENDING


def test_a_retried_reply_is_stored_once(thread_a: Thread, alice: User):
    client = signed_in(alice)
    data = reply_data(thread_a, "Once only")
    assert post(client, "api-reply", thread_a.conversation.pk, data=data).status_code == 201
    again = post(client, "api-reply", thread_a.conversation.pk, data=data)
    assert again.status_code == 200
    assert again.json()["id"] == data["message_id"]
    assert Message.objects.filter(direction="out", notice="").count() == 1


def test_a_reused_id_from_another_member_is_a_conflict(thread_a: Thread, alice: User, sam: User):
    data = reply_data(thread_a, "Mine")
    assert (
        post(signed_in(alice), "api-reply", thread_a.conversation.pk, data=data).status_code == 201
    )
    response = post(signed_in(sam), "api-reply", thread_a.conversation.pk, data=data)
    assert (response.status_code, response.json()) == (409, {"error": "duplicate_message"})


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"number": "+15145559999"}, 400, "route_mismatch"),
        ({"number": "not a number"}, 400, "route_mismatch"),
        ({"body": "  "}, 400, "invalid_reply"),
        ({"body": "x" * 4097}, 400, "invalid_reply"),
        ({"body_sealed": ""}, 400, "invalid_reply"),
        ({"body_sealed": "not base64!"}, 400, "invalid_reply"),
        ({"message_id": "nope"}, 400, "invalid_reply"),
        ({"body": 3}, 400, "invalid_reply"),
        ({"epoch": None}, 400, "invalid_reply"),
        ({"epoch": 2}, 409, "stale_epoch"),
    ],
)
def test_refused_replies_say_why_and_store_nothing(
    thread_a: Thread, alice: User, overrides: dict[str, Any], status: int, code: str
):
    data = reply_data(thread_a, "hello", overrides)
    response = post(signed_in(alice), "api-reply", thread_a.conversation.pk, data=data)
    assert (response.status_code, response.json()) == (status, {"error": code})
    assert not Message.objects.filter(direction="out", notice="").exists()


def test_a_body_that_is_not_json_is_refused(thread_a: Thread, alice: User):
    client = signed_in(alice)
    url = reverse("console:api-reply", args=[thread_a.conversation.pk])
    for body in ("not json", "[1, 2]"):
        response = client.post(url, body, content_type="application/json")
        assert (response.status_code, response.json()) == (400, {"error": "invalid_json"})


def test_reply_to_a_closed_conversation_is_a_conflict(thread_a: Thread, alice: User, sam: User):
    actions.close_conversation(thread_a.conversation, by=sam)
    data = reply_data(thread_a, "too late")
    response = post(signed_in(alice), "api-reply", thread_a.conversation.pk, data=data)
    assert (response.status_code, response.json()) == (409, {"error": "conversation_closed"})


# -- closing -------------------------------------------------------------------------


def held_by(thread: Thread, member: User) -> None:
    Conversation.objects.filter(pk=thread.conversation.pk).update(assigned_to=member)
    thread.conversation.refresh_from_db()


def test_close_then_close_again(thread_a: Thread, alice: User):
    held_by(thread_a, alice)
    client = signed_in(alice)
    response = post(client, "api-close", thread_a.conversation.pk)
    assert response.json() == {"id": str(thread_a.conversation.pk), "status": "closed"}
    thread_a.conversation.refresh_from_db()
    assert thread_a.conversation.status == "closed"
    assert get(client, "api-inbox").json() == {"conversations": []}
    # Still readable by id, for a console that had it open.
    assert get(client, "api-conversation", thread_a.conversation.pk).json()["status"] == "closed"
    again = post(client, "api-close", thread_a.conversation.pk)
    assert (again.status_code, again.json()) == (409, {"error": "conversation_closed"})


def test_a_new_text_after_close_opens_a_new_conversation_in_the_inbox(
    thread_a: Thread, alice: User
):
    client = signed_in(alice)
    post(client, "api-close", thread_a.conversation.pk)
    later = text_in(thread_a.channel, "me again")
    rows = get(client, "api-inbox").json()["conversations"]
    assert [r["id"] for r in rows] == [str(later.conversation_id)]
