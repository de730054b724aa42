"""The retention sweep: idle conversations closed, contents erased when due, keys shredded."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from havre import intake
from havre.accounts.models import Role
from havre.audit.models import Entry
from havre.conversations import actions
from havre.conversations.actions import lifecycle
from havre.conversations.models import Conversation, Message, Note, NoteKind, Status
from havre.retention import sweep
from havre.retention.models import Erasure, Policy, PurgeReport
from havre.retention.policy import Change, PolicyError, set_policy
from havre.vault import formats
from havre.vault.models import Epoch, Grant
from tests.conftest import SEALED_REPLY, ProgramKeys, staff_member

pytestmark = pytest.mark.django_db

TEXTER = "+33612345678"
OTHER = "+33687654321"


def receive(channel, body="I need help", sender=TEXTER):
    message, _ = intake.receive_inbound(
        channel, provider_id=f"SM{uuid.uuid4().hex}", sender=sender, body=body
    )
    assert message is not None
    return message.conversation


def age(conversation: Conversation, **ago: float) -> None:
    """Move a conversation's times into the past, as if that much time went by."""
    then = timezone.now() - timedelta(**ago)
    Conversation.objects.filter(pk=conversation.pk).update(last_activity_at=then)
    if conversation.closed_at is not None or Conversation.objects.get(pk=conversation.pk).closed_at:
        Conversation.objects.filter(pk=conversation.pk).update(closed_at=then)
        # Scheduled again from the new closing time by the next sweep.
        Erasure.objects.filter(pk=conversation.pk, done_at__isnull=True).delete()


def test_a_new_program_has_the_safe_defaults(program_a):
    policy = sweep.policy_for(program_a)
    assert policy.delete_after == timedelta(hours=24)
    assert policy.close_idle_after == timedelta(days=7)
    assert policy.audit_keep == timedelta(days=365)


def test_closing_erases_the_route_and_the_sealed_number(channel_a, alice):
    conversation = receive(channel_a)
    assert conversation.route
    assert bytes(conversation.number_sealed)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    conversation.refresh_from_db()
    assert conversation.route is None
    assert bytes(conversation.number_sealed) == b""
    # Her next text opens a new conversation: nothing maps her number to this one.
    assert receive(channel_a).pk != conversation.pk


def alice_holding(conversation: Conversation, alice):
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice)
    conversation.assigned_to = alice
    return alice


def test_an_ongoing_relationship_keeps_them_until_it_ends(channel_a, alice, keys_a: ProgramKeys):
    conversation = receive(channel_a)
    alice_holding(conversation, alice)
    lifecycle.mark_ongoing(conversation, by=alice)
    actions.close_conversation(conversation, by=alice)
    conversation.refresh_from_db()
    assert conversation.route is not None
    from havre.vault import sealing

    number = keys_a.open(
        conversation.number_sealed, sealing.number_info(keys_a.program.pk, conversation.pk)
    )
    assert number == TEXTER
    # The contents go when due; the number stays while the relationship lasts.
    set_policy(keys_a.program, Change(delete_after=timedelta(0)), by=None)
    sweep.purge()
    conversation.refresh_from_db()
    assert not Message.objects.filter(conversation=conversation).exists()
    assert bytes(conversation.number_sealed) != b""
    lifecycle.end_ongoing(conversation, by=alice)
    conversation.refresh_from_db()
    assert conversation.route is None
    assert bytes(conversation.number_sealed) == b""
    assert Entry.objects.filter(action="relationship.ended", target=str(conversation.pk)).exists()


def test_ending_a_relationship_is_refused_to_another_program(channel_a, alice, charlie):
    conversation = receive(channel_a)
    alice_holding(conversation, alice)
    lifecycle.mark_ongoing(conversation, by=alice)
    with pytest.raises(actions.ActionError):
        lifecycle.end_ongoing(conversation, by=charlie)
    conversation.refresh_from_db()
    assert conversation.ongoing_since is not None


def test_contents_are_deleted_when_due_and_not_before(channel_a, alice, keys_a):
    conversation = receive(channel_a, "first words")
    receive(channel_a, "second words")
    Note.objects.create(
        conversation=conversation,
        kind=NoteKind.NOTE,
        author=alice,
        epoch=keys_a.epoch,
        body_sealed=SEALED_REPLY,
    )
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    [first] = sweep.purge()
    assert first.counts["conversations_erased"] == 0
    assert Message.objects.filter(conversation=conversation).exists()
    erasure = Erasure.objects.get(pk=conversation.pk)
    assert erasure.due_at == erasure.closed_at + timedelta(hours=24)

    age(conversation, hours=25)
    [outcome] = sweep.purge()
    assert outcome.counts["conversations_erased"] == 1
    assert outcome.counts["messages_deleted"] >= 2
    assert outcome.counts["notes_deleted"] == 1
    assert not Message.objects.filter(conversation=conversation).exists()
    assert not Note.objects.filter(conversation=conversation).exists()
    # What stays names nobody: the row's times and states.
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    report = PurgeReport.objects.filter(program=keys_a.program).latest("started_at")
    assert report.counts["conversations_erased"] == 1
    assert set(report.counts) == set(sweep.COUNTS)


def test_a_dry_run_counts_and_deletes_nothing(channel_a, alice):
    conversation = receive(channel_a)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    age(conversation, days=2)
    reports = PurgeReport.objects.count()
    [outcome] = sweep.purge(dry_run=True)
    assert outcome.counts["conversations_erased"] == 1
    assert outcome.counts["messages_deleted"] >= 1
    assert Message.objects.filter(conversation=conversation).exists()
    assert PurgeReport.objects.count() == reports
    assert not Erasure.objects.exists()


def test_zero_means_at_the_next_sweep(channel_a, alice, program_a):
    set_policy(program_a, Change(delete_after=timedelta(0)), by=None)
    conversation = receive(channel_a)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    sweep.sweep()
    assert not Message.objects.filter(conversation=conversation).exists()


def test_a_new_delete_after_moves_erasures_already_due(channel_a, alice, program_a):
    conversation = receive(channel_a)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    sweep.purge()
    set_policy(program_a, Change(delete_after=timedelta(hours=1)), by=None)
    erasure = Erasure.objects.get(pk=conversation.pk)
    assert erasure.due_at == erasure.closed_at + timedelta(hours=1)


def test_idle_conversations_close_and_say_whether_the_texter_wrote_last(channel_a, program_a):
    waiting = receive(channel_a, sender=TEXTER)
    fresh = receive(channel_a, sender=OTHER)
    age(waiting, days=8)
    [outcome] = sweep.purge()
    assert outcome.counts["closed_idle"] == 1
    waiting.refresh_from_db()
    fresh.refresh_from_db()
    assert waiting.status == Status.CLOSED
    assert waiting.route is None
    assert fresh.status == Status.OPEN
    assert Entry.objects.filter(action="conversation.closed_idle", actor=None).count() == 1


def test_an_idle_conversation_active_again_is_left_open(channel_a):
    conversation = receive(channel_a)
    idle_since = timezone.now() - timedelta(days=7)
    assert lifecycle.close_idle(conversation, idle_since=idle_since, owed_since=idle_since) is None
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN


def test_two_sweeps_erase_each_conversation_once(channel_a, alice, program_a, transactional_db):
    set_policy(program_a, Change(delete_after=timedelta(0)), by=None)
    for sender in (TEXTER, OTHER, "+33611112222"):
        conversation = receive(channel_a, sender=sender)
        actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(sweep.sweep())
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sum(results) == 3
    assert not Message.objects.exists()


def test_a_crash_mid_way_leaves_the_rest_for_the_next_sweep(channel_a, alice, program_a):
    set_policy(program_a, Change(delete_after=timedelta(0)), by=None)
    conversations = []
    for sender in (TEXTER, OTHER):
        conversation = receive(channel_a, sender=sender)
        actions.close_conversation(conversation, by=alice_holding(conversation, alice))
        conversations.append(conversation)
    calls = 0

    def crash_on_the_second(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sweep.purge(progress=crash_on_the_second)
    assert Erasure.objects.filter(done_at__isnull=True).count() == 1
    assert Message.objects.count() > 0
    sweep.purge()
    assert not Message.objects.exists()
    assert not Erasure.objects.filter(done_at__isnull=True).exists()


def test_the_audit_log_keeps_a_year(program_a, ada):
    old = Entry.objects.create(program=program_a, actor=ada, action="sign_in", target=str(ada.pk))
    Entry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=366))
    recent = Entry.objects.create(program=program_a, actor=ada, action="sign_in")
    [outcome] = sweep.purge()
    assert outcome.counts["audit_entries_deleted"] == 1
    assert not Entry.objects.filter(pk=old.pk).exists()
    assert Entry.objects.filter(pk=recent.pk).exists()


def test_bounds_are_refused_with_the_setting_named(program_a, alice, ada):
    with pytest.raises(PolicyError) as refused:
        set_policy(program_a, Change(close_idle_after=timedelta(minutes=5)), by=None)
    assert refused.value.field == "close_idle_after"
    with pytest.raises(PolicyError):
        set_policy(program_a, Change(delete_after=timedelta(days=400)), by=None)
    with pytest.raises(PermissionError):
        set_policy(program_a, Change(delete_after=timedelta(hours=1)), by=alice)
    set_policy(program_a, Change(delete_after=timedelta(hours=1)), by=ada)
    assert Policy.objects.get(pk=program_a.pk).delete_after == timedelta(hours=1)
    assert Entry.objects.filter(action="retention_set", actor=ada).exists()


def test_a_spent_epoch_is_shredded_and_a_live_one_kept(channel_a, alice, keys_a, program_a):
    old = keys_a.epoch
    conversation = receive(channel_a)
    _private, public = formats.generate_keypair()
    Epoch.objects.filter(pk=old.pk).update(retired_at=timezone.now())
    new = Epoch.objects.create(program=program_a, number=2, public_key=public)
    Grant.objects.create(epoch=new, user=alice, sealed_key=b"x" * 80)
    # Its messages and number still need the old key: nothing is shredded.
    sweep.purge()
    assert Grant.objects.filter(epoch=old).exists()
    set_policy(program_a, Change(delete_after=timedelta(0)), by=None)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    [outcome] = sweep.purge()
    assert outcome.counts["epochs_shredded"] == 1
    assert not Grant.objects.filter(epoch=old).exists()
    assert Grant.objects.filter(epoch=new).exists()
    assert Entry.objects.filter(action="epoch_shredded", target="1").exists()


def test_another_programs_conversations_are_left_alone(channel_a, channel_b, alice, charlie):
    mine = receive(channel_a)
    theirs = receive(channel_b)
    for conversation, member in ((mine, alice), (theirs, charlie)):
        actions.close_conversation(conversation, by=alice_holding(conversation, member))
        age(conversation, days=2)
    sweep.purge(program=mine.program)
    assert not Message.objects.filter(conversation=mine).exists()
    assert Message.objects.filter(conversation=theirs).exists()


def test_the_sweep_checkpoints_the_wal(channel_a, alice, program_a):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's WAL only")
    set_policy(program_a, Change(delete_after=timedelta(0)), by=None)
    conversation = receive(channel_a)
    actions.close_conversation(conversation, by=alice_holding(conversation, alice))
    sweep.purge()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_staff_member_helper_gives_a_supervisor(keys_a):
    assert staff_member(keys_a, "s2@a.example", Role.SUPERVISOR).is_supervisor
