"""Sessions: whose each one is, idle expiry matching the console's lock, ending them all."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from havre.accounts import sessions
from havre.accounts.actions import create_program
from havre.accounts.models import MemberSession
from havre.audit.models import Entry
from tests.accounts.helpers import Member, post, sign_in

pytestmark = pytest.mark.django_db


def age_session(client: Client, seconds: int) -> None:
    """As if the console had last reported use `seconds` ago."""
    session = client.session
    session[sessions.ACTIVE_AT_KEY] = int(time.time()) - seconds
    session.save()


def test_a_session_row_names_its_member(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    row = MemberSession.objects.get(session_key=client.session.session_key)
    assert row.user_id == advocate_a.user.pk


def test_a_session_ends_when_the_console_would_have_locked(
    client: Client, advocate_a: Member
) -> None:
    sign_in(client, advocate_a)
    minutes = advocate_a.user.program.idle_lock_minutes
    age_session(client, minutes * 60)
    assert client.get("/accounts/api/me").status_code == 200
    age_session(client, minutes * 60 + sessions.GRACE_SECONDS + 1)
    assert client.get("/accounts/api/me").status_code == 401
    assert client.get("/console/api/inbox").status_code == 401
    assert not MemberSession.objects.filter(user=advocate_a.user).exists()


def test_use_reported_by_the_console_keeps_it_alive(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    minutes = advocate_a.user.program.idle_lock_minutes
    age_session(client, minutes * 60)
    assert post(client, "active").json() == {"idle_lock_minutes": minutes}
    age_session(client, 0)
    assert client.get("/accounts/api/me").status_code == 200


def test_admins_set_the_lock_and_sessions_follow_it(
    client: Client, admin_a: Member, advocate_a: Member
) -> None:
    advocate = Client()
    sign_in(advocate, advocate_a)
    sign_in(client, admin_a)
    answer = post(client, "program", {"idle_lock_minutes": 5, "key_max_age_days": 180})
    assert answer.json() == {"idle_lock_minutes": 5, "key_max_age_days": 180}
    assert Entry.objects.filter(action="program_security_set").count() == 1
    # The advocate's console learns it at its next report of use...
    assert post(advocate, "active").json() == {"idle_lock_minutes": 5}
    assert advocate.get("/accounts/api/me").json()["program"]["idle_lock_minutes"] == 5
    # ...and her session now ends after five minutes and the grace.
    age_session(advocate, 5 * 60 + sessions.GRACE_SECONDS + 1)
    assert advocate.get("/accounts/api/me").status_code == 401


def test_only_admins_set_it_and_within_bounds(
    client: Client, admin_a: Member, advocate_a: Member
) -> None:
    sign_in(client, advocate_a)
    assert (
        post(client, "program", {"idle_lock_minutes": 5, "key_max_age_days": 180}).status_code
        == 403
    )
    admin = Client()
    sign_in(admin, admin_a)
    for bad in (
        {"idle_lock_minutes": 0, "key_max_age_days": 180},
        {"idle_lock_minutes": 5, "key_max_age_days": 1},
        {"idle_lock_minutes": True, "key_max_age_days": 180},
        {"idle_lock_minutes": "5", "key_max_age_days": 180},
    ):
        assert post(admin, "program", bad).status_code == 400
    assert admin.get("/accounts/api/me").json()["program"]["idle_lock_minutes"] == 15


def test_new_programs_take_the_default_from_the_settings(settings: object) -> None:
    settings.HAVRE_IDLE_LOCK_MINUTES = 7  # type: ignore[attr-defined]
    assert create_program("Refuge C").idle_lock_minutes == 7


def test_ending_a_members_sessions_leaves_others_alone(advocate_a: Member, admin_a: Member) -> None:
    first, second, other = Client(), Client(), Client()
    sign_in(first, advocate_a)
    sign_in(second, advocate_a, steps_ahead=1)
    sign_in(other, admin_a)
    kept = first.session.session_key
    assert sessions.end_sessions(advocate_a.user, keep=kept) == 1
    assert first.get("/accounts/api/me").status_code == 200
    assert second.get("/accounts/api/me").status_code == 401
    assert sessions.end_sessions(advocate_a.user) == 1
    assert first.get("/accounts/api/me").status_code == 401
    assert other.get("/accounts/api/me").status_code == 200
