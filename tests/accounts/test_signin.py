"""Sign-in through the JSON API: login secret, second factor, the member's keys."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

from havre.accounts import ratelimit
from havre.accounts.models import User
from havre.audit.models import Entry
from havre.vault import formats
from tests.accounts.helpers import Member, open_grants, post, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db


def login_secret_for(client: Client, member: Member) -> str:
    pre = post(client, "prelogin", {"email": member.user.email}).json()
    return member.login_secret(formats.b64d(pre["salt"]), pre["kdf"])


def test_sign_in_then_me_opens_the_program_key(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    sign_in(client, admin_a)
    me = client.get("/accounts/api/me").json()
    assert me["id"] == str(admin_a.user.pk)
    assert me["role"] == "admin"
    assert me["program"] == {
        "id": str(keys_a.program.pk),
        "name": "Refuge A",
        "idle_lock_minutes": 15,
        "key_max_age_days": 365,
        "new_key_needed_since": None,
    }
    assert me["current_epoch"] == {
        "number": 1,
        "public_key": formats.b64e(bytes(keys_a.epoch.public_key)),
    }
    assert open_grants(admin_a, me) == {1: keys_a.private_key}
    assert client.session["havre_language"] == "en"
    assert Entry.objects.filter(action="sign_in", target=str(admin_a.user.pk)).count() == 1


def test_the_first_step_alone_reads_nothing(client: Client, admin_a: Member) -> None:
    assert post(client, "second-factor", {"code": admin_a.code()}).status_code == 401
    secret = login_secret_for(client, admin_a)
    answer = post(client, "login", {"email": admin_a.user.email, "login_secret": secret})
    assert answer.json() == {"next": "second_factor", "methods": ["totp", "recovery_code"]}
    assert client.get("/accounts/api/me").status_code == 401
    assert client.get("/accounts/api/team").status_code == 401


def test_unknown_address_gets_a_stable_answer_of_the_same_shape(
    client: Client, admin_a: Member
) -> None:
    known = post(client, "prelogin", {"email": admin_a.user.email}).json()
    unknown = post(client, "prelogin", {"email": "nobody@a.example"}).json()
    again = post(client, "prelogin", {"email": "Nobody@A.example"}).json()
    assert set(unknown) == set(known) == {"salt", "kdf"}
    assert len(formats.b64d(unknown["salt"])) == len(formats.b64d(known["salt"]))
    assert unknown == again
    assert unknown["kdf"] == formats.KdfParams.DEFAULT.to_dict()
    other = post(client, "prelogin", {"email": "someone.else@a.example"}).json()
    assert other["salt"] != unknown["salt"]


def test_wrong_secret_is_refused_with_a_generic_answer(client: Client, admin_a: Member) -> None:
    wrong = formats.b64e(b"\x01" * 32)
    answer = post(client, "login", {"email": admin_a.user.email, "login_secret": wrong})
    unknown = post(client, "login", {"email": "nobody@a.example", "login_secret": wrong})
    assert answer.status_code == unknown.status_code == 400
    assert answer.json() == unknown.json() == {"error": "invalid_credentials"}
    assert Entry.objects.filter(action="sign_in_failed", target=str(admin_a.user.pk)).exists()


def test_wrong_and_replayed_codes_are_refused(client: Client, admin_a: Member) -> None:
    secret = login_secret_for(client, admin_a)
    post(client, "login", {"email": admin_a.user.email, "login_secret": secret})
    code = admin_a.code()
    wrong = "000000" if code != "000000" else "111111"
    assert post(client, "second-factor", {"code": wrong}).status_code == 400
    assert post(client, "second-factor", {"code": code}).status_code == 200

    replay = Client()
    post(replay, "login", {"email": admin_a.user.email, "login_secret": secret})
    answer = post(replay, "second-factor", {"code": code})
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_code"}
    assert replay.get("/accounts/api/me").status_code == 401


def test_failures_are_limited_per_address(client: Client, admin_a: Member) -> None:
    wrong = formats.b64e(b"\x02" * 32)
    for _ in range(ratelimit.LIMIT):
        assert (
            post(client, "login", {"email": admin_a.user.email, "login_secret": wrong}).status_code
            == 400
        )
    right = login_secret_for(client, admin_a)
    answer = post(client, "login", {"email": admin_a.user.email, "login_secret": right})
    assert answer.status_code == 429
    # Another computer is held back too: the guesses were at this account.
    assert (
        post(
            Client(REMOTE_ADDR="10.0.0.9"),
            "login",
            {"email": admin_a.user.email, "login_secret": right},
        ).status_code
        == 429
    )


def test_failures_are_limited_per_client(client: Client, admin_a: Member, admin_b: Member) -> None:
    wrong = formats.b64e(b"\x03" * 32)
    for n in range(ratelimit.LIMIT):
        post(client, "login", {"email": f"guess{n}@a.example", "login_secret": wrong})
    right = login_secret_for(client, admin_b)
    assert (
        post(client, "login", {"email": admin_b.user.email, "login_secret": right}).status_code
        == 429
    )
    other = Client(REMOTE_ADDR="10.0.0.10")
    assert (
        post(other, "login", {"email": admin_b.user.email, "login_secret": right}).status_code
        == 200
    )


def test_second_factor_guesses_are_limited(client: Client, admin_a: Member) -> None:
    secret = login_secret_for(client, admin_a)
    post(client, "login", {"email": admin_a.user.email, "login_secret": secret})
    wrong = "000000" if admin_a.code() != "000000" else "111111"
    for _ in range(ratelimit.LIMIT):
        post(client, "second-factor", {"code": wrong})
    assert post(client, "second-factor", {"code": admin_a.code()}).status_code == 429


@override_settings(HAVRE_REQUIRE_SECOND_FACTOR=False)
def test_demo_mode_signs_in_without_a_second_factor(client: Client, advocate_a: Member) -> None:
    secret = login_secret_for(client, advocate_a)
    answer = post(client, "login", {"email": advocate_a.user.email, "login_secret": secret})
    assert answer.json() == {"next": "ready"}
    assert client.get("/accounts/api/me").json()["grants"] == []


def test_language_and_logout(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    assert post(client, "language", {"language": "fr"}).json() == {"language": "fr"}
    advocate_a.user.refresh_from_db()
    assert advocate_a.user.language == "fr"
    assert client.get("/accounts/api/me").headers["Content-Language"] == "fr"
    assert post(client, "language", {"language": "de"}).status_code == 400
    assert post(client, "logout").json() == {"ok": True}
    assert client.get("/accounts/api/me").status_code == 401


def test_posts_need_the_csrf_token(advocate_a: Member) -> None:
    browser = Client(enforce_csrf_checks=True)
    assert post(browser, "prelogin", {"email": advocate_a.user.email}).status_code == 403
    assert browser.get("/accounts/api/me").status_code == 401
    token = browser.cookies["csrftoken"].value
    answer = browser.post(
        "/accounts/api/prelogin",
        {"email": advocate_a.user.email},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert answer.status_code == 200


def test_another_programs_member_sees_only_their_own(
    client: Client, admin_b: Member, admin_a: Member, keys_b: ProgramKeys
) -> None:
    sign_in(client, admin_b)
    me = client.get("/accounts/api/me").json()
    assert me["program"]["id"] == str(keys_b.program.pk)
    assert open_grants(admin_b, me) == {1: keys_b.private_key}
    team = client.get("/accounts/api/team").json()
    assert str(admin_a.user.pk) not in {m["id"] for m in team["members"]}


def test_secrets_and_codes_never_reach_logs_or_audit(
    client: Client, admin_a: Member, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = login_secret_for(client, admin_a)
    post(client, "login", {"email": admin_a.user.email, "login_secret": formats.b64e(b"\x04" * 32)})
    post(client, "login", {"email": admin_a.user.email, "login_secret": secret})
    code = admin_a.code()
    post(client, "second-factor", {"code": "999999" if code != "999999" else "888888"})
    post(client, "second-factor", {"code": code})
    logged = caplog.text
    audited = " ".join(f"{e.action} {e.target}" for e in Entry.objects.all())
    for needle in (secret, formats.b64e(b"\x04" * 32), code, admin_a.passphrase):
        assert needle not in logged
        assert needle not in audited
    admin_a.user.refresh_from_db()
    assert admin_a.totp_secret.encode() not in bytes(admin_a.user.totp_secret_box)


def test_an_invited_member_cannot_sign_in_before_choosing_a_passphrase(
    client: Client, alice: User
) -> None:
    answer = post(client, "login", {"email": alice.email, "login_secret": formats.b64e(bytes(32))})
    assert answer.json() == {"error": "invalid_credentials"}
    assert Entry.objects.filter(action="sign_in_failed", target=str(alice.pk)).exists()
