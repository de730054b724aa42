"""Staff notes of kind "note": sealed in the browser, written by whoever works on the conversation."""

from __future__ import annotations

import pytest

from havre.audit.models import Entry
from havre.conversations.actions import participants
from havre.conversations.models import Note, NoteKind
from tests.conftest import ProgramKeys
from tests.team.conftest import get, hold, note_json, post, seal_note, signed_in, waiting_thread

pytestmark = pytest.mark.django_db


def test_the_holder_writes_a_sealed_note_that_the_team_reads(
    channel_a, keys_a: ProgramKeys, alice, sam
):
    thread = waiting_thread(channel_a, keys_a, 1)
    hold(thread.conversation, alice)
    note = seal_note(keys_a, thread.conversation, "She prefers texts after 8 pm")
    answer = post(
        signed_in(alice), "team-notes", thread.conversation.pk, data={"note": note_json(note)}
    )
    assert answer.status_code == 201
    assert answer.json() == {"id": str(note.id), "kind": "note"}
    stored = Note.objects.get(pk=note.id)
    assert (stored.kind, stored.author, stored.recipient) == (NoteKind.NOTE, alice, None)
    assert bytes(stored.body_sealed) == note.sealed
    assert Entry.objects.filter(
        action="note", actor=alice, target=str(thread.conversation.pk)
    ).exists()
    team = get(signed_in(sam), "team-conversation", thread.conversation.pk).json()
    [shown] = team["notes"]
    assert (shown["id"], shown["kind"]) == (str(note.id), "note")
    assert "8 pm" not in str(team)


def test_a_participant_and_a_supervisor_write_notes_others_cannot(
    channel_a, keys_a: ProgramKeys, alice, sam, charlie, dana
):
    from tests.conftest import Role, staff_member

    bea = staff_member(keys_a, "bea2@a.example", Role.ADVOCATE)
    thread = waiting_thread(channel_a, keys_a, 1)
    hold(thread.conversation, alice)

    def write(member):
        note = seal_note(keys_a, thread.conversation, "x")
        return post(
            signed_in(member), "team-notes", thread.conversation.pk, data={"note": note_json(note)}
        )

    assert write(bea).status_code == 403
    participants.join(thread.conversation, bea)
    assert write(bea).status_code == 201
    assert write(sam).status_code == 201
    assert write(charlie).status_code == 404
    # Without the program key, refused before anything is looked at.
    answer = write(dana)
    assert (answer.status_code, answer.json()) == (403, {"error": "key_required"})
    assert Note.objects.filter(conversation=thread.conversation).count() == 2


def test_a_note_in_clear_or_malformed_is_refused(channel_a, keys_a: ProgramKeys, alice):
    thread = waiting_thread(channel_a, keys_a, 1)
    hold(thread.conversation, alice)
    client = signed_in(alice)
    clear = {"id": "7e0b6a3c-1f3c-4d0b-9a55-0d6f2f0e2a11", "body_sealed": "aGVsbG8", "epoch": 1}
    assert (
        post(client, "team-notes", thread.conversation.pk, data={"note": clear}).status_code == 400
    )
    assert post(client, "team-notes", thread.conversation.pk, data={}).status_code == 400
    assert not Note.objects.exists()
