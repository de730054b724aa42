"""Parting with a member: at once, her sessions end, her grants go, her conversations move on."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from havre.accounts.models import Program, Role, User
from havre.audit.models import Entry
from havre.conversations.actions import duty
from havre.conversations.actions.parting import part_with
from havre.conversations.models import Channel, Conversation, Participant
from havre.vault.models import Grant
from tests.accounts.helpers import Member, make_member, sign_in
from tests.conftest import ProgramKeys
from tests.console.conftest import start_thread

pytestmark = pytest.mark.django_db


def console_post(client: Client, path: str, body: dict[str, object] | None = None) -> object:
    return client.post(f"/console/api/team/{path}", body or {}, content_type="application/json")


@pytest.fixture
def leaving(keys_a: ProgramKeys) -> Member:
    """An advocate who holds the program key and is on duty."""
    member = make_member(keys_a.program, "leaving@a.example", Role.ADVOCATE, keys_a.private_key)
    duty.go_on_duty(member.user)
    return member


def held_by(member: User, channel: Channel, keys: ProgramKeys, n: int) -> Conversation:
    thread = start_thread(channel, keys, f"hello {n}", sender=f"+1514555{n:04d}")
    Conversation.objects.filter(pk=thread.conversation.pk).update(assigned_to=member)
    return Conversation.objects.get(pk=thread.conversation.pk)


def test_an_admin_parts_with_a_member_from_the_team_area(
    client: Client,
    admin_a: Member,
    leaving: Member,
    channel_a: Channel,
    keys_a: ProgramKeys,
    events: list[dict[str, object]],
    django_capture_on_commit_callbacks: object,
) -> None:
    held = [held_by(leaving.user, channel_a, keys_a, n) for n in range(2)]
    joined = start_thread(channel_a, keys_a, "other", sender="+15145559999").conversation
    Participant.objects.create(conversation=joined, user=leaving.user)
    her_browser = Client()
    sign_in(her_browser, leaving)

    sign_in(client, admin_a)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        answer = console_post(client, f"people/{leaving.user.pk}/deactivate")
    assert answer.status_code == 200, answer.content
    result = answer.json()
    assert result["handed_on"] == 2
    assert result["new_key_needed_since"] is not None

    user = User.objects.get(pk=leaving.user.pk)
    assert (user.is_active, user.on_duty, user.deactivated_at is not None) == (False, False, True)
    assert not Grant.objects.filter(user=user).exists()
    assert her_browser.get("/accounts/api/me").status_code == 401
    for conversation in held:
        conversation.refresh_from_db()
        assert conversation.assigned_to_id is None
        assert conversation.queued_at is not None
    assert Participant.objects.get(conversation=joined, user=user).left_at is not None
    actions = set(Entry.objects.values_list("action", flat=True))
    assert {"deactivate", "new_key_needed", "requeue"} <= actions
    assert {"type": "keys", "what": "member_left"} in events
    program = Program.objects.get(pk=keys_a.program.pk)
    assert program.new_key_needed_since is not None


def test_her_conversations_can_go_to_a_named_colleague(
    client: Client, admin_a: Member, leaving: Member, channel_a: Channel, keys_a: ProgramKeys
) -> None:
    colleague = make_member(keys_a.program, "stays@a.example", Role.ADVOCATE, keys_a.private_key)
    duty.go_on_duty(colleague.user)
    held = held_by(leaving.user, channel_a, keys_a, 1)
    sign_in(client, admin_a)
    answer = console_post(
        client, f"people/{leaving.user.pk}/deactivate", {"to": str(colleague.user.pk)}
    )
    assert answer.json()["handed_on"] == 1
    held.refresh_from_db()
    assert held.assigned_to_id == colleague.user.pk


def test_a_member_who_never_held_the_key_needs_no_new_one(
    client: Client, admin_a: Member, advocate_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    answer = console_post(client, f"people/{advocate_a.user.pk}/deactivate")
    assert answer.json()["new_key_needed_since"] is None


def test_who_may_part_with_whom(
    client: Client, admin_a: Member, leaving: Member, admin_b: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, leaving)
    assert console_post(client, f"people/{admin_a.user.pk}/deactivate").status_code == 403
    outsider = Client()
    sign_in(outsider, admin_b)
    assert console_post(outsider, f"people/{leaving.user.pk}/deactivate").status_code == 404
    admin = Client()
    sign_in(admin, admin_a)
    # Not oneself, and never the last admin (nobody could make the new key).
    answer = console_post(admin, f"people/{admin_a.user.pk}/deactivate")
    assert answer.json() == {"error": "not_yourself"}
    with pytest.raises(Exception, match="last_admin"):
        part_with(admin_a.user, by=None)
    assert User.objects.get(pk=leaving.user.pk).is_active


def test_havre_staff_deactivate_for_scripted_deployments(
    leaving: Member, admin_a: Member, channel_a: Channel, keys_a: ProgramKeys
) -> None:
    held = held_by(leaving.user, channel_a, keys_a, 3)
    out = StringIO()
    call_command("staff", "deactivate", "Leaving@A.example", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "email": "leaving@a.example",
        "handed_on": 1,
        "new_key_needed": True,
    }
    held.refresh_from_db()
    assert held.assigned_to_id is None
    assert not User.objects.get(pk=leaving.user.pk).is_active
    entry = Entry.objects.get(action="deactivate")
    assert entry.actor is None
    with pytest.raises(CommandError, match="already deactivated"):
        call_command("staff", "deactivate", "leaving@a.example")
    with pytest.raises(CommandError, match="last active administrator"):
        call_command("staff", "deactivate", admin_a.user.email)
    out = StringIO()
    call_command("staff", "list", "--json", stdout=out)
    states = {m["email"]: (m["state"], m["keys"]) for m in json.loads(out.getvalue())["members"]}
    assert states["leaving@a.example"] == ("deactivated", "awaiting_key")
    assert states[admin_a.user.email] == ("active", "holds_current_key")
