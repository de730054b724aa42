"""The optional wrap-up at closing: codes the program offers, stored as codes, counted."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations.actions.lifecycle import close_conversation
from havre.conversations.models import Channel, Conversation
from havre.reports.figures import Period, report, zone_of
from havre.reports.models import ReportSettings, WrapUp
from tests.conftest import ProgramKeys, signed_in
from tests.console.conftest import Thread, start_thread

BASE = "/console/api/reports/"


def post(client: Client, path: str, data: object) -> Any:
    return client.post(f"{BASE}{path}", json.dumps(data), content_type="application/json")


def wrap(client: Client, conversation: Conversation, codes: object) -> Any:
    return post(client, f"conversations/{conversation.pk}/wrapup", {"codes": codes})


def this_week(program: Program) -> Period:
    today = timezone.now().astimezone(zone_of(program)).date()
    return Period(today - timedelta(days=6), today, zone_of(program))


def test_the_close_dialog_offers_the_built_in_options_in_both_languages(
    alice: User,
) -> None:
    answer = signed_in(alice).get(f"{BASE}wrapup-options").json()
    keys = [option["key"] for option in answer["options"]]
    assert keys[:2] == ["abuse:physical", "abuse:emotional"]
    assert "referral:shelter" in keys
    physical = answer["options"][0]
    assert physical["label"] == {"en": "Physical", "fr": "Physique"}
    assert answer["can_edit"] is False


def test_codes_are_kept_for_a_closed_conversation_and_counted(
    thread_a: Thread, sam: User, program_a: Program
) -> None:
    conversation = thread_a.conversation
    client = signed_in(sam)
    assert wrap(client, conversation, ["abuse:physical"]).status_code == 409

    close_conversation(conversation, by=sam)
    answer = wrap(client, conversation, ["abuse:physical", "referral:shelter", "abuse:physical"])
    assert answer.status_code == 200
    assert answer.json() == {"codes": ["abuse:physical", "referral:shelter"]}
    # A second wrap-up corrects the first.
    wrap(client, conversation, ["abuse:sexual", "referral:shelter"])
    (kept,) = WrapUp.objects.all()
    assert kept.codes == ["abuse:sexual", "referral:shelter"]
    assert Entry.objects.filter(action="reports.wrapup", target=str(conversation.pk)).count() == 2

    ReportSettings.objects.create(program=program_a, min_count=1)
    counted = report(program_a, this_week(program_a))["wrapup"]
    assert counted["abuse"]["sexual"] == 1
    assert counted["abuse"]["physical"] == 0
    assert counted["referral"]["shelter"] == 1


def test_wrap_ups_outlive_their_conversation(
    thread_a: Thread, sam: User, program_a: Program
) -> None:
    close_conversation(thread_a.conversation, by=sam)
    wrap(signed_in(sam), thread_a.conversation, ["abuse:digital"])
    ReportSettings.objects.create(program=program_a, min_count=1)

    Conversation.objects.filter(pk=thread_a.conversation.pk).delete()

    assert report(program_a, this_week(program_a))["wrapup"]["abuse"]["digital"] == 1


def test_anything_but_an_offered_code_is_refused(thread_a: Thread, sam: User) -> None:
    close_conversation(thread_a.conversation, by=sam)
    client = signed_in(sam)
    for codes in (["abuse:unknown"], ["she told me her name"], "abuse:physical", [3]):
        answer = wrap(client, thread_a.conversation, codes)
        assert answer.status_code == 400
    assert not WrapUp.objects.exists()


def test_only_who_may_close_it_wraps_it_up(
    channel_a: Channel, keys_a: ProgramKeys, sam: User, alice: User, charlie: User
) -> None:
    thread = start_thread(channel_a, keys_a, "hello")
    close_conversation(thread.conversation, by=sam)
    # Alice neither held nor joined it; Charlie is another program's.
    assert wrap(signed_in(alice), thread.conversation, ["abuse:physical"]).status_code == 403
    assert wrap(signed_in(charlie), thread.conversation, ["abuse:physical"]).status_code == 404
    assert not WrapUp.objects.exists()


def test_an_admin_defines_the_programs_own_options(
    thread_a: Thread, ada: User, sam: User, program_a: Program
) -> None:
    close_conversation(thread_a.conversation, by=sam)
    wrap(signed_in(sam), thread_a.conversation, ["abuse:physical"])
    mine = [
        {
            "category": "abuse",
            "code": "coercive",
            "label": {"en": "Coercive control", "fr": "Contrôle coercitif"},
        },
        {"category": "referral", "code": "housing", "label": {"en": "Housing", "fr": "Logement"}},
    ]
    assert post(signed_in(sam), "wrapup-options", {"options": mine}).status_code == 403
    for bad in (
        [],
        [{**mine[0], "code": "Coercive Control"}],
        [{**mine[0], "label": {"en": "Coercive control"}}],
        [mine[0], mine[0]],
    ):
        assert post(signed_in(ada), "wrapup-options", {"options": bad}).status_code == 400
    saved = post(signed_in(ada), "wrapup-options", {"options": mine}).json()
    assert [option["key"] for option in saved["options"]] == ["abuse:coercive", "referral:housing"]

    ReportSettings.objects.create(program=program_a, min_count=1)
    counted = report(program_a, this_week(program_a))["wrapup"]
    # The code chosen before the change is still counted, under its code.
    assert counted == {
        "abuse": {"coercive": 0, "physical": 1},
        "referral": {"housing": 0},
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_charts_name_the_wrap_up_categories(thread_a: Thread, sam: User, lang: str) -> None:
    today = timezone.now().date()
    query = f"from={today - timedelta(days=1)}&to={today + timedelta(days=1)}&lang={lang}"
    page = signed_in(sam).get(f"{BASE}charts?{query}").content.decode()
    title = {"en": "Wrap-up: Kind of abuse", "fr": "Bilan : Type de violence"}[lang]
    assert title in page
    assert {"en": "Shelter", "fr": "Hébergement"}[lang] in page
