"""Route key rotation: new routes use the new key, open conversations stay reachable."""

from __future__ import annotations

import io
import json
import stat
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from havre import intake
from havre.audit.models import Entry
from havre.conversations import actions
from havre.conversations.models import Conversation
from havre.retention import routes, sweep
from havre.vault import routekeys, sealing
from tests.conftest import SEALED_REPLY
from tests.retention.test_sweep import alice_holding

pytestmark = pytest.mark.django_db

TEXTER = "+33612345678"
OTHER = "+33687654321"


@pytest.fixture(autouse=True)
def keyring_file(tmp_path, settings):
    settings.HAVRE_ROUTE_KEYRING = tmp_path / "route-keyring.json"
    return settings.HAVRE_ROUTE_KEYRING


def receive(channel, sender=TEXTER):
    message, _ = intake.receive_inbound(
        channel, provider_id=f"SM{uuid.uuid4().hex}", sender=sender, body="hello"
    )
    assert message is not None
    return message.conversation


def rotate() -> dict[str, object]:
    out = io.StringIO()
    call_command("keys", "rotate-route", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_before_any_rotation_the_route_key_is_havre_route_key(channel_a):
    conversation = receive(channel_a)
    assert conversation.route_key == 0
    assert routekeys.keyring().previous is None


def test_an_open_conversation_stays_reachable_across_a_rotation(channel_a, alice, keyring_file):
    before = receive(channel_a)
    assert rotate() == {"generation": 1, "previous": 0}
    assert stat.S_IMODE(keyring_file.stat().st_mode) == 0o600
    # Her next text finds her conversation under the previous key.
    assert receive(channel_a).pk == before.pk
    # Someone new is filed under the new key.
    fresh = receive(channel_a, sender=OTHER)
    assert fresh.route_key == 1
    assert fresh.route == sealing.route_for(channel_a.program_id, OTHER)
    # A reply to her, checked against her route, still goes.
    holder = alice_holding(before, alice)
    actions.queue_reply(
        before,
        author=holder,
        message_id=uuid.uuid4(),
        body="a reply",
        body_sealed=SEALED_REPLY,
        number=TEXTER,
        epoch=1,
    )
    assert Entry.objects.filter(action="route_key_rotated").count() == 1


def test_the_previous_key_is_forgotten_once_no_route_uses_it(channel_a, alice, keyring_file):
    before = receive(channel_a)
    rotate()
    with pytest.raises(CommandError, match="routes made with the previous route key remain"):
        rotate()
    sweep.purge()
    assert routekeys.keyring().previous is not None
    actions.close_conversation(before, by=alice_holding(before, alice))
    sweep.purge()
    assert routekeys.keyring().previous is None
    assert "previous" in json.loads(keyring_file.read_text())
    assert json.loads(keyring_file.read_text())["previous"] is None
    # Her next text opens a new conversation, under the new key.
    after = receive(channel_a)
    assert after.pk != before.pk
    assert after.route_key == 1
    assert rotate() == {"generation": 2, "previous": 1}


def test_havre_route_key_is_never_written_to_the_keyring(settings, channel_a, keyring_file):
    rotate()
    assert settings.HAVRE_ROUTE_KEY not in keyring_file.read_text()


def test_a_damaged_keyring_is_one_sentence(keyring_file):
    keyring_file.write_text("{not json")
    with pytest.raises(CommandError, match="cannot be read"):
        rotate()


def test_rotation_comes_on_schedule(channel_a, settings):
    conversation = receive(channel_a)
    sweep.purge()
    assert routekeys.keyring().current.generation == 0
    # HAVRE_ROUTE_KEY is as old as the oldest route it made.
    Conversation.objects.filter(pk=conversation.pk).update(
        created_at=timezone.now() - timedelta(days=91)
    )
    sweep.purge()
    assert routekeys.keyring().current.generation == 1
    # The new key is young; the previous one stays while her conversation is open.
    sweep.purge()
    ring = routekeys.keyring()
    assert ring.current.generation == 1
    assert ring.previous is not None
    settings.HAVRE_ROUTE_KEY_MAX_AGE_DAYS = 0
    assert not routes.due_for_rotation()


def test_keys_generate_still_needs_no_server(tmp_path):
    from tests.cli.test_newcomer import havre

    done = havre(tmp_path, "keys", "generate", "--json", "--out", str(tmp_path / "k.json"))
    assert done.returncode == 0, done.stderr
    refused = havre(tmp_path, "keys", "rotate-route")
    assert refused.returncode == 2
    assert "Havre will not start" in refused.stderr
