"""Proof: after a full day at the helpline and a purge, nothing private is left anywhere.

Several conversations by SMS through the fake Twilio: automatic notices, a
crisis flag, replies, a handoff with a note, a code word, a closing notice, a
blocked number, one left to go idle. Then the purge, with the program's
policy at "delete at once". Then the search: the database file and its WAL
(or a PostgreSQL dump), every log line, the task queue's storage, the cache
and the error pages Havre answered, for the texts, the numbers in every
common form and the code word: no hit. A value stored in clear on purpose
is found, which shows the search sees what is there. And the ciphertexts the
purge deleted are gone from the file and the WAL, byte for byte.
"""

from __future__ import annotations

import logging
import pickle
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from havre.accounts.models import Role
from havre.conversations import actions
from havre.conversations.actions import team
from havre.conversations.models import Conversation, Direction, Message, Note, Status
from havre.gateways import deletion
from havre.gateways.registry import webhook_urls
from havre.protocols.actions import close_with_notice
from havre.retention import sweep
from havre.retention.policy import Change, set_policy
from havre.safety import actions as safety
from havre.safety.blocks import is_blocked
from havre.tasks_backend import get_huey
from havre.vault import formats, sealing
from tests.conftest import ProgramKeys, staff_member
from tests.gateways.scan import found_in_database
from tests.gateways.test_leaks import _stored_bytes, number_forms

pytestmark = pytest.mark.django_db(transaction=True)

FIRST, SECOND, BLOCKED, IDLE = "+33611223344", "+33655667788", "+33699887766", "+33644332211"
CODE_WORD = "tournesol-bleu"
NOTE = "rappeler avant 18h, pas le week-end"
CONTROL = "Control-Value-9f41c"
# Each conversation's sealed number as it was stored, before closing erased it.
NUMBERS_SEALED: list[bytes] = []
WORDS = [
    "je veux mourir ce soir",
    "il a pris mon téléphone hier",
    "mon adresse est 12 rue des Lilas",
    "he broke the door again",
    "the kids are at my sister's",
    "please do not call, text only",
]


def seal(keys: ProgramKeys, text: str, info: bytes) -> bytes:
    return formats.seal(bytes(keys.epoch.public_key), text.encode(), info)


def text_in(twilio, channel, sender: str, body: str, answers: list[str]) -> Conversation:
    answer = twilio.inbound(
        webhook_urls(channel)["sms"], sender=sender, to=channel.address, body=body
    )
    assert answer.status_code == 200, answer.text
    answers.append(answer.text)
    message = Message.objects.filter(direction=Direction.INBOUND).latest("created_at")
    conversation = Conversation.objects.get(pk=message.conversation_id)
    NUMBERS_SEALED.append(bytes(conversation.number_sealed))
    return conversation


def reply(keys, conversation, member, number: str, body: str, capture) -> None:
    message_id = uuid.uuid4()
    info = formats.message_info(keys.program.pk, conversation.pk, message_id, "out")
    with capture(execute=True):
        actions.queue_reply(
            conversation,
            author=member,
            message_id=message_id,
            body=body,
            body_sealed=seal(keys, body, info),
            number=number,
            epoch=keys.epoch.number,
        )


def hold(conversation: Conversation, member) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=member, queued_at=None)
    conversation.refresh_from_db()


def sealed_rows() -> list[bytes]:
    """Every ciphertext of the texters' words, numbers, notes and code words now stored."""
    found = [bytes(m.body_sealed) for m in Message.objects.all() if bytes(m.body_sealed)]
    found += [bytes(n.body_sealed) for n in Note.objects.all()]
    for conversation in Conversation.objects.all():
        found += [bytes(conversation.number_sealed)] if bytes(conversation.number_sealed) else []
        if conversation.code_word_sealed is not None:
            found.append(bytes(conversation.code_word_sealed))
    return found


def in_stored(stored: bytes, value: bytes) -> bool:
    """Whether `value` lies in the SQLite files as is, or in a dump as PostgreSQL's hex."""
    return value in stored or value.hex().encode() in stored


def test_after_a_day_and_a_purge_nothing_private_is_left(
    keys_a, alice, sam, twilio_proof, django_capture_on_commit_callbacks, caplog, channel_a
):
    caplog.set_level(logging.DEBUG)
    twilio = twilio_proof
    capture = django_capture_on_commit_callbacks
    answers: list[str] = []
    staff_member(keys_a, "control@a.example", Role.ADVOCATE).__class__.objects.filter(
        email="control@a.example"
    ).update(display_name=CONTROL)
    for member in (alice, sam):
        member.on_duty = True
        member.save(update_fields=["on_duty"])

    # The first texter: a crisis, replies, a handoff with a note, a code word, a closing notice.
    with capture(execute=True):
        first = text_in(twilio, channel_a, FIRST, WORDS[0], answers)
    first.refresh_from_db()
    assert first.crisis_category is not None
    hold(first, alice)
    reply(keys_a, first, alice, FIRST, WORDS[1], capture)
    with capture(execute=True):
        text_in(twilio, channel_a, FIRST, WORDS[2], answers)
    note_id = uuid.uuid4()
    note = team.SealedNote(
        id=note_id,
        sealed=seal(keys_a, NOTE, sealing.note_info(keys_a.program.pk, first.pk, note_id)),
        epoch=keys_a.epoch.number,
    )
    team.transfer(first, by=alice, to=sam, note=note)
    first.refresh_from_db()
    safety.set_code_word(
        first,
        by=sam,
        sealed=seal(keys_a, CODE_WORD, sealing.code_word_info(keys_a.program.pk, first.pk)),
        epoch=keys_a.epoch.number,
    )
    with capture(execute=True):
        close_with_notice(first, by=sam, number=FIRST)

    # The second: a reply, then closed by its holder.
    with capture(execute=True):
        second = text_in(twilio, channel_a, SECOND, WORDS[3], answers)
    hold(second, alice)
    reply(keys_a, second, alice, SECOND, WORDS[4], capture)
    actions.close_conversation(second, by=alice)

    # The third is blocked (which closes it).
    with capture(execute=True):
        blocked = text_in(twilio, channel_a, BLOCKED, WORDS[5], answers)
    hold(blocked, alice)
    block_id = uuid.uuid4()
    safety.block_texter(
        blocked,
        by=alice,
        number=BLOCKED,
        block_id=block_id,
        label_sealed=seal(keys_a, "label", sealing.block_label_info(keys_a.program.pk, block_id)),
        epoch=keys_a.epoch.number,
    )

    # The fourth writes and is never answered: it goes idle.
    with capture(execute=True):
        idle = text_in(twilio, channel_a, IDLE, "hello?", answers)

    # Twilio reports delivery; the provider's copies go.
    for call in twilio.sent:
        assert call.sid is not None
        twilio.post_status(call.sid, "delivered")
    Message.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert deletion.sweep() >= 8
    assert twilio.records == set()
    # A week goes by for the one nobody answered.
    Conversation.objects.filter(pk=idle.pk).update(
        last_activity_at=timezone.now() - timedelta(days=8)
    )

    # Error pages: a forged webhook carrying her words, a malformed one, an unknown path.
    forged = Client().post(
        webhook_urls(channel_a)["sms"],
        {"From": FIRST, "Body": WORDS[0], "To": channel_a.address},
        headers={"x-twilio-signature": "forged"},
    )
    assert forged.status_code in (400, 403)
    unknown = Client().get(f"/hooks/twilio/{uuid.uuid4()}/sms?From={IDLE}")
    assert unknown.status_code in (404, 405)
    answers += [forged.content.decode(), unknown.content.decode()]

    # The purge, at the program's "delete at once".
    deleted = sealed_rows()
    assert len(deleted) >= 10
    deleted += [sealed for sealed in NUMBERS_SEALED if sealed]
    set_policy(keys_a.program, Change(delete_after=timedelta(0)), by=None)
    [outcome] = sweep.purge(program=keys_a.program)
    assert outcome.counts["closed_idle"] == 1
    assert outcome.counts["conversations_erased"] == 4
    assert not Message.objects.exists()
    assert not Note.objects.exists()
    assert not Conversation.objects.filter(status=Status.OPEN).exists()
    assert all(bytes(c.number_sealed) == b"" for c in Conversation.objects.all())
    # The block holds: only its keyed hash is kept, never the number.
    assert is_blocked(keys_a.program.pk, BLOCKED)

    needles = [*WORDS, NOTE, CODE_WORD, "hello?"]
    for number in (FIRST, SECOND, BLOCKED, IDLE):
        needles += number_forms(number)
    stored = _stored_bytes()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    queued = _queue_storage()
    cached = _cache_storage()

    # The search finds what is stored in clear on purpose.
    assert CONTROL.encode() in stored
    assert found_in_database([CONTROL]) != []
    assert found_in_database(needles) == []
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le"):
            assert needle.encode(encoding) not in stored, f"{needle!r} in the database's files"
        assert needle not in logged, f"{needle!r} in the logs"
        assert needle.encode() not in queued, f"{needle!r} in the task queue"
        assert needle.encode() not in cached, f"{needle!r} in the cache"
        for answer in answers:
            assert needle not in answer, f"{needle!r} in an answer Havre gave"
    # The ciphertexts the purge deleted are gone from the file and the WAL.
    for ciphertext in deleted:
        assert not in_stored(stored, ciphertext), "a deleted ciphertext is still in the files"
    if connection.vendor == "sqlite":
        wal = _stored_path().with_name(_stored_path().name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0


def _stored_path():
    from pathlib import Path

    return Path(str(connection.settings_dict["NAME"]))


def _queue_storage() -> bytes:
    """What the task queue holds: in tests, huey runs tasks at once and stores nothing."""
    huey = get_huey()
    items = [*huey.storage.enqueued_items(), *huey.storage.scheduled_items()]
    return b"".join(item if isinstance(item, bytes) else pickle.dumps(item) for item in items)


def _cache_storage() -> bytes:
    """Every value in the cache, as stored (process memory in embedded mode)."""
    store = getattr(cache, "_cache", None)
    if store is None:
        return b""
    return b"".join(
        value if isinstance(value, bytes) else pickle.dumps(value) for value in store.values()
    )


@pytest.fixture
def twilio_proof(fake_twilio):
    return fake_twilio
