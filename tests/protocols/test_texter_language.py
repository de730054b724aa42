"""The texter's language chooses her welcome and every automatic notice; an advocate can change it.

Through the real pipeline (Twilio's signed webhook in, the fake's API out),
with program A speaking English unless a test says otherwise.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from havre.accounts.models import Program, User
from havre.audit.models import Entry
from havre.conversations.actions.lifecycle import close_conversation
from havre.conversations.payloads import conversation_payload
from havre.protocols import actions
from tests.conftest import signed_in
from tests.protocols.conftest import TEXTER, Texter
from tests.protocols.test_automatic import WELCOME_EN

pytestmark = pytest.mark.django_db

WELCOME_FR_FIRST = (
    "Vous êtes bien sur Refuge A. Merci d'avoir écrit. D'abord : pouvez-vous écrire en "
    "sécurité en ce moment ? Sinon, arrêtez-vous ici et écrivez-nous quand vous le pourrez."
)
CLOSING_FR_START = "Cette conversation est terminée."


def set_language(client: Client, conversation_id: object, language: object) -> Any:
    return client.post(
        f"/console/api/protocols/conversations/{conversation_id}/language",
        json.dumps({"language": language}),
        content_type="application/json",
    )


def test_a_french_first_text_gets_the_french_welcome_from_an_english_program(
    texter: Texter,
) -> None:
    texter.text("Bonjour, j'ai besoin d'aide")
    assert texter.conversation().language == "fr"
    assert texter.received[0] == WELCOME_FR_FIRST
    assert len(texter.received) == 4


def test_an_english_first_text_gets_the_english_welcome_from_a_french_program(
    texter: Texter, program_a: Program
) -> None:
    program_a.language = "fr"
    program_a.save()
    texter.text("Hello, is anyone there?")
    assert texter.conversation().language == "en"
    assert texter.received == WELCOME_EN


def test_a_text_that_does_not_say_leaves_the_programs_language(texter: Texter) -> None:
    texter.text("ok")
    assert texter.conversation().language == ""
    assert texter.received == WELCOME_EN
    # Her later texts do not change it: only an advocate does.
    texter.text("Bonjour, vous êtes là ?")
    assert texter.conversation().language == ""


def test_only_the_code_is_kept_and_shown_to_the_console(texter: Texter) -> None:
    texter.text("Bonjour")
    conversation = texter.conversation()
    assert conversation_payload(conversation)["language"] == "fr"


def test_an_advocate_changes_it_and_the_next_notices_follow(
    texter: Texter,
    alice: User,
    sam: User,
    events: list[dict[str, object]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    texter.text("ok")
    conversation = texter.conversation()
    before = conversation.seq
    with django_capture_on_commit_callbacks(execute=True):
        answer = set_language(signed_in(alice), conversation.pk, "fr")
    assert answer.status_code == 200
    conversation.refresh_from_db()
    assert (conversation.language, conversation.seq) == ("fr", before + 1)
    assert {
        "type": "conversation",
        "conversation": str(conversation.pk),
        "seq": before + 1,
    } in events
    assert Entry.objects.filter(action="texter_language", target=str(conversation.pk), actor=alice)

    with django_capture_on_commit_callbacks(execute=True):
        actions.send_notice(conversation, "welcome_safety", by=alice, number=TEXTER)
    assert texter.received[-1] == WELCOME_FR_FIRST
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_with_notice(conversation, by=sam, number=TEXTER)
    assert texter.received[-1].startswith(CLOSING_FR_START)


def test_a_change_is_refused_when_it_cannot_apply(
    texter: Texter, alice: User, sam: User, charlie: User
) -> None:
    texter.text("hello")
    conversation = texter.conversation()
    assert set_language(signed_in(alice), conversation.pk, "de").status_code == 400
    assert set_language(signed_in(alice), conversation.pk, None).status_code == 400
    assert set_language(signed_in(charlie), conversation.pk, "fr").status_code == 404
    close_conversation(conversation, by=sam)
    assert set_language(signed_in(alice), conversation.pk, "fr").status_code == 409
    conversation.refresh_from_db()
    assert conversation.language == "en"
