"""The console's API for notices, hours, quick replies and emergency mode.

Every member reads; supervisors and administrators change; nobody reaches
another program's anything (Charlie, of program B, least of all).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from havre.audit.models import Entry
from havre.conversations.models import Conversation, Message, Status
from havre.protocols import emergency
from havre.protocols.models import NoticeText
from tests.conftest import signed_in
from tests.protocols.conftest import TEXTER, Texter

pytestmark = pytest.mark.django_db


def get(client: Client, name: str, *args: object) -> Any:
    return client.get(reverse(f"protocols:{name}", args=args))


def post(client: Client, name: str, *args: object, data: Any = None) -> Any:
    return client.post(
        reverse(f"protocols:{name}", args=args),
        json.dumps(data if data is not None else {}),
        content_type="application/json",
    )


OFFICE = [{"day": day, "start": "09:00", "end": "17:00"} for day in range(5)]


# -- reading --------------------------------------------------------------------------


def test_every_member_reads_the_summary_only_supervisors_the_settings(alice, sam, ada):
    summary = get(signed_in(alice), "api-summary").json()
    assert summary["emergency"] == {"on": False}
    assert summary["program_language"] == "en"
    assert [n["key"] for n in summary["notices"]] == [
        "welcome_safety",
        "welcome_privacy",
        "welcome_confidentiality",
        "welcome_stop",
        "closing",
        "out_of_hours",
        "emergency",
        "media",
    ]
    closing = next(n for n in summary["notices"] if n["key"] == "closing")
    assert "iCloud" in closing["texts"]["en"]
    assert "iCloud" in closing["texts"]["fr"]
    assert closing["edited"] == {"en": False, "fr": False}
    categories = {reply["category"] for reply in summary["quick_replies"]}
    assert categories == {"safety", "understanding", "rights", "hours"}
    assert any(
        r["texts"]["en"] == "Did I understand you correctly that…?"
        and r["texts"]["fr"] == "Est-ce que j'ai bien compris que… ?"
        for r in summary["quick_replies"]
    )

    assert get(signed_in(alice), "api-settings").status_code == 403
    for member in (sam, ada):
        settings = get(signed_in(member), "api-settings").json()
        assert settings["time_zone"] == "UTC"
        assert settings["schedule"] == []
        assert "Europe/Paris" in settings["time_zones"]


def test_signed_out_requests_get_401(thread: Texter):
    client = Client()
    conversation = thread.conversation().pk
    for response in (
        get(client, "api-summary"),
        get(client, "api-settings"),
        post(client, "api-notice-texts", "closing", data={"texts": {"en": "x"}}),
        post(client, "api-hours", data={"time_zone": "UTC", "schedule": []}),
        post(client, "api-numbers", data={"numbers": []}),
        post(client, "api-quick-replies", data={"reset": True}),
        post(client, "api-emergency", data={"on": True, "reason": "x"}),
        post(client, "api-send-notice", conversation, data={"notice": "closing", "number": TEXTER}),
        post(client, "api-close", conversation, data={"number": TEXTER}),
    ):
        assert (response.status_code, response.json()) == (401, {"error": "signed_out"})


# -- editing --------------------------------------------------------------------------


def test_supervisors_edit_notices_in_both_languages_and_can_go_back_to_the_default(sam, alice):
    client = signed_in(sam)
    texts = {"en": "Closed. Delete this thread.", "fr": "Terminé. Effacez cette conversation."}
    response = post(client, "api-notice-texts", "closing", data={"texts": texts})
    assert response.status_code == 200
    closing = next(n for n in response.json()["notices"] if n["key"] == "closing")
    assert closing["texts"] == texts
    assert closing["edited"] == {"en": True, "fr": True}
    assert Entry.objects.filter(action="protocols.notice_edited", target="closing").exists()

    response = post(client, "api-notice-texts", "closing", data={"texts": {"fr": ""}})
    closing = next(n for n in response.json()["notices"] if n["key"] == "closing")
    assert closing["texts"]["en"] == texts["en"]
    assert closing["texts"]["fr"] == closing["defaults"]["fr"]
    assert NoticeText.objects.filter(language="fr").count() == 0

    refused = post(signed_in(alice), "api-notice-texts", "closing", data={"texts": texts})
    assert (refused.status_code, refused.json()) == (403, {"error": "forbidden"})
    for notice, data, code in (
        ("nope", {"texts": {"en": "x"}}, "unknown_notice"),
        ("closing", {"texts": {"de": "x"}}, "invalid_language"),
        ("closing", {"texts": {"en": "x" * 1001}}, "invalid_text"),
        ("closing", {"texts": {"en": "Call {number}"}}, "unknown_placeholder"),
        ("closing", {"texts": "x"}, "invalid_json"),
    ):
        response = post(client, "api-notice-texts", notice, data=data)
        assert response.json() == {"error": code}


def test_supervisors_set_hours_holidays_and_emergency_numbers(sam, alice):
    client = signed_in(sam)
    response = post(
        client,
        "api-hours",
        data={
            "time_zone": "Europe/Paris",
            "schedule": [*OFFICE, {"day": 0, "start": "08:00", "end": "08:30"}],
            "holidays": [{"date": "2025-12-25", "label": "Noël"}],
        },
    )
    assert response.status_code == 200
    settings = response.json()
    assert settings["time_zone"] == "Europe/Paris"
    assert settings["schedule"][0] == {"day": 0, "start": "08:00", "end": "08:30"}
    assert settings["holidays"] == [{"date": "2025-12-25", "label": "Noël"}]

    numbers = [{"number": "112", "label": {"en": "emergency", "fr": "urgences"}}]
    response = post(client, "api-numbers", data={"numbers": numbers})
    assert response.json()["emergency_numbers"] == numbers

    for name, data, code in (
        ("api-hours", {"time_zone": "Paris", "schedule": OFFICE}, "invalid_time_zone"),
        ("api-hours", {"time_zone": "UTC", "schedule": [{"day": 0}]}, "invalid_time"),
        (
            "api-hours",
            {"time_zone": "UTC", "schedule": [], "holidays": [{"date": "25/12"}]},
            "invalid_date",
        ),
        ("api-numbers", {"numbers": [{"number": "call the police"}]}, "invalid_number"),
    ):
        response = post(client, name, data=data)
        assert (response.status_code, response.json()) == (400, {"error": code})
    assert post(signed_in(alice), "api-hours", data={"time_zone": "UTC"}).status_code == 403
    assert post(signed_in(alice), "api-numbers", data={"numbers": []}).status_code == 403


def test_quick_replies_are_edited_as_a_whole_and_can_be_reset(sam, alice):
    client = signed_in(sam)
    mine = [
        {"category": "safety", "texts": {"en": "Delete this thread.", "fr": "Effacez ce fil."}},
        {"category": "hours", "texts": {"en": "We open at 9.", "fr": ""}},
    ]
    response = post(client, "api-quick-replies", data={"replies": mine})
    assert response.json()["quick_replies"] == mine
    assert get(signed_in(alice), "api-summary").json()["quick_replies"] == mine

    for replies, code in (
        ([{"category": "gossip", "texts": {"en": "x"}}], "invalid_quick_replies"),
        ([{"category": "safety", "texts": {"en": " ", "fr": ""}}], "empty_quick_reply"),
    ):
        response = post(client, "api-quick-replies", data={"replies": replies})
        assert response.json() == {"error": code}
    assert post(signed_in(alice), "api-quick-replies", data={"replies": []}).status_code == 403

    response = post(client, "api-quick-replies", data={"reset": True})
    assert len(response.json()["quick_replies"]) > 2
    assert response.json()["quick_replies_edited"] is False


def test_emergency_mode_on_and_off_through_the_api(sam, alice):
    refused = post(signed_in(alice), "api-emergency", data={"on": True, "reason": "x"})
    assert refused.status_code == 403
    client = signed_in(sam)
    assert post(client, "api-emergency", data={"on": True}).json() == {"error": "reason_required"}
    summary = post(client, "api-emergency", data={"on": True, "reason": "Fire drill"}).json()
    assert summary["emergency"]["on"] is True
    assert summary["emergency"]["reason"] == "Fire drill"
    assert summary["emergency"]["by"] == "sam"
    # Every member sees it, reason included (it is about the helpline, not a texter).
    assert get(signed_in(alice), "api-summary").json()["emergency"]["reason"] == "Fire drill"
    assert post(client, "api-emergency", data={"on": True, "reason": "x"}).status_code == 409
    assert post(client, "api-emergency", data={"on": False}).json()["emergency"] == {"on": False}
    assert post(client, "api-emergency", data={"on": "yes"}).status_code == 400


# -- in a conversation ---------------------------------------------------------------------


@pytest.fixture
def thread(texter: Texter) -> Texter:
    texter.text("hello")
    return texter


def test_an_advocate_resends_a_notice_in_one_click(thread: Texter, alice):
    client = signed_in(alice)
    conversation = thread.conversation().pk
    with thread.capture(execute=True):
        response = post(
            client,
            "api-send-notice",
            conversation,
            data={"notice": "welcome_privacy", "number": TEXTER},
        )
    assert response.status_code == 201
    row = response.json()
    assert (row["notice"], row["body_sealed"], row["author"]["name"]) == (
        "welcome_privacy",
        "",
        "alice",
    )
    assert thread.received[-1] == thread.received[1]  # the privacy notice, again
    assert len(thread.received) == 5

    for data, status, code in (
        ({"notice": "welcome_privacy", "number": "+33699999999"}, 400, "route_mismatch"),
        ({"notice": "bogus", "number": TEXTER}, 400, "invalid_notice"),
        ({"notice": "closing"}, 400, "invalid_notice"),
    ):
        response = post(client, "api-send-notice", conversation, data=data)
        assert (response.status_code, response.json()) == (status, {"error": code})
    assert len(thread.received) == 5


def test_only_those_who_may_answer_send_a_notice(thread: Texter, alice, sam):
    conversation = thread.conversation()
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=sam)
    response = post(
        signed_in(alice),
        "api-send-notice",
        conversation.pk,
        data={"notice": "welcome_privacy", "number": TEXTER},
    )
    assert (response.status_code, response.json()) == (409, {"error": "not_participant"})
    assert not Message.objects.filter(author=alice).exists()


def test_closing_sends_the_closing_notice_then_closes(thread: Texter, alice):
    client = signed_in(alice)
    conversation = thread.conversation()
    # Her conversation: its holder closes it.
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice)
    with thread.capture(execute=True):
        response = post(client, "api-close", conversation.pk, data={"number": TEXTER})
    assert response.json() == {"id": str(conversation.pk), "status": "closed"}
    conversation.refresh_from_db()
    assert (conversation.status, conversation.route, conversation.closed_by) == (
        Status.CLOSED,
        None,
        alice,
    )
    assert thread.notices()[-1] == "closing"
    assert "iCloud" in thread.received[-1]
    again = post(client, "api-close", conversation.pk, data={"number": TEXTER})
    assert (again.status_code, again.json()) == (409, {"error": "conversation_closed"})


def test_a_wrong_number_neither_closes_nor_sends(thread: Texter, alice):
    conversation = thread.conversation()
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice)
    response = post(signed_in(alice), "api-close", conversation.pk, data={"number": "+15145550000"})
    assert (response.status_code, response.json()) == (400, {"error": "route_mismatch"})
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN
    assert not Message.objects.filter(notice="closing").exists()
    assert post(signed_in(alice), "api-close", conversation.pk).json() == {
        "error": "invalid_number"
    }


# -- program B ------------------------------------------------------------------------------


def test_charlie_of_program_b_reaches_nothing_of_program_a(thread: Texter, charlie, sam):
    client = signed_in(charlie)
    conversation = thread.conversation()
    for name, data in (
        ("api-send-notice", {"notice": "closing", "number": TEXTER}),
        ("api-close", {"number": TEXTER}),
    ):
        response = post(client, name, conversation.pk, data=data)
        assert (response.status_code, response.json()) == (404, {"error": "not_found"})
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN
    assert len(thread.received) == 4

    # Charlie, an administrator, changes his own program's protocols, never A's.
    assert post(client, "api-emergency", data={"on": True, "reason": "B only"}).status_code == 200
    post(client, "api-notice-texts", "closing", data={"texts": {"en": "B's closing"}})
    post(client, "api-hours", data={"time_zone": "Asia/Tokyo", "schedule": OFFICE})
    post(client, "api-numbers", data={"numbers": [{"number": "110"}]})
    post(
        client, "api-quick-replies", data={"replies": [{"category": "hours", "texts": {"en": "B"}}]}
    )

    a_settings = get(signed_in(sam), "api-settings").json()
    assert a_settings["emergency"] == {"on": False}
    assert a_settings["time_zone"] == "UTC"
    assert a_settings["emergency_numbers"] == []
    assert a_settings["quick_replies_edited"] is False
    assert all(not n["edited"]["en"] for n in a_settings["notices"])
    assert emergency.current(thread.channel.program_id) is None
    b_summary = get(client, "api-summary").json()
    assert b_summary["emergency"]["reason"] == "B only"
    # A's texters still get A's replies.
    thread.text("still there?")
    assert len(thread.received) == 4


def test_the_console_names_every_notice_in_both_languages():
    from havre.console.catalog import catalog
    from havre.protocols.defaults import NOTICES

    english, french = catalog("en"), catalog("fr")
    for key in NOTICES:
        name = f"protocols.notice.name.{key}"
        assert english[name]
        assert french[name] != english[name]
    assert french["protocols.notice.name.closing"] == "Message de fin"


def test_notice_previews_fill_the_placeholders_with_the_programs_values(alice, program_a):
    summary = get(signed_in(alice), "api-summary").json()
    out_of_hours = next(n for n in summary["notices"] if n["key"] == "out_of_hours")
    for language in ("en", "fr"):
        assert "{next_opening}" in out_of_hours["texts"][language]
        preview = out_of_hours["previews"][language]
        assert "{" not in preview, preview
    welcome = next(n for n in summary["notices"] if "{program}" in n["texts"]["en"])
    assert program_a.name in welcome["previews"]["en"]
