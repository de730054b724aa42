"""Grants: an admin's browser seals the program key to a member; the server checks who and when."""

from __future__ import annotations

import pytest
from django.test import Client

from havre.accounts import grants as actions
from havre.accounts.models import Role, User
from havre.audit.models import Entry
from havre.vault import formats
from havre.vault.models import Epoch, Grant
from havre.vault.sealing import current_epoch
from tests.accounts.helpers import Member, make_member, open_grants, post, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db


def sealed_for(member: Member, keys: ProgramKeys, epoch: int = 1) -> str:
    """What the admin's browser makes after the fingerprints match."""
    info = formats.grant_info(keys.program.pk, epoch, member.user.pk)
    return formats.b64e(formats.seal(bytes(member.user.public_key), keys.private_key, info))


def give(client: Client, member: Member, sealed: str, epoch: int = 1) -> tuple[int, object]:
    answer = post(
        client, "grants", {"user_id": str(member.user.pk), "epoch": epoch, "sealed_key": sealed}
    )
    return answer.status_code, answer.json()


def test_an_admin_grants_and_the_member_opens_the_key(
    client: Client, admin_a: Member, advocate_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a)) == (200, {"ok": True})
    assert Entry.objects.filter(action="grant", target=str(advocate_a.user.pk)).exists()

    member = Client()
    sign_in(member, advocate_a)
    me = member.get("/accounts/api/me").json()
    assert open_grants(advocate_a, me) == {1: keys_a.private_key}


def test_a_second_grant_of_the_same_epoch_is_refused(
    client: Client, admin_a: Member, advocate_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    give(client, advocate_a, sealed_for(advocate_a, keys_a))
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a)) == (
        409,
        {"error": "already_granted"},
    )


def test_non_admins_cannot_grant(
    client: Client, keys_a: ProgramKeys, advocate_a: Member, admin_a: Member
) -> None:
    supervisor = make_member(
        keys_a.program, "sam.keys@a.example", Role.SUPERVISOR, keys_a.private_key
    )
    sign_in(client, supervisor)
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a))[0] == 403
    assert not Grant.objects.filter(user=advocate_a.user).exists()


def test_an_admin_must_hold_the_epoch_to_grant_it(
    client: Client, keys_a: ProgramKeys, advocate_a: Member, admin_a: Member
) -> None:
    newcomer = make_member(keys_a.program, "new.admin@a.example", Role.ADMIN)
    sign_in(client, newcomer)
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a)) == (
        409,
        {"error": "not_a_holder"},
    )


def test_only_the_current_epoch_is_granted(
    client: Client, admin_a: Member, advocate_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a, 2), epoch=2) == (
        409,
        {"error": "not_current_epoch"},
    )
    _private, public = formats.generate_keypair()
    Epoch.objects.create(program=keys_a.program, number=2, public_key=public)
    keys_a.epoch.refresh_from_db()
    assert current_epoch(keys_a.program.pk).number == 2  # type: ignore[union-attr]
    # The admin holds epoch 1 only; epoch 1 is no longer current.
    assert give(client, advocate_a, sealed_for(advocate_a, keys_a))[1] == {
        "error": "not_current_epoch"
    }


def test_members_without_keys_and_junk_are_refused(
    client: Client, admin_a: Member, keys_a: ProgramKeys, alice: User
) -> None:
    sign_in(client, admin_a)
    answer = post(
        client,
        "grants",
        {"user_id": str(alice.pk), "epoch": 1, "sealed_key": formats.b64e(bytes(112))},
    )
    assert answer.json() == {"error": "member_has_no_keys"}
    short = post(
        client,
        "grants",
        {"user_id": str(admin_a.user.pk), "epoch": 1, "sealed_key": formats.b64e(bytes(50))},
    )
    assert short.status_code == 400


def test_grants_never_cross_programs(
    client: Client,
    admin_a: Member,
    advocate_a: Member,
    admin_b: Member,
    keys_a: ProgramKeys,
    keys_b: ProgramKeys,
) -> None:
    # B's admin, holding B's key, cannot plant anything on A's member...
    sign_in(client, admin_b)
    assert give(client, advocate_a, sealed_for(advocate_a, keys_b))[0] == 404
    assert not Grant.objects.filter(user=advocate_a.user).exists()
    # ...nor can A's admin give A's key to B's admin.
    other = Client()
    sign_in(other, admin_a)
    assert give(other, admin_b, sealed_for(admin_b, keys_a))[0] == 404
    assert Grant.objects.filter(user=admin_b.user).count() == 1


def test_the_action_checks_even_without_the_api(
    admin_a: Member, advocate_a: Member, admin_b: Member, keys_a: ProgramKeys
) -> None:
    sealed = formats.b64d(sealed_for(advocate_a, keys_a))
    with pytest.raises(actions.GrantRefusedError) as refused:
        actions.grant(admin_b.user, advocate_a.user, 1, sealed)
    assert refused.value.reason == actions.GrantRefusedError.Reason.OTHER_PROGRAM
    with pytest.raises(actions.GrantRefusedError):
        actions.grant(advocate_a.user, admin_a.user, 1, sealed)
    made = actions.grant(admin_a.user, advocate_a.user, 1, sealed)
    assert made.granted_by == admin_a.user
