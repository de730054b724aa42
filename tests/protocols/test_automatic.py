"""Automatic replies through the real pipeline: Twilio's signed webhook in, the fake's API out.

Every reply answers the text just received; each is said once (per
conversation, per closed period, per emergency); STOP silences everything.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from havre.audit.models import Entry
from havre.conversations import actions as conversation_actions
from havre.conversations import relay
from havre.conversations.actions import outbound
from havre.conversations.models import Conversation, Delivery, HeldText, Message, Status
from havre.gateways import sender
from havre.gateways.registry import webhook_urls
from havre.protocols import actions, automatic
from havre.protocols.defaults import OUT_OF_HOURS, WELCOME
from havre.vault.formats import b64e
from tests.conftest import SEALED_REPLY
from tests.protocols.conftest import TEXTER, Texter, office_hours

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = datetime(2025, 1, 6, 10, 0, tzinfo=PARIS)
SATURDAY_NOON = datetime(2025, 1, 11, 12, 0, tzinfo=PARIS)
WELCOME_EN = [
    "You have reached Refuge A. Thank you for writing. First, is it safe for you to text "
    "right now? If not, stop here and write again when it is.",
    "About privacy: text messages are not end-to-end encrypted, so phone companies can see "
    "them on the way. Delete this thread after we talk. We keep messages encrypted and "
    "delete them regularly.",
    "What you tell us stays confidential, with limits: if a child or someone else is in "
    "serious danger, the law may require us to report it. We will tell you first.",
    "You can stop at any time: reply STOP and we will not send you anything more.",
]


# -- the welcome sequence ------------------------------------------------------------------


def test_a_new_conversation_gets_the_welcome_sequence_once(texter: Texter):
    texter.text("Hello, can I write here?")
    assert texter.received == WELCOME_EN
    assert texter.notices() == list(WELCOME)

    texter.text("I need to talk to someone")
    texter.text("Are you there?")
    assert texter.received == WELCOME_EN


def test_the_welcome_goes_out_in_the_programs_language(texter: Texter, program_a):
    program_a.language = "fr"
    program_a.save()
    texter.text("Bonjour")
    assert texter.received == [
        "Vous êtes bien sur Refuge A. Merci d'avoir écrit. D'abord : pouvez-vous écrire en "
        "sécurité en ce moment ? Sinon, arrêtez-vous ici et écrivez-nous quand vous le pourrez.",
        "Confidentialité : les SMS ne sont pas chiffrés de bout en bout, les opérateurs "
        "peuvent donc les voir passer. Effacez cette conversation après notre échange. Nous "
        "gardons les messages chiffrés et les supprimons régulièrement.",
        "Ce que vous nous dites reste confidentiel, avec des limites : si un enfant ou une "
        "autre personne est en grave danger, la loi peut nous obliger à le signaler. Nous vous "
        "le dirons d'abord.",
        "Vous pouvez arrêter à tout moment : répondez ARRET et nous ne vous enverrons plus rien.",
    ]


def test_the_programs_own_wording_is_sent_with_its_placeholders_filled(texter: Texter, sam):
    actions.set_notice_texts(sam, "welcome_safety", {"en": "{program} here. Safe to text?"})
    with pytest.raises(actions.ProtocolError) as refused:
        actions.set_notice_texts(sam, "welcome_stop", {"en": "Reply {keyword} to stop"})
    assert refused.value.code == "unknown_placeholder"
    texter.text("hi")
    assert texter.received[0] == "Refuge A here. Safe to text?"
    assert texter.received[1:] == WELCOME_EN[1:]


# -- STOP ----------------------------------------------------------------------------


def test_stop_ends_the_conversation_and_nothing_more_is_sent(texter: Texter, alice, events):
    texter.text("hello")
    conversation = texter.conversation()
    texter.text("Arrêt.")

    assert texter.received == WELCOME_EN
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    assert conversation.stopped_at is not None
    assert conversation.route is None
    assert events[-1] == {
        "type": "conversation",
        "conversation": str(conversation.pk),
        "seq": conversation.seq,
    }
    assert Entry.objects.filter(action="conversation.stopped", target=str(conversation.pk))
    # Neither a reply nor a notice can go to it any more.
    with pytest.raises(conversation_actions.ConversationClosed):
        conversation_actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="Are you still there?",
            body_sealed=SEALED_REPLY,
            number=TEXTER,
            epoch=1,
        )
    with pytest.raises(conversation_actions.ConversationClosed):
        actions.send_notice(conversation, "closing", by=alice, number=TEXTER)
    client = Client()
    client.force_login(alice)
    response = client.post(
        reverse("console:api-reply", args=[conversation.pk]),
        {
            "message_id": str(uuid.uuid4()),
            "body": "Hello?",
            "body_sealed": b64e(SEALED_REPLY),
            "number": TEXTER,
            "epoch": 1,
        },
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (409, {"error": "conversation_closed"})
    assert texter.received == WELCOME_EN


def test_texts_still_waiting_when_she_stops_are_cancelled_visibly_and_never_sent(
    texter: Texter, alice, caplog
):
    # Her first text is stored; its welcome and an advocate's reply wait for
    # the sender (whose announcement has not run yet: a busy queue, say).
    response = texter.twilio.inbound(
        webhook_urls(texter.channel)["sms"], sender=TEXTER, to=texter.channel.address, body="hi"
    )
    assert response.status_code == 200
    conversation = texter.conversation()
    reply = conversation_actions.queue_reply(
        conversation,
        author=alice,
        message_id=uuid.uuid4(),
        body="I am here, take your time.",
        body_sealed=SEALED_REPLY,
        number=TEXTER,
        epoch=1,
    )
    waiting = list(
        Message.objects.filter(conversation=conversation, status=Delivery.QUEUED)
        .order_by("seq")
        .values_list("pk", flat=True)
    )
    assert len(waiting) == len(WELCOME) + 1
    assert reply.pk in waiting

    with caplog.at_level(logging.INFO):
        texter.text("STOP")
        # The sender comes round to them after her STOP, and the sweep too.
        for message_id in waiting:
            sender.deliver(message_id)
        outbound.sweep_held_texts()

    assert texter.received == []
    for message in Message.objects.filter(pk__in=waiting):
        assert (message.status, message.error_code) == (Delivery.FAILED, "texter-stopped")
        assert f"send cancelled, the texter stopped: message={message.pk}" in caplog.text
    assert not HeldText.objects.filter(message__conversation=conversation).exists()
    # The console shows each as not sent because she stopped.
    client = Client()
    client.force_login(alice)
    shown = client.get(reverse("console:api-conversation", args=[conversation.pk])).json()
    states = {m["id"]: (m["status"], m["error_code"]) for m in shown["messages"]}
    assert {states[str(pk)] for pk in waiting} == {("failed", "texter-stopped")}
    with pytest.raises(conversation_actions.ConversationClosed):
        conversation_actions.retry_send(conversation, reply.pk, by=alice)


def test_a_text_on_its_way_when_she_stops_is_not_offered_again(texter: Texter):
    response = texter.twilio.inbound(
        webhook_urls(texter.channel)["sms"], sender=TEXTER, to=texter.channel.address, body="hi"
    )
    assert response.status_code == 200
    first = Message.objects.filter(status=Delivery.QUEUED).order_by("seq").first()
    assert first is not None
    # A sender holds the first notice when she stops; its provider then refuses it for now.
    claimed = outbound.claim_for_sending(first.pk)
    assert claimed is not None
    texter.text("STOP")
    assert outbound.send_refused(claimed[0], code="network", transient=True) is False
    first.refresh_from_db()
    assert (first.status, first.error_code) == (Delivery.FAILED, "texter-stopped")
    assert not relay.holds(first.pk)
    assert texter.received == []


def test_stop_gives_whoever_held_the_conversation_room_again(texter: Texter, alice, events):
    texter.text("hello")
    conversation = texter.conversation()
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice, queued_at=None)
    texter.text("STOP")
    assert {"type": "team", "what": "assignment", "conversation": str(conversation.pk)} in events


def test_stop_as_the_first_text_gets_no_reply_at_all(texter: Texter):
    texter.text("STOP")
    assert texter.received == []
    assert texter.notices() == []
    assert texter.conversation().stopped_at is not None


def test_writing_again_after_stop_starts_afresh(texter: Texter):
    texter.text("hello")
    first = texter.conversation()
    texter.text("stop")
    texter.text("It's me again, is it safe now?")
    assert texter.conversation().pk != first.pk
    assert texter.received == WELCOME_EN + WELCOME_EN


# -- out of hours --------------------------------------------------------------------------


def test_out_of_hours_says_when_and_whom_to_call_once_per_closed_period(
    texter: Texter, sam, set_clock
):
    office_hours(sam)
    actions.set_emergency_numbers(
        sam,
        [
            {"number": "112", "label": {"en": "emergency services", "fr": "urgences"}},
            {"number": "17", "label": {"en": "police", "fr": "police"}},
            {"number": "114", "label": {"en": "by text"}},
        ],
    )
    set_clock(SATURDAY_NOON)
    texter.text("Is anyone there?")
    closed = (
        "We are closed right now. An advocate will answer you on Monday at 9:00 AM. In an "
        "emergency, call 112 (emergency services), 17 (police) or 114 (by text)."
    )
    assert texter.received == [closed, *WELCOME_EN]
    # The conversation waits in the queue for the morning.
    conversation = texter.conversation()
    assert (conversation.status, conversation.queued_at is not None) == (Status.OPEN, True)

    set_clock(datetime(2025, 1, 12, 22, 0, tzinfo=PARIS))  # still the same weekend
    texter.text("hello?")
    assert texter.received == [closed, *WELCOME_EN]

    set_clock(datetime(2025, 1, 13, 18, 0, tzinfo=PARIS))  # Monday evening: closed again
    texter.text("nobody answered today")
    assert texter.received[-1] == (
        "We are closed right now. An advocate will answer you tomorrow at 9:00 AM. In an "
        "emergency, call 112 (emergency services), 17 (police) or 114 (by text)."
    )
    assert len(texter.received) == 6

    set_clock(datetime(2025, 1, 14, 10, 0, tzinfo=PARIS))  # open
    texter.text("good morning")
    assert len(texter.received) == 6


def test_replies_planned_before_another_text_was_answered_are_refused_not_sent_twice(
    texter: Texter, sam, set_clock
):
    # The pipeline plans an arrival's replies before its transaction, without
    # the conversation's lock; a text of hers answered meanwhile makes the plan
    # stale, and storing it is refused (the pipeline then plans again).
    office_hours(sam)
    set_clock(SATURDAY_NOON)
    texter.text("Is anyone there?")
    conversation = texter.conversation()
    set_clock(datetime(2025, 1, 13, 18, 0, tzinfo=PARIS))  # Monday evening: closed again
    plan = automatic.plan_replies(
        conversation.program,
        conversation.pk,
        new_conversation=False,
        stop_requested=False,
        media_count=0,
    )
    assert plan.notices == [OUT_OF_HOURS]

    texter.text("nobody answered today")  # told the new closed period's notice
    told = len(texter.received)
    arrival = automatic.Arrival(
        conversation=conversation,
        message=Message.objects.filter(conversation=conversation).latest("seq"),
        new_conversation=False,
        stop_requested=False,
    )
    with pytest.raises(automatic.ToldChanged), transaction.atomic():
        automatic.record_planned(arrival, plan, plan.notices)

    texter.text("still there?")  # planned afresh: nothing more to say this period
    assert len(texter.received) == told


def test_out_of_hours_in_french_with_no_numbers_set(texter: Texter, sam, program_a, set_clock):
    program_a.language = "fr"
    program_a.save()
    office_hours(sam)
    set_clock(datetime(2025, 1, 6, 20, 30, tzinfo=PARIS))
    texter.text("Bonsoir")
    assert texter.received[0] == (
        "Nous sommes fermés en ce moment. Une personne de l'équipe vous répondra demain à "
        "9h00. En cas d'urgence, appelez le numéro d'urgence local."
    )


def test_a_holiday_is_closed_all_day(texter: Texter, sam, set_clock):
    office_hours(sam, holidays=[{"date": "2025-01-06", "label": "Closed for training"}])
    set_clock(MONDAY_10)
    texter.text("hello")
    assert texter.received[0].startswith(
        "We are closed right now. An advocate will answer you tomorrow at 9:00 AM."
    )


def test_no_out_of_hours_notice_cuts_across_an_advocate_who_is_answering(
    texter: Texter, sam, alice, set_clock
):
    office_hours(sam)
    set_clock(datetime(2025, 1, 6, 16, 50, tzinfo=PARIS))
    texter.text("hello")
    conversation_actions.queue_reply(
        texter.conversation(),
        author=alice,
        message_id=uuid.uuid4(),
        body="I'm here, tell me.",
        body_sealed=SEALED_REPLY,
        number=TEXTER,
        epoch=1,
    )
    set_clock(datetime(2025, 1, 6, 17, 5, tzinfo=PARIS))
    texter.text("thank you, so...")
    assert "out_of_hours" not in texter.notices()


# -- emergency mode ----------------------------------------------------------------------


UNAVAILABLE = (
    "We cannot answer messages at the moment, and we are sorry. If you are in danger, call "
    "911 or 988. Please write to us again later."
)


def test_emergency_mode_answers_once_per_conversation_instead_of_the_welcome(
    texter: Texter, sam, channel_a
):
    actions.set_emergency_numbers(sam, [{"number": "911"}, {"number": "988"}])
    actions.switch_emergency_on(sam, "Power cut at the office")
    texter.text("help")
    texter.text("please")
    assert texter.received == [UNAVAILABLE]
    assert texter.notices() == ["emergency"]

    other = Texter(texter.twilio, channel_a, texter.capture, number="+33622334455")
    other.text("hello")
    assert other.received == [UNAVAILABLE]

    # Once it is over, the first text gets the welcome it missed.
    actions.switch_emergency_off(sam)
    texter.text("are you back?")
    assert texter.received == [UNAVAILABLE, *WELCOME_EN]

    # A new emergency tells everyone again, once.
    actions.switch_emergency_on(sam, "Flood")
    texter.text("hello?")
    texter.text("hello??")
    assert texter.received == [UNAVAILABLE, *WELCOME_EN, UNAVAILABLE]


def test_emergency_mode_is_switched_by_supervisors_with_a_reason_audited_and_announced(
    sam, ada, alice, events, django_capture_on_commit_callbacks
):
    with pytest.raises(actions.ProtocolError) as refused:
        actions.switch_emergency_on(alice, "I think so")
    assert refused.value.code == "forbidden"
    with pytest.raises(actions.ProtocolError) as refused:
        actions.switch_emergency_on(sam, "   ")
    assert refused.value.code == "reason_required"

    with django_capture_on_commit_callbacks(execute=True):
        mode = actions.switch_emergency_on(sam, "Storm: the office is closed")
    with pytest.raises(actions.ProtocolError) as refused:
        actions.switch_emergency_on(ada, "again")
    assert refused.value.code == "already_on"
    with django_capture_on_commit_callbacks(execute=True):
        actions.switch_emergency_off(ada)
    with pytest.raises(actions.ProtocolError) as refused:
        actions.switch_emergency_off(ada)
    assert refused.value.code == "already_off"

    mode.refresh_from_db()
    assert (mode.reason, mode.started_by, mode.ended_by) == (
        "Storm: the office is closed",
        sam,
        ada,
    )
    audit = list(Entry.objects.order_by("at").values_list("action", "actor", "target"))
    assert audit == [
        ("emergency.on", sam.pk, str(mode.pk)),
        ("emergency.off", ada.pk, str(mode.pk)),
    ]
    emergency_events = [e for e in events if e["type"] == "emergency"]
    assert emergency_events == [
        {"type": "emergency", "on": True},
        {"type": "emergency", "on": False},
    ]


# -- photos ----------------------------------------------------------------------------


def test_a_photo_gets_a_kind_explanation_once(texter: Texter):
    texter.text("", media=2)
    explanation = (
        "Thank you for sending this. We cannot open or keep photos or files here, so we "
        "cannot hold them as evidence. If it is safe, keep your own copy somewhere only you "
        "can reach, and tell us in words what you need."
    )
    assert texter.received == [*WELCOME_EN, explanation]
    texter.text("another one", media=1)
    texter.text("no photo")
    assert texter.received == [*WELCOME_EN, explanation]
    assert texter.twilio.media_requests == []


# -- what is stored --------------------------------------------------------------------


def test_the_database_holds_notice_keys_never_their_texts(texter: Texter, sam, set_clock):
    office_hours(sam)
    set_clock(SATURDAY_NOON)
    texter.text("hello", media=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT notice, body_sealed FROM conversations_message WHERE direction = 'out'"
        )
        rows = [(notice, bytes(body)) for notice, body in cursor.fetchall()]
    assert sorted(notice for notice, _ in rows) == sorted(["out_of_hours", *WELCOME, "media"])
    assert all(body == b"" for _, body in rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM conversations_message")
        dump = repr(cursor.fetchall())
    for fragment in ("You have reached", "end-to-end", "Monday at 9", "evidence", "STOP"):
        assert fragment not in dump
    # The texts did reach the texter.
    assert len(texter.received) == 6
    assert Message.objects.filter(notice__startswith="welcome").count() == 4
