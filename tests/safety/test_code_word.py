"""The code word: stored only sealed by the browser to the program key, never shown by the API."""

from __future__ import annotations

import pytest

from havre.audit.models import Entry
from havre.conversations import actions
from havre.conversations.models import Conversation
from havre.safety import actions as safety
from havre.vault import formats, sealing
from havre.vault.formats import b64d, b64e
from tests.conftest import ProgramKeys
from tests.console.conftest import Thread
from tests.safety.conftest import database_bytes, get, post, sealed_code_word, signed_in

pytestmark = pytest.mark.django_db

WORD = "Tournesol bleu"


def set_word(client, thread: Thread, word: str = WORD, **overrides):
    sealed = sealed_code_word(thread.keys, thread.conversation.pk, word)
    data = {"sealed": b64e(sealed), "epoch": thread.keys.epoch.number, **overrides}
    return post(client, "code-word", thread.conversation.pk, data=data)


def test_the_code_word_is_stored_sealed_to_the_program_key_and_nowhere_in_clear(
    thread_a: Thread, alice, keys_a: ProgramKeys
):
    client = signed_in(alice)
    response = set_word(client, thread_a)

    assert response.status_code == 200
    assert response.json()["code_word"] is True
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    info = sealing.code_word_info(keys_a.program.pk, conversation.pk)
    assert keys_a.open(bytes(conversation.code_word_sealed), info) == WORD
    assert conversation.code_word_epoch_id == keys_a.epoch.pk
    dump = database_bytes()
    for form in (WORD, WORD.lower(), WORD.upper(), "Tournesol", "tournesol"):
        assert form.encode() not in dump, form
    # Audited by ids only.
    entry = Entry.objects.get(action="code_word_set")
    assert (entry.actor, entry.target) == (alice, str(conversation.pk))


def test_the_sealed_word_does_not_open_as_another_conversations(thread_a: Thread, alice, keys_a):
    set_word(signed_in(alice), thread_a)
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    other = sealing.code_word_info(keys_a.program.pk, "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b")
    with pytest.raises(formats.FormatError):
        keys_a.open(bytes(conversation.code_word_sealed), other)


def test_rows_say_only_whether_there_is_a_code_word_and_get_returns_the_ciphertext(
    thread_a: Thread, alice
):
    client = signed_in(alice)
    set_word(client, thread_a)

    inbox = client.get("/console/api/inbox").json()["conversations"]
    assert inbox[0]["safety"]["code_word"] is True
    assert "code_word_sealed" not in str(inbox)
    sealed = get(client, "code-word", thread_a.conversation.pk).json()
    assert sealed["epoch"] == thread_a.keys.epoch.number
    info = sealing.code_word_info(thread_a.keys.program.pk, thread_a.conversation.pk)
    assert thread_a.keys.open(b64d(sealed["sealed"]), info) == WORD


def test_a_value_that_is_not_a_sealed_code_word_is_refused(thread_a: Thread, alice):
    client = signed_in(alice)
    for value in (b64e(WORD.encode()), b64e(bytes(100)), "not base64!"):
        response = post(
            client, "code-word", thread_a.conversation.pk, data={"sealed": value, "epoch": 1}
        )
        assert response.status_code == 400, value
    assert Conversation.objects.get(pk=thread_a.conversation.pk).code_word_sealed is None


def test_a_word_sealed_to_an_old_epoch_is_refused(thread_a: Thread, alice):
    response = set_word(signed_in(alice), thread_a, epoch=2)
    assert (response.status_code, response.json()) == (409, {"error": "stale_epoch"})


def test_charlie_of_program_b_can_neither_set_read_nor_clear_it(thread_a: Thread, alice, charlie):
    set_word(signed_in(alice), thread_a)
    client = signed_in(charlie)
    conversation_id = thread_a.conversation.pk
    assert set_word(client, thread_a, word="other").status_code == 404
    assert get(client, "code-word", conversation_id).status_code == 404
    assert post(client, "code-word-clear", conversation_id).status_code == 404
    with pytest.raises(actions.ActionError):
        safety.clear_code_word(thread_a.conversation, by=charlie)
    info = sealing.code_word_info(thread_a.keys.program.pk, conversation_id)
    stored = Conversation.objects.get(pk=conversation_id).code_word_sealed
    assert thread_a.keys.open(bytes(stored), info) == WORD


def test_replace_then_clear_are_audited_and_leave_nothing(thread_a: Thread, alice, events):
    client = signed_in(alice)
    set_word(client, thread_a)
    set_word(client, thread_a, word="autre mot")
    response = post(client, "code-word-clear", thread_a.conversation.pk)

    assert response.json()["code_word"] is False
    conversation = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert conversation.code_word_sealed is None
    assert conversation.code_word_epoch is None
    assert get(client, "code-word", conversation.pk).json() == {"error": "no_code_word"}
    entries = Entry.objects.filter(action__startswith="code_word").order_by("at")
    assert list(entries.values_list("action", "target")) == [
        ("code_word_set", str(conversation.pk)),
        ("code_word_replaced", str(conversation.pk)),
        ("code_word_cleared", str(conversation.pk)),
    ]


def test_no_code_word_on_a_closed_conversation(thread_a: Thread, alice):
    actions.close_conversation(thread_a.conversation, by=alice)
    response = set_word(signed_in(alice), thread_a)
    assert (response.status_code, response.json()) == (409, {"error": "conversation_closed"})


def test_setting_it_tells_the_consoles_without_counting_as_activity(
    thread_a: Thread, alice, events, django_capture_on_commit_callbacks
):
    before = Conversation.objects.get(pk=thread_a.conversation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        set_word(signed_in(alice), thread_a)
    after = Conversation.objects.get(pk=thread_a.conversation.pk)
    assert events == [
        {"type": "conversation", "conversation": str(after.pk), "seq": before.seq + 1}
    ]
    assert after.last_activity_at == before.last_activity_at


def test_the_contexts_are_the_ones_the_browser_uses():
    """frontend/test/console-safety.test.mjs pins the same bytes for crypto.ts's `info`."""
    program = "6f1c2a5e-8d0b-4e57-9a43-2b7c1d9e0f11"
    row = "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b"
    assert sealing.code_word_info(program, row) == f"havre/v1|codeword|{program}|{row}".encode()
    assert sealing.block_label_info(program, row) == f"havre/v1|block|{program}|{row}".encode()
