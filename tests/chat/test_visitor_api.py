"""A visit through the chat's API: the pipeline entry, notices, replies, leaving, limits."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client

from havre.accounts.models import User
from havre.chat import actions, limits
from havre.chat.models import ChatSession, VisitorCopy
from havre.conversations.models import Conversation, Delivery, Direction, Message, Status
from havre.protocols.actions import switch_emergency_on
from havre.triage import defaults
from havre.triage.actions import save_lexicon
from havre.triage.lexicons import LIST_KEYS
from havre.vault import formats
from tests.chat.conftest import Visitor
from tests.conftest import SEALED_REPLY, ProgramKeys
from tests.gateways.scan import found_in_database

pytestmark = pytest.mark.django_db

SECRET_TEXT = "He took my phone, I'm writing from the library"


def test_a_visitor_text_enters_the_queue_sealed_and_is_answered_with_notices(
    visitor: Visitor, keys_a: ProgramKeys
):
    assert visitor.start().status_code == 201
    answer = visitor.send(SECRET_TEXT)
    assert answer.status_code == 201
    conversation = Conversation.objects.get(pk=visitor.conversation)
    assert conversation.status == Status.OPEN
    assert conversation.queued_at is not None
    inbound = Message.objects.get(conversation=conversation, direction=Direction.INBOUND)
    info = formats.message_info(keys_a.program.pk, conversation.pk, inbound.pk, "in")
    assert keys_a.open(inbound.body_sealed, info) == SECRET_TEXT
    # The number sealed for the conversation is the visitor's session id.
    assert (
        keys_a.open(
            conversation.number_sealed,
            formats.info("number", str(keys_a.program.pk), str(conversation.pk)),
        )
        == visitor.session
    )
    # The welcome notices are stored as keys, never sent to a provider.
    notices = Message.objects.filter(conversation=conversation, direction=Direction.OUTBOUND)
    assert notices.exists()
    assert {m.status for m in notices} == {Delivery.SENT}
    # She cannot be read asking to STOP, so she is not told to.
    assert "welcome_stop" not in {m.notice for m in notices}
    assert "welcome_safety" in {m.notice for m in notices}
    thread = visitor.poll().json()
    assert thread["status"] == "open"
    texts = [visitor.read(m) for m in thread["messages"]]
    assert texts[0] == SECRET_TEXT
    assert len(texts) == 1 + notices.count()
    assert all(m["automatic"] for m in thread["messages"][1:])
    assert thread["waiting"]["place"] == 1
    assert found_in_database([SECRET_TEXT, *texts[1:]]) == []


def test_a_text_sent_again_is_stored_once(visitor: Visitor):
    visitor.start()
    message_id = str(uuid.uuid4())
    assert visitor.send("hello", message_id=message_id).status_code == 201
    assert visitor.send("hello", message_id=message_id).status_code == 200
    assert Message.objects.filter(pk=message_id).count() == 1


def test_the_browser_flag_orders_the_queue_and_an_unknown_one_is_ignored(visitor: Visitor):
    visitor.start()
    visitor.send("first", flag="made-up")
    assert Conversation.objects.get(pk=visitor.conversation).crisis_category is None
    visitor.send("second", flag="suicide")
    assert Conversation.objects.get(pk=visitor.conversation).crisis_category == "suicide"


def test_clear_text_and_a_stale_epoch_are_refused(visitor: Visitor):
    visitor.start()
    plain = visitor.client.post(
        visitor.url("messages"),
        json.dumps(
            {
                "message_id": str(uuid.uuid4()),
                "epoch": 1,
                "body_sealed": formats.b64e(b"in clear, by a broken page" * 4),
                "own_sealed": formats.b64e(b"in clear" * 20),
            }
        ),
        content_type="application/json",
        headers=visitor.headers(),
    )
    assert plain.status_code == 400
    assert visitor.send("hello", epoch=7).json()["error"] == "stale_epoch"
    assert not Message.objects.exists()


def test_without_a_token_or_with_another_chats_token_nothing_is_read(visitor: Visitor, keys_b):
    from havre.chat import actions

    visitor.start()
    visitor.send("hello")
    stranger = Client()
    assert stranger.get(visitor.url("messages")).status_code == 401
    actions.configure(keys_b.program, by=None, slug="notes-b", enabled=True)
    other = stranger.get("/chat/notes-b/api/messages", headers=visitor.headers())
    assert other.status_code == 401


def test_an_advocate_reply_sealed_to_the_visitor_reaches_her_page(
    visitor: Visitor, alice: User, keys_a: ProgramKeys
):
    visitor.start()
    visitor.send("hello")
    conversation = Conversation.objects.get(pk=visitor.conversation)
    staff = Client()
    staff.force_login(alice)
    key = staff.get(f"/console/api/chat/conversations/{conversation.pk}").json()
    assert formats.b64d(key["public_key"]) == visitor.public_key
    message_id = str(uuid.uuid4())
    reply_text = "You can write here safely. Are you somewhere safe now?"
    to_visitor = formats.seal(
        formats.b64d(key["public_key"]),
        reply_text.encode(),
        formats.message_info(keys_a.program.pk, conversation.pk, message_id, "visitor"),
    )
    answer = staff.post(
        f"/console/api/chat/conversations/{conversation.pk}/reply",
        json.dumps(
            {
                "message_id": message_id,
                "body_sealed": formats.b64e(SEALED_REPLY),
                "visitor_sealed": formats.b64e(to_visitor),
                "number": visitor.session,
                "epoch": 1,
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    last = visitor.poll().json()["messages"][-1]
    assert visitor.read(last) == reply_text
    assert found_in_database([reply_text]) == []
    # The plain reply path refuses a web chat: its words would reach the server.
    plain = staff.post(
        f"/console/api/conversations/{conversation.pk}/reply",
        json.dumps(
            {
                "message_id": str(uuid.uuid4()),
                "body": reply_text,
                "body_sealed": formats.b64e(SEALED_REPLY),
                "number": visitor.session,
                "epoch": 1,
            }
        ),
        content_type="application/json",
    )
    assert plain.status_code in (400, 409)
    assert found_in_database([reply_text]) == []


def test_charlie_of_another_program_reaches_no_visitor(visitor: Visitor, charlie: User):
    visitor.start()
    visitor.send("hello")
    staff = Client()
    staff.force_login(charlie)
    assert staff.get(f"/console/api/chat/conversations/{visitor.conversation}").status_code == 404


def test_leaving_ends_the_session_and_the_advocate_sees_it(visitor: Visitor):
    visitor.start()
    visitor.send("hello")
    assert visitor.leave().json() == {"left": True}
    session = ChatSession.objects.get(pk=visitor.session)
    assert session.ended_at is not None
    left = Message.objects.get(conversation_id=visitor.conversation, notice="chat.left")
    assert left.direction == Direction.INBOUND
    # The token opens nothing more.
    assert visitor.send("again").status_code == 409
    assert visitor.poll().json()["status"] == "ended"


def test_closing_or_blocking_the_conversation_ends_the_visit(visitor: Visitor, alice: User):
    from havre.conversations.actions import close_conversation

    visitor.start()
    visitor.send("hello")
    conversation = Conversation.objects.get(pk=visitor.conversation)
    conversation.assigned_to = alice
    conversation.save(update_fields=["assigned_to"])
    close_conversation(conversation, by=alice)
    assert visitor.poll().json()["status"] == "ended"
    assert visitor.send("still there?").json()["error"] == "conversation_closed"


def test_texts_per_session_are_limited(visitor: Visitor):
    visitor.start()
    codes = [
        visitor.send(f"text {n}").status_code for n in range(limits.TEXTS_PER_SESSION.count + 2)
    ]
    assert codes[: limits.TEXTS_PER_SESSION.count] == [201] * limits.TEXTS_PER_SESSION.count
    assert codes[-1] == 429


def test_starts_per_address_are_limited_and_no_address_is_stored(
    visitor: Visitor, caplog: pytest.LogCaptureFixture
):
    statuses = [visitor.start().status_code for _ in range(limits.STARTS_PER_ADDRESS.count + 1)]
    assert statuses[-1] == 429
    assert found_in_database(["127.0.0.1"]) == []
    assert "127.0.0.1" not in caplog.text


def test_emergency_mode_and_hours_are_said_before_entering(visitor: Visitor, sam: User):
    state = visitor.client.get(visitor.url("state")).json()
    assert state["emergency"] is False
    assert state["notice"] == ""
    assert state["key"]["epoch"] == 1
    switch_emergency_on(sam, "storm")
    state = visitor.client.get(visitor.url("state"), {"lang": "fr"}).json()
    assert state["emergency"] is True
    assert state["notice"] != ""


def test_visitor_copies_follow_their_messages(visitor: Visitor):
    visitor.start()
    visitor.send("hello")
    assert VisitorCopy.objects.count() == 1
    Message.objects.filter(direction=Direction.INBOUND).delete()
    assert VisitorCopy.objects.count() == 0


def test_a_block_ends_the_visit_and_nothing_more_is_stored(
    visitor: Visitor, sam: User, keys_a: ProgramKeys
):
    from havre.safety.actions import block_texter

    visitor.start()
    visitor.send("hello")
    conversation = Conversation.objects.get(pk=visitor.conversation)
    block_id = uuid.uuid4()
    label = formats.seal(
        bytes(keys_a.epoch.public_key),
        b"abusive visitor",
        formats.info("block", str(keys_a.program.pk), str(block_id)),
    )
    block_texter(
        conversation,
        by=sam,
        number=visitor.session,
        block_id=block_id,
        label_sealed=label,
        epoch=1,
    )
    assert visitor.poll().json()["status"] == "ended"
    before = Message.objects.count()
    assert visitor.send("again").status_code == 409
    assert Message.objects.count() == before


def test_a_message_id_taken_by_another_message_is_refused_plainly(
    visitor: Visitor, keys_a: ProgramKeys
):
    visitor.start()
    first = str(uuid.uuid4())
    visitor.send("hello", message_id=first)
    notice = Message.objects.filter(conversation_id=visitor.conversation).exclude(notice="").first()
    assert notice is not None
    other = Visitor(keys_a, visitor.slug)
    other.start()
    for taken in (first, str(notice.pk)):
        answer = other.send("mine", message_id=taken)
        assert answer.status_code == 400, taken
        assert answer.json()["error"] == "bad_message_id"
    assert not Message.objects.filter(conversation_id=other.conversation).exists()


def test_her_page_gets_the_programs_lexicons_in_force_and_nothing_else(
    visitor: Visitor, sam: User, keys_b: ProgramKeys
):
    assert visitor.client.get(visitor.url("lexicons")).status_code == 401
    visitor.start()
    save_lexicon(
        visitor.keys.program,
        by=sam,
        category="danger",
        language="fr",
        terms=["il a un sabre", "il ... me découper"],
    )
    answer = visitor.client.get(visitor.url("lexicons"), headers=visitor.headers())
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    lists = answer.json()["lists"]
    assert [(entry["category"], entry["language"]) for entry in lists] == list(LIST_KEYS)
    assert all(set(entry) == {"category", "language", "terms"} for entry in lists)
    by_key = {(entry["category"], entry["language"]): entry["terms"] for entry in lists}
    assert by_key[("danger", "fr")] == ["il a un sabre", "il ... me découper"]
    assert by_key[("suicide", "en")] == defaults.terms("suicide", "en")
    # Her token opens nothing on another program's chat.
    other = actions.configure(keys_b.program, by=None, slug="notes-b", enabled=True)
    elsewhere = f"/chat/{other.slug}/api/lexicons"
    assert visitor.client.get(elsewhere, headers=visitor.headers()).status_code == 401
    assert visitor.client.get("/chat/nowhere/api/lexicons").status_code == 404
    # Once she left, her token fetches them no more.
    visitor.leave()
    assert visitor.client.get(visitor.url("lexicons"), headers=visitor.headers()).status_code == 409
