"""Sign-in under attack: guesses cost nothing past the limit, and cannot lock a member out."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from havre.accounts import hashers, ratelimit
from havre.accounts.models import User
from havre.audit.models import Entry
from havre.vault import formats
from tests.accounts.helpers import Member, post, sign_in

pytestmark = pytest.mark.django_db

WRONG = formats.b64e(b"\x07" * 32)


def login_secret_for(client: Client, member: Member) -> str:
    pre = post(client, "prelogin", {"email": member.user.email}).json()
    return member.login_secret(formats.b64d(pre["salt"]), pre["kdf"])


def test_attempts_past_the_limit_are_refused_before_any_check(admin_a: Member) -> None:
    for n in range(30):
        answer = post(
            Client(REMOTE_ADDR=f"10.1.0.{n}"),
            "login",
            {"email": admin_a.user.email, "login_secret": WRONG},
        )
        assert answer.status_code == (400 if n < ratelimit.LIMIT else 429)
    # Only the attempts within the limit reached the secret's check.
    checked = Entry.objects.filter(action="sign_in_failed", target=str(admin_a.user.pk))
    assert checked.count() == ratelimit.LIMIT


def test_a_hundred_wrong_tries_from_elsewhere_do_not_keep_the_advocate_out(
    advocate_a: Member,
) -> None:
    own_browser = Client(REMOTE_ADDR="192.0.2.10")
    sign_in(own_browser, advocate_a)
    post(own_browser, "logout")
    assert any(name.startswith("havre_device_") for name in own_browser.cookies)

    refused = 0
    for n in range(100):
        attacker = Client(REMOTE_ADDR=f"198.51.100.{n}")
        answer = post(attacker, "login", {"email": advocate_a.user.email, "login_secret": WRONG})
        refused += answer.status_code == 429
    assert refused == 100 - ratelimit.LIMIT

    # A browser she never used is slowed down like the attackers'...
    new_computer = Client(REMOTE_ADDR="192.0.2.11")
    secret = login_secret_for(new_computer, advocate_a)
    answer = post(new_computer, "login", {"email": advocate_a.user.email, "login_secret": secret})
    assert answer.status_code == 429
    # ...but her own browser signs in at once (with the next code: each works once).
    sign_in(own_browser, advocate_a, steps_ahead=1)
    assert own_browser.get("/accounts/api/me").json()["id"] == str(advocate_a.user.pk)


def test_guesses_with_a_stolen_device_cookie_lock_only_that_cookie(advocate_a: Member) -> None:
    own_browser = Client()
    sign_in(own_browser, advocate_a)
    thief = Client(REMOTE_ADDR="203.0.113.5")
    for name, morsel in own_browser.cookies.items():
        if name.startswith("havre_device_"):
            thief.cookies[name] = morsel.value
    for _ in range(ratelimit.LIMIT):
        post(thief, "login", {"email": advocate_a.user.email, "login_secret": WRONG})
    assert (
        post(thief, "login", {"email": advocate_a.user.email, "login_secret": WRONG}).status_code
        == 429
    )
    # Her cookie was the one copied: it is held back now; any other browser is not.
    other = Client(REMOTE_ADDR="192.0.2.44")
    sign_in(other, advocate_a, steps_ahead=1)


def test_a_device_cookie_counts_only_for_the_member_it_names(
    advocate_a: Member, admin_a: Member
) -> None:
    shared = Client()
    sign_in(shared, advocate_a)
    post(shared, "logout")
    # The advocate's cookie does not shield guesses at the admin from the same browser.
    for _ in range(ratelimit.LIMIT):
        post(shared, "login", {"email": admin_a.user.email, "login_secret": WRONG})
    answer = post(
        Client(REMOTE_ADDR="10.9.9.9"),
        "login",
        {"email": admin_a.user.email, "login_secret": login_secret_for(Client(), admin_a)},
    )
    assert answer.status_code == 429
    # Her own next sign-in from the shared browser still goes through.
    sign_in(shared, advocate_a, steps_ahead=1)


def test_the_server_keeps_a_fast_one_way_hash_of_the_login_secret(
    client: Client, admin_a: Member
) -> None:
    assert admin_a.user.password.startswith("havre_sha256$")
    secret = login_secret_for(client, admin_a)
    assert secret not in admin_a.user.password
    # A hash made by the earlier Argon2 hasher still signs in, and is replaced.
    User.objects.filter(pk=admin_a.user.pk).update(password=make_password(secret, hasher="argon2"))
    sign_in(client, admin_a)
    admin_a.user.refresh_from_db()
    assert admin_a.user.password.startswith("havre_sha256$")


def test_checks_wait_for_a_free_slot_and_give_up_with_busy(
    admin_a: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hashers, "WAIT_SECONDS", 0.05)
    taken = [hashers.slot() for _ in range(hashers.CONCURRENT_CHECKS)]
    for held in taken:
        held.__enter__()
    try:
        answer = post(Client(), "login", {"email": admin_a.user.email, "login_secret": WRONG})
        assert answer.status_code == 503
        assert answer.json() == {"error": "busy"}
    finally:
        for held in taken:
            held.__exit__(None, None, None)
    # A refusal for being busy is not counted as a guess.
    assert not ratelimit.is_limited([ratelimit.key("untrusted", admin_a.user.email)], limit=1)


def test_no_more_checks_run_at_once_than_the_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    running = 0
    most = 0
    lock = threading.Lock()
    gate = threading.Event()

    def check() -> None:
        nonlocal running, most
        with hashers.slot(wait=5):
            with lock:
                running += 1
                most = max(most, running)
            gate.wait(0.2)
            with lock:
                running -= 1

    threads = [threading.Thread(target=check) for _ in range(3 * hashers.CONCURRENT_CHECKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == hashers.CONCURRENT_CHECKS
