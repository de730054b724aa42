"""A new program key: made in an admin's browser, stored in one transaction, sealed to from then on.

The test that matters most plays the removed member with her real key
material: her passphrase, the personal key it unwraps, the program key her
grant gave her. She opens a text that arrived before the rotation, and
nothing she holds opens one that arrived after it.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from havre.accounts.models import Program, Role
from havre.audit.models import Entry
from havre.conversations.actions.parting import part_with
from havre.conversations.models import Channel, Message
from havre.vault import formats, sealing
from havre.vault.models import Epoch, Grant
from tests.accounts.helpers import Member, make_member, post, sign_in
from tests.conftest import ProgramKeys
from tests.console.conftest import text_in
from tests.keys.helpers import new_epoch_body, personal_key, rotate

pytestmark = pytest.mark.django_db


def message_info(message: Message) -> bytes:
    return formats.message_info(
        message.conversation.program_id, message.conversation_id, message.pk, "in"
    )


def test_the_removed_member_opens_what_came_before_and_nothing_after(
    client: Client, admin_a: Member, channel_a: Channel, keys_a: ProgramKeys
) -> None:
    leaving = make_member(keys_a.program, "leaving@a.example", Role.ADVOCATE, keys_a.private_key)
    before = text_in(channel_a, "Before she left", sender="+15145550001")

    # Everything she could have copied while she worked here.
    her_personal_key = personal_key(leaving)
    her_grant = Grant.objects.get(user=leaving.user)
    her_program_key = formats.open_sealed(
        her_personal_key,
        bytes(her_grant.sealed_key),
        formats.grant_info(keys_a.program.pk, 1, leaving.user.pk),
    )
    assert formats.open_sealed(
        her_program_key, bytes(before.body_sealed), message_info(before)
    ) == (b"Before she left")

    part_with(leaving.user, by=admin_a.user)
    sign_in(client, admin_a)
    new_private_key = rotate(client)
    after = text_in(channel_a, "After she left", sender="+15145550002")

    assert after.epoch.number == 2
    with pytest.raises(formats.FormatError):
        formats.open_sealed(her_program_key, bytes(after.body_sealed), message_info(after))
    number = after.conversation
    with pytest.raises(formats.FormatError):
        formats.open_sealed(
            her_program_key,
            bytes(number.number_sealed),
            sealing.number_info(keys_a.program.pk, number.pk),
        )
    # No grant of the new epoch opens with her personal key either.
    for grant in Grant.objects.filter(epoch__number=2, epoch__program=keys_a.program):
        with pytest.raises(formats.FormatError):
            formats.open_sealed(
                her_personal_key,
                bytes(grant.sealed_key),
                formats.grant_info(keys_a.program.pk, 2, grant.user_id),
            )
    # The admin, who stayed, reads both.
    assert formats.open_sealed(new_private_key, bytes(after.body_sealed), message_info(after)) == (
        b"After she left"
    )
    assert keys_a.open(bytes(before.body_sealed), message_info(before)) == "Before she left"


def test_a_new_epoch_is_stored_whole_and_announced(
    client: Client,
    admin_a: Member,
    keys_a: ProgramKeys,
    events: list[dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    stays = make_member(keys_a.program, "stays@a.example", Role.SUPERVISOR, keys_a.private_key)
    leaving = make_member(keys_a.program, "leaving@a.example", Role.ADVOCATE, keys_a.private_key)
    part_with(leaving.user, by=admin_a.user)
    sign_in(client, admin_a)
    team = client.get("/accounts/api/team").json()
    assert team["keys"]["new_key_needed_since"] is not None
    rotation = client.get("/accounts/api/team/rotation").json()
    assert {h["id"] for h in rotation["holders"]} == {str(admin_a.user.pk), str(stays.user.pk)}

    body, private_key = new_epoch_body(client)
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(client, "team/epochs", body)
    assert answer.json()["epoch"]["number"] == 2
    assert answer.json()["new_key_needed_since"] is None
    assert {"type": "keys", "what": "epoch", "epoch": 2} in events
    assert Epoch.objects.get(program=keys_a.program, number=1).retired_at is not None
    assert sealing.current_epoch(keys_a.program).number == 2
    assert Entry.objects.filter(action="epoch_created", target="2").exists()
    # Each holder opens her own grant with her own key; older grants stay.
    for member in (admin_a, stays):
        grant = Grant.objects.get(user=member.user, epoch__number=2)
        opened = formats.open_sealed(
            personal_key(member),
            bytes(grant.sealed_key),
            formats.grant_info(keys_a.program.pk, 2, member.user.pk),
        )
        assert opened == private_key
        assert Grant.objects.filter(user=member.user, epoch__number=1).exists()
    me = client.get("/accounts/api/me").json()
    assert me["current_epoch"]["number"] == 2
    assert [g["epoch"] for g in me["grants"]] == [1, 2]


def test_every_remaining_holder_must_receive_the_new_key(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    make_member(keys_a.program, "stays@a.example", Role.ADVOCATE, keys_a.private_key)
    sign_in(client, admin_a)
    body, _key = new_epoch_body(client)
    left_out = {**body, "grants": body["grants"][:1]}
    assert post(client, "team/epochs", left_out).json() == {"error": "holders_changed"}
    skipping = {**body, "number": body["number"] + 1}
    assert post(client, "team/epochs", skipping).json() == {"error": "not_next_epoch"}
    reused = {**body, "public_key": formats.b64e(bytes(keys_a.epoch.public_key))}
    assert post(client, "team/epochs", reused).json() == {"error": "key_reused"}
    assert post(client, "team/epochs", body).status_code == 200
    # The same request again: that epoch exists now.
    assert post(client, "team/epochs", body).json() == {"error": "not_next_epoch"}
    assert Epoch.objects.filter(program=keys_a.program).count() == 2


def test_only_an_admin_who_holds_the_key_makes_a_new_one(
    client: Client, admin_a: Member, advocate_a: Member, admin_b: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    body, _key = new_epoch_body(client)
    advocate = Client()
    sign_in(advocate, advocate_a)
    assert post(advocate, "team/epochs", body).status_code == 403
    newcomer = make_member(keys_a.program, "newadmin@a.example", Role.ADMIN)
    other = Client()
    sign_in(other, newcomer)
    assert post(other, "team/epochs", body).json() == {"error": "not_a_holder"}
    outsider = Client()
    sign_in(outsider, admin_b)
    # Another program's admin reaches only her own program, whose holders differ.
    assert post(outsider, "team/epochs", body).json() == {"error": "holders_changed"}
    assert Epoch.objects.filter(program=keys_a.program).count() == 1
    assert Epoch.objects.filter(program=admin_b.user.program).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_admins_rotating_at_once_make_one_epoch(keys_a: ProgramKeys) -> None:
    first = make_member(keys_a.program, "first@a.example", Role.ADMIN, keys_a.private_key)
    second = make_member(keys_a.program, "second@a.example", Role.ADMIN, keys_a.private_key)
    clients = []
    bodies = []
    for member in (first, second):
        client = Client()
        sign_in(client, member)
        clients.append(client)
        bodies.append(new_epoch_body(client)[0])
    results: list[int] = []

    def go(client: Client, body: dict[str, Any]) -> None:
        try:
            results.append(post(client, "team/epochs", body).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=pair) for pair in zip(clients, bodies, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 409]
    assert list(
        Epoch.objects.filter(program=keys_a.program)
        .values_list("number", flat=True)
        .order_by("number")
    ) == [1, 2]
    assert Program.objects.get(pk=keys_a.program.pk).new_key_needed_since is None


def test_the_key_is_due_again_after_the_programs_age(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    assert client.get("/accounts/api/team").json()["keys"]["rotation_due"] is False
    Epoch.objects.filter(pk=keys_a.epoch.pk).update(created_at=timezone.now() - timedelta(days=400))
    keys = client.get("/accounts/api/team").json()["keys"]
    assert (keys["rotation_due"], keys["epoch"]["age_days"], keys["key_max_age_days"]) == (
        True,
        400,
        365,
    )
    rotate(client)
    assert client.get("/accounts/api/team").json()["keys"]["rotation_due"] is False
