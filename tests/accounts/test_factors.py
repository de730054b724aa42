"""Second factors: recovery codes, the end of TOTP guessing, passkeys, an admin's reset."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pyotp
import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from havre.accounts import factors, links
from havre.accounts.models import Passkey, RecoveryCode, User
from havre.audit.models import Entry
from havre.vault import formats
from tests.accounts.authenticator import SoftAuthenticator
from tests.accounts.helpers import Member, post, sign_in

pytestmark = pytest.mark.django_db

ORIGIN = "https://help.example.org"
RP_ID = "help.example.org"


def first_step(client: Client, member: Member) -> dict[str, Any]:
    pre = post(client, "prelogin", {"email": member.user.email}).json()
    secret = member.login_secret(formats.b64d(pre["salt"]), pre["kdf"])
    answer = post(client, "login", {"email": member.user.email, "login_secret": secret})
    assert answer.json()["next"] == "second_factor", answer.content
    return dict(answer.json())


def wrong_code(member: Member) -> str:
    return "000000" if member.code() != "000000" else "111111"


# -- recovery codes -------------------------------------------------------------------


def test_a_recovery_code_signs_in_once_and_is_kept_only_hashed(
    client: Client, advocate_a: Member
) -> None:
    codes = factors.make_recovery_codes(advocate_a.user)
    assert len(codes) == len(set(codes)) == factors.RECOVERY_CODES
    assert all(len(c) == 19 and not c.startswith("-") for c in codes)
    stored = " ".join(RecoveryCode.objects.values_list("code_hash", flat=True))
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored

    first_step(client, advocate_a)
    # Typed in capitals, without dashes, with an "o" for a zero: still the code.
    typed = codes[0].replace("-", "").upper().replace("0", "O")
    answer = post(client, "second-factor", {"recovery_code": typed})
    assert answer.json() == {"next": "ready", "recovery_codes_left": factors.RECOVERY_CODES - 1}

    again = Client()
    first_step(again, advocate_a)
    assert post(again, "second-factor", {"recovery_code": codes[0]}).json() == {
        "error": "invalid_recovery_code"
    }
    assert Entry.objects.filter(action="recovery_code_used").count() == 1


def test_new_recovery_codes_replace_the_old_ones(client: Client, advocate_a: Member) -> None:
    old = factors.make_recovery_codes(advocate_a.user)
    sign_in(client, advocate_a)
    new = post(client, "account/recovery-codes").json()["codes"]
    assert set(new).isdisjoint(old)
    other = Client()
    first_step(other, advocate_a)
    assert post(other, "second-factor", {"recovery_code": old[1]}).status_code == 400
    assert post(other, "second-factor", {"recovery_code": new[1]}).status_code == 200


# -- TOTP guesses ------------------------------------------------------------------------


def test_after_repeated_wrong_codes_only_a_recovery_code_or_an_admin_helps(
    client: Client, advocate_a: Member
) -> None:
    codes = factors.make_recovery_codes(advocate_a.user)
    first_step(client, advocate_a)
    for attempt in range(factors.TOTP_TRIES):
        # Each window of the sign-in counters passes; the count in a row does not.
        cache.clear()
        answer = post(client, "second-factor", {"code": wrong_code(advocate_a)})
        expected = "second_factor_locked" if attempt == factors.TOTP_TRIES - 1 else "invalid_code"
        assert answer.json() == {"error": expected}
    cache.clear()
    # The right code is refused now, so guessing it gains nothing.
    assert post(client, "second-factor", {"code": advocate_a.code()}).json() == {
        "error": "second_factor_locked"
    }
    assert first_step(Client(), advocate_a)["methods"] == ["recovery_code"]

    assert post(client, "second-factor", {"recovery_code": codes[0]}).status_code == 200
    advocate_a.user.refresh_from_db()
    assert advocate_a.user.second_factor_failures == 0
    assert "totp" in first_step(Client(), advocate_a)["methods"]


def test_a_right_code_clears_the_count(client: Client, advocate_a: Member) -> None:
    first_step(client, advocate_a)
    for _ in range(3):
        post(client, "second-factor", {"code": wrong_code(advocate_a)})
    assert User.objects.get(pk=advocate_a.user.pk).second_factor_failures == 3
    assert post(client, "second-factor", {"code": advocate_a.code()}).status_code == 200
    assert User.objects.get(pk=advocate_a.user.pk).second_factor_failures == 0


# -- passkeys ---------------------------------------------------------------------------------


def enrol_passkey(client: Client, name: str = "Office key") -> SoftAuthenticator:
    key = SoftAuthenticator(ORIGIN, RP_ID)
    options = post(client, "account/passkeys/options").json()
    assert options["rp"] == {"id": RP_ID, "name": "Havre"}
    answer = post(client, "account/passkeys", {"credential": key.create(options), "name": name})
    assert answer.status_code == 200, answer.content
    return key


def passkey_step(client: Client, key: SoftAuthenticator, **kwargs: Any) -> Any:
    options = post(client, "second-factor/passkey/options").json()
    return post(client, "second-factor/passkey", {"credential": key.get(options, **kwargs)})


@override_settings(HAVRE_PUBLIC_URL=ORIGIN)
def test_a_member_enrols_passkeys_and_signs_in_with_one(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    office = enrol_passkey(client, "Office key")
    spare = enrol_passkey(client, "Spare key")
    account = client.get("/accounts/api/account").json()
    assert [p["name"] for p in account["passkeys"]] == ["Office key", "Spare key"]
    assert Entry.objects.filter(action="passkey_added").count() == 2

    browser = Client()
    assert first_step(browser, advocate_a)["methods"] == ["totp", "passkey", "recovery_code"]
    answer = passkey_step(browser, spare)
    assert answer.json()["next"] == "ready"
    assert browser.get("/accounts/api/me").json()["id"] == str(advocate_a.user.pk)
    assert Passkey.objects.get(credential_id=formats.b64e(spare.credential_id)).sign_count == 1
    assert office.counter == 0


@override_settings(HAVRE_PUBLIC_URL=ORIGIN)
def test_passkey_answers_that_do_not_hold_are_refused(
    client: Client, advocate_a: Member, admin_a: Member
) -> None:
    sign_in(client, advocate_a)
    key = enrol_passkey(client)

    # Signed for another site.
    browser = Client()
    first_step(browser, advocate_a)
    assert passkey_step(browser, key, origin="https://evil.example").status_code == 400
    # A replayed answer: its challenge was used up.
    options = post(browser, "second-factor/passkey/options").json()
    credential = key.get(options)
    assert post(browser, "second-factor/passkey", {"credential": credential}).status_code == 200
    replay = Client()
    first_step(replay, advocate_a)
    post(replay, "second-factor/passkey/options")
    assert post(replay, "second-factor/passkey", {"credential": credential}).status_code == 400
    # Someone else's passkey does not sign her in.
    other = Client()
    sign_in(other, admin_a)
    admins_key = enrol_passkey(other)
    stranger = Client()
    first_step(stranger, advocate_a)
    options = post(stranger, "second-factor/passkey/options").json()
    options["allowCredentials"] = [{"id": formats.b64e(admins_key.credential_id)}]
    forged = admins_key.get(options)
    assert post(stranger, "second-factor/passkey", {"credential": forged}).status_code == 400
    # Nor does anything before the passphrase.
    assert post(Client(), "second-factor/passkey/options").status_code == 401


@override_settings(HAVRE_PUBLIC_URL=ORIGIN)
def test_a_member_always_keeps_one_factor(client: Client, advocate_a: Member) -> None:
    sign_in(client, advocate_a)
    key = enrol_passkey(client)
    passkey_id = client.get("/accounts/api/account").json()["passkeys"][0]["id"]
    # TOTP may go while a passkey remains...
    assert post(client, "account/totp/remove").json()["totp"] is False
    # ...but the last passkey may not.
    answer = post(client, f"account/passkeys/{passkey_id}/remove")
    assert (answer.status_code, answer.json()) == (409, {"error": "last_factor"})
    # With TOTP enrolled again, it may.
    enrolment = post(client, "account/totp").json()
    assert post(
        client, "account/totp/confirm", {"code": pyotp.TOTP(enrolment["secret"]).now()}
    ).json()["totp"]
    assert post(client, f"account/passkeys/{passkey_id}/remove").json()["passkeys"] == []
    answer = post(client, "account/totp/remove")
    assert (answer.status_code, answer.json()) == (409, {"error": "last_factor"})
    assert key.counter == 0


# -- an admin's reset ------------------------------------------------------------------------------


@override_settings(HAVRE_PUBLIC_URL=ORIGIN)
def test_an_admin_resets_a_lost_second_factor(
    client: Client, admin_a: Member, advocate_a: Member, admin_b: Member
) -> None:
    member = Client()
    sign_in(member, advocate_a)
    enrol_passkey(member)
    factors.make_recovery_codes(advocate_a.user)

    outsider = Client()
    sign_in(outsider, admin_b)
    assert post(outsider, f"team/{advocate_a.user.pk}/reset-second-factor").status_code == 404
    advocate = Client()
    sign_in(advocate, advocate_a, steps_ahead=1)
    assert post(advocate, f"team/{advocate_a.user.pk}/reset-second-factor").status_code == 403

    sign_in(client, admin_a)
    link = post(client, f"team/{advocate_a.user.pk}/reset-second-factor").json()["link"]
    user = User.objects.get(pk=advocate_a.user.pk)
    assert (user.totp_secret_box, user.passkeys.count(), user.recovery_codes.count()) == (
        None,
        0,
        0,
    )
    assert member.get("/accounts/api/me").status_code == 401
    assert Entry.objects.filter(action="second_factor_reset", target=str(user.pk)).exists()

    # The passphrase alone does not sign her in...
    pre = post(Client(), "prelogin", {"email": user.email}).json()
    secret = advocate_a.login_secret(formats.b64d(pre["salt"]), pre["kdf"])
    assert post(Client(), "login", {"email": user.email, "login_secret": secret}).json() == {
        "error": "signup_unfinished"
    }
    # ...the link does, once she has proved the passphrase on it.
    token = link.rstrip("/").rsplit("/", 1)[1]
    page = Client()
    data = page_data(page, token)
    assert data["stage"] == "prove_passphrase"
    assert post(
        page, f"signup/{token}/verify", {"login_secret": formats.b64e(b"\x01" * 32)}
    ).json() == {"error": "wrong_passphrase"}
    assert post(page, f"signup/{token}/verify", {"login_secret": secret}).json() == {
        "next": "second_factor"
    }
    enrolment = post(page, f"signup/{token}/totp").json()
    confirmed = post(
        page, f"signup/{token}/totp/confirm", {"code": pyotp.TOTP(enrolment["secret"]).now()}
    ).json()
    assert len(confirmed["recovery_codes"]) == factors.RECOVERY_CODES
    assert links.find_unused(token) is None
    advocate_a.totp_secret = enrolment["secret"]
    sign_in(Client(), advocate_a, steps_ahead=1)


def page_data(client: Client, token: str) -> dict[str, Any]:
    found = re.search(
        r'<script id="havre-signup-data" type="application/json">(.*?)</script>',
        client.get(f"/accounts/signup/{token}/").content.decode(),
    )
    assert found
    return dict(json.loads(found.group(1)))


def test_codes_and_their_hashes_never_reach_the_audit(advocate_a: Member) -> None:
    codes = factors.make_recovery_codes(advocate_a.user)
    factors.use_recovery_code(advocate_a.user, codes[0])
    audited = " ".join(f"{e.action} {e.target}" for e in Entry.objects.all())
    digest = hashlib.sha256(
        f"{advocate_a.user.pk}:{codes[0].replace('-', '')}".encode()
    ).hexdigest()
    assert codes[0] not in audited
    assert digest not in audited
