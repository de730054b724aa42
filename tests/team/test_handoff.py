"""Handing on: transfer to a colleague, to the queue or to a supervisor, with a sealed note;
the cap everywhere, and the supervisor's audited override."""

from __future__ import annotations

import pytest
from django.db import connection

from havre.accounts.models import User
from havre.audit.models import Entry
from havre.conversations import queueing
from havre.conversations.actions import team
from havre.conversations.actions.team_errors import AtCapacity, NotAllowed, NotOnDuty
from havre.conversations.models import Conversation, Note, NoteKind
from havre.vault import formats, sealing
from tests.team.conftest import (
    get,
    hold,
    note_json,
    on_duty,
    post,
    seal_note,
    signed_in,
    waiting_thread,
)

pytestmark = pytest.mark.django_db

NOTE = "Texter is safe tonight; partner back at 8. Check in about the shelter call."


def test_a_transfer_carries_a_note_only_the_program_key_opens(
    thread_a, keys_a, alice, bea, events, django_capture_on_commit_callbacks
):
    conversation = thread_a.conversation
    hold(conversation, alice)
    on_duty(alice, bea)
    note = seal_note(keys_a, conversation, NOTE)
    events.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            signed_in(alice),
            "team-transfer",
            conversation.pk,
            data={"to": str(bea.pk), "note": note_json(note)},
        )

    assert (response.status_code, response.json()["action"]) == (200, "transfer")
    conversation.refresh_from_db()
    assert conversation.assigned_to_id == bea.pk
    stored = Note.objects.get()
    assert (stored.kind, stored.author_id, stored.recipient_id) == (
        NoteKind.HANDOFF,
        alice.pk,
        bea.pk,
    )
    # The recipient reads it in the conversation, as ciphertext her browser opens.
    team_view = get(signed_in(bea), "team-conversation", conversation.pk).json()
    [shown] = team_view["notes"]
    assert shown["recipient"] == {"id": str(bea.pk), "name": "bea"}
    assert team_view["holder"] == {"id": str(bea.pk), "name": "bea"}
    info = sealing.note_info(keys_a.program.pk, conversation.pk, shown["id"])
    assert keys_a.open(formats.b64d(shown["body_sealed"]), info) == NOTE
    assert events == [
        {"type": "conversation", "conversation": str(conversation.pk), "seq": conversation.seq},
        {"type": "team", "what": "assignment", "conversation": str(conversation.pk)},
    ]
    assert [(e.action, e.target) for e in Entry.objects.order_by("pk")][-2:] == [
        ("transfer", str(conversation.pk)),
        ("transfer.to", str(bea.pk)),
    ]


def test_the_database_holds_no_note_text(thread_a, keys_a, alice, bea):
    hold(thread_a.conversation, alice)
    on_duty(bea)
    note = seal_note(keys_a, thread_a.conversation, NOTE)
    team.transfer(thread_a.conversation, by=alice, to=bea, note=note)

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                for value in row:
                    raw = (
                        bytes(value)
                        if isinstance(value, bytes | memoryview)
                        else str(value).encode()
                    )
                    assert b"shelter" not in raw, table
    assert note.sealed == bytes(Note.objects.get().body_sealed)


def test_a_note_that_is_not_sealed_or_sealed_to_an_old_key_is_refused(thread_a, keys_a, alice, bea):
    hold(thread_a.conversation, alice)
    on_duty(bea)
    client = signed_in(alice)
    plain = {"id": str(seal_note(keys_a, thread_a.conversation, "x").id), "epoch": 1}
    for body in (formats.b64e(NOTE.encode()), formats.b64e(b"\0" * 100)):
        response = post(
            client,
            "team-transfer",
            thread_a.conversation.pk,
            data={"to": str(bea.pk), "note": {**plain, "body_sealed": body}},
        )
        assert (response.status_code, response.json()) == (400, {"error": "invalid_note"})
    stale = {**note_json(seal_note(keys_a, thread_a.conversation, NOTE)), "epoch": 7}
    response = post(
        client, "team-transfer", thread_a.conversation.pk, data={"to": str(bea.pk), "note": stale}
    )
    assert (response.status_code, response.json()) == (409, {"error": "stale_epoch"})
    assert Conversation.objects.get(pk=thread_a.conversation.pk).assigned_to_id == alice.pk
    assert not Note.objects.exists()


def test_back_to_the_queue_and_escalation_to_a_supervisor(channel_a, keys_a, alice, sam):
    one = waiting_thread(channel_a, keys_a, 1)
    two = waiting_thread(channel_a, keys_a, 2)
    hold(one.conversation, alice)
    hold(two.conversation, alice)
    on_duty(alice, sam)

    assert team.transfer(one.conversation, by=alice, to=None, note=None) == "requeue"
    one.conversation.refresh_from_db()
    assert one.conversation.assigned_to is None
    assert one.conversation.queued_at is not None
    assert [c.pk for c in queueing.waiting(keys_a.program.pk)] == [one.conversation.pk]

    note = seal_note(keys_a, two.conversation, "Talks about pills; please take over.")
    assert team.transfer(two.conversation, by=alice, to=sam, note=note) == "escalate"
    two.conversation.refresh_from_db()
    assert two.conversation.assigned_to_id == sam.pk
    assert Note.objects.get().recipient_id == sam.pk
    assert Entry.objects.filter(action="escalate", target=str(two.conversation.pk)).exists()


def test_only_the_holder_or_a_supervisor_hands_a_conversation_on(thread_a, alice, bea, sam):
    hold(thread_a.conversation, alice)
    on_duty(alice, bea, sam)
    response = post(
        signed_in(bea), "team-transfer", thread_a.conversation.pk, data={"to": str(bea.pk)}
    )
    assert (response.status_code, response.json()) == (403, {"error": "not_allowed"})
    # A supervisor reassigns from the supervisor view.
    response = post(
        signed_in(sam), "team-transfer", thread_a.conversation.pk, data={"to": str(bea.pk)}
    )
    assert (response.status_code, response.json()["action"]) == (200, "assign")


def test_a_supervisor_assigns_a_named_waiting_conversation(channel_a, keys_a, bea, sam):
    older = waiting_thread(channel_a, keys_a, 1)
    chosen = waiting_thread(channel_a, keys_a, 2)
    on_duty(bea)
    assert team.transfer(chosen.conversation, by=sam, to=bea, note=None) == "assign"
    assert [c.pk for c in queueing.waiting(keys_a.program.pk)] == [older.conversation.pk]
    assert Entry.objects.filter(action="assign.to", target=str(bea.pk), actor=sam).exists()


def test_nobody_goes_to_someone_off_duty(thread_a, alice, bea):
    hold(thread_a.conversation, alice)
    with pytest.raises(NotOnDuty):
        team.transfer(thread_a.conversation, by=alice, to=bea, note=None)


# -- the cap, everywhere ------------------------------------------------------------------


@pytest.fixture
def full_bea(channel_a, keys_a, bea: User) -> User:
    """Bea on duty, holding as many conversations as her cap of 3 allows."""
    on_duty(bea)
    for n in range(3):
        hold(waiting_thread(channel_a, keys_a, 100 + n).conversation, bea)
    return bea


def test_no_transfer_or_assignment_pushes_anyone_past_the_cap(
    thread_a, keys_a, alice, sam, full_bea
):
    hold(thread_a.conversation, alice)
    on_duty(alice)
    with pytest.raises(AtCapacity):
        team.transfer(thread_a.conversation, by=alice, to=full_bea, note=None)
    with pytest.raises(AtCapacity):
        team.transfer(thread_a.conversation, by=sam, to=full_bea, note=None)
    response = post(
        signed_in(alice), "team-transfer", thread_a.conversation.pk, data={"to": str(full_bea.pk)}
    )
    assert (response.status_code, response.json()) == (409, {"error": "at_capacity"})
    assert queueing.load_of(full_bea) == 3


def test_automatic_assignment_respects_the_cap(channel_a, keys_a, program_a, full_bea):
    program_a.auto_assign = True
    program_a.save()
    newcomer = waiting_thread(channel_a, keys_a, 1)
    assert newcomer.conversation.assigned_to is None
    assert queueing.load_of(full_bea) == 3


def test_a_supervisor_overrides_the_cap_on_purpose_and_it_is_audited(
    thread_a, alice, sam, full_bea
):
    hold(thread_a.conversation, alice)
    on_duty(alice)
    # An advocate cannot ask for it.
    response = post(
        signed_in(alice),
        "team-transfer",
        thread_a.conversation.pk,
        data={"to": str(full_bea.pk), "override": True},
    )
    assert (response.status_code, response.json()) == (403, {"error": "not_allowed"})
    with pytest.raises(NotAllowed):
        team.transfer(thread_a.conversation, by=alice, to=full_bea, note=None, override=True)

    response = post(
        signed_in(sam),
        "team-transfer",
        thread_a.conversation.pk,
        data={"to": str(full_bea.pk), "override": True},
    )
    assert response.status_code == 200
    assert queueing.load_of(full_bea) == 4
    override = Entry.objects.get(action="cap_override")
    assert (override.actor_id, override.target) == (sam.pk, str(thread_a.conversation.pk))
    assert Entry.objects.filter(action="cap_override.to", target=str(full_bea.pk)).exists()
