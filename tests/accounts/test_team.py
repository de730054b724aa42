"""The team panel's API: members and invitations, for admins of their own program only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from havre.accounts.models import SignupLink, User
from havre.audit.models import Entry
from tests.accounts.helpers import Member, post, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db


def test_an_admin_sees_their_team(client: Client, admin_a: Member, advocate_a: Member) -> None:
    sign_in(client, admin_a)
    team = client.get("/accounts/api/team").json()
    assert team["epoch"] == 1
    members = {m["email"]: m for m in team["members"]}
    assert members[admin_a.user.email]["has_grant"] is True
    waiting = members[advocate_a.user.email]
    assert (waiting["signed_up"], waiting["has_grant"], waiting["role"]) == (
        True,
        False,
        "advocate",
    )
    assert waiting["public_key"] is not None


def test_invitation_makes_a_one_time_link(client: Client, admin_a: Member) -> None:
    sign_in(client, admin_a)
    answer = post(client, "invite", {"email": "New@A.example", "role": "supervisor"}).json()
    assert answer["signup_url"].startswith(settings.HAVRE_PUBLIC_URL + "/accounts/signup/")
    invited = User.objects.get(pk=answer["user_id"])
    assert (invited.email, invited.role, invited.program_id) == (
        "new@a.example",
        "supervisor",
        admin_a.user.program_id,
    )
    assert not invited.has_usable_password()
    token = answer["signup_url"].rstrip("/").rsplit("/", 1)[1]
    assert Client().get(f"/accounts/signup/{token}/").status_code == 200
    assert Entry.objects.filter(action="invite", target=str(invited.pk)).exists()
    team = client.get("/accounts/api/team").json()
    assert {"email": "new@a.example", "signed_up": False}.items() <= next(
        m for m in team["members"] if m["email"] == "new@a.example"
    ).items()


def test_inviting_again_replaces_an_unused_link_but_never_takes_over_an_account(
    client: Client, admin_a: Member, advocate_a: Member
) -> None:
    sign_in(client, admin_a)
    first = post(client, "invite", {"email": "twice@a.example", "role": "advocate"}).json()
    second = post(client, "invite", {"email": "twice@a.example", "role": "advocate"}).json()
    assert first["user_id"] == second["user_id"]
    assert SignupLink.objects.filter(user_id=first["user_id"]).count() == 1
    old_token = first["signup_url"].rstrip("/").rsplit("/", 1)[1]
    assert Client().get(f"/accounts/signup/{old_token}/").status_code == 404
    taken = post(client, "invite", {"email": advocate_a.user.email, "role": "admin"})
    assert taken.status_code == 409
    advocate_a.user.refresh_from_db()
    assert advocate_a.user.has_keys


def test_non_admins_are_refused(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    assert client.get("/accounts/api/team").status_code == 403
    assert post(client, "invite", {"email": "x@a.example", "role": "admin"}).status_code == 403


def test_signed_out_is_refused(client: Client) -> None:
    assert client.get("/accounts/api/team").status_code == 401
    assert post(client, "invite", {"email": "x@a.example", "role": "admin"}).status_code == 401


def test_another_programs_admin_reaches_nothing_of_the_first(
    client: Client, admin_b: Member, admin_a: Member, advocate_a: Member, keys_b: ProgramKeys
) -> None:
    sign_in(client, admin_b)
    team = client.get("/accounts/api/team").json()
    assert {m["email"] for m in team["members"]} == {admin_b.user.email}
    # An address already at program A cannot be pulled into B, nor reset.
    answer = post(client, "invite", {"email": advocate_a.user.email, "role": "admin"})
    assert answer.status_code == 409
    advocate_a.user.refresh_from_db()
    assert advocate_a.user.program_id == admin_a.user.program_id
    assert advocate_a.user.has_keys
    made = post(client, "invite", {"email": "fresh@b.example", "role": "advocate"}).json()
    assert User.objects.get(pk=made["user_id"]).program_id == keys_b.program.pk
