"""Sign-up with a one-time link: keys made "in the browser" (here, in Python), then TOTP."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from havre.accounts import actions, links
from havre.accounts.models import Program, Role, SignupLink, User
from havre.vault import formats
from havre.vault.models import Epoch, Grant
from tests.accounts.helpers import Member, open_grants, post, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db

PASSPHRASE = "four words are enough"


def page_data(client: Client, token: str) -> dict[str, Any]:
    page = client.get(f"/accounts/signup/{token}/")
    assert page.status_code == 200
    found = re.search(
        r'<script id="havre-signup-data" type="application/json">(.*?)</script>',
        page.content.decode(),
    )
    assert found
    return json.loads(found.group(1))


def browser_keys(
    data: dict[str, Any], passphrase: str = PASSPHRASE
) -> tuple[dict[str, str], bytes]:
    """What signup.ts sends, and the personal private key it keeps in memory."""
    kdf = formats.KdfParams.from_dict(data["kdf"])
    login_secret, wrap_key = formats.split_master(
        formats.derive_master(passphrase, formats.b64d(data["salt"]), kdf)
    )
    private_key, public_key = formats.generate_keypair()
    body = {
        "login_secret": formats.b64e(login_secret),
        "public_key": formats.b64e(public_key),
        "wrapped_private_key": formats.b64e(
            formats.wrap_private_key(wrap_key, private_key, formats.wrap_aad(data["user_id"]))
        ),
    }
    return body, private_key


def enrol(client: Client, token: str) -> str:
    enrolment = post(client, f"signup/{token}/totp").json()
    assert enrolment["uri"].startswith("otpauth://totp/")
    assert enrolment["qr_svg"].startswith("<svg")
    code = pyotp.TOTP(enrolment["secret"]).now()
    confirmed = post(client, f"signup/{token}/totp/confirm", {"code": code}).json()
    assert confirmed["next"] == "done"
    assert len(confirmed["recovery_codes"]) == 10
    return str(enrolment["secret"])


def test_a_member_signs_up_enrols_and_signs_in(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    user, token = actions.invite(keys_a.program, "new@a.example", Role.ADVOCATE, admin_a.user)
    data = page_data(client, token)
    assert data["stage"] == "passphrase"
    assert data["needs_program_key"] is False
    assert data["epoch"]["number"] == 1
    body, _private = browser_keys(data)
    assert post(client, f"signup/{token}", body).json() == {"next": "second_factor"}
    secret = enrol(client, token)

    member = Member(User.objects.get(pk=user.pk), PASSPHRASE, secret)
    browser = Client()
    sign_in(browser, member, steps_ahead=1)
    me = browser.get("/accounts/api/me").json()
    assert me["grants"] == []
    assert me["public_key"] == body["public_key"]


def test_links_are_hashed_at_rest_work_once_and_expire(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    _user, token = actions.invite(keys_a.program, "once@a.example", Role.ADVOCATE, admin_a.user)
    link = SignupLink.objects.get(user__email="once@a.example")
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in link.token_hash

    body, _private = browser_keys(page_data(client, token))
    assert post(client, f"signup/{token}", body).status_code == 200
    again = post(Client(), f"signup/{token}", body)
    assert again.status_code == 404
    assert Client().get(f"/accounts/signup/{token}/").status_code == 404

    _user, late = actions.invite(keys_a.program, "late@a.example", Role.ADVOCATE, admin_a.user)
    SignupLink.objects.filter(user__email="late@a.example").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(f"/accounts/signup/{late}/").status_code == 404
    assert post(client, f"signup/{late}", body).status_code == 404


def test_enrolment_belongs_to_the_browser_that_chose_the_passphrase(
    client: Client, admin_a: Member, admin_b: Member, keys_a: ProgramKeys
) -> None:
    _user, token = actions.invite(keys_a.program, "mine@a.example", Role.ADVOCATE, admin_a.user)
    body, _private = browser_keys(page_data(client, token))
    post(client, f"signup/{token}", body)
    # Someone else with the link, here program B's admin signed in, gets nothing.
    other = Client()
    sign_in(other, admin_b)
    assert post(other, f"signup/{token}/totp").status_code == 404
    assert post(other, f"signup/{token}/totp/confirm", {"code": "123456"}).status_code == 404
    assert page_data(client, token)["stage"] == "second_factor"
    enrol(client, token)
    assert post(client, f"signup/{token}/totp").status_code == 404


def test_a_wrong_enrolment_code_is_refused(client: Client, keys_a: ProgramKeys) -> None:
    _user, token = actions.invite(keys_a.program, "typo@a.example", Role.ADVOCATE, None)
    post(client, f"signup/{token}", browser_keys(page_data(client, token))[0])
    secret = post(client, f"signup/{token}/totp").json()["secret"]
    code = pyotp.TOTP(secret).now()
    wrong = "000000" if code != "000000" else "111111"
    assert post(client, f"signup/{token}/totp/confirm", {"code": wrong}).status_code == 400
    assert User.objects.get(email="typo@a.example").totp_confirmed_at is None


def first_admin_program() -> tuple[Program, User, str]:
    program = actions.create_program("Refuge C", "fr")
    admin, token = actions.invite(program, "first@c.example", Role.ADMIN, None)
    return program, admin, token


def test_the_first_admin_makes_the_program_key(client: Client, admin_b: Member) -> None:
    program, admin, token = first_admin_program()
    data = page_data(client, token)
    assert data["needs_program_key"] is True
    assert data["epoch"] is None
    body, personal = browser_keys(data)
    assert post(client, f"signup/{token}", body).json() == {"error": "program_key_required"}

    program_private, program_public = formats.generate_keypair()
    public_key = formats.b64d(body["public_key"])
    grant = formats.seal(
        public_key, program_private, formats.grant_info(program.pk, 1, data["user_id"])
    )
    body |= {"program_public_key": formats.b64e(program_public), "grant": formats.b64e(grant)}
    assert post(client, f"signup/{token}", body).json() == {"next": "second_factor"}
    epoch = Epoch.objects.get(program=program)
    assert (epoch.number, bytes(epoch.public_key)) == (1, program_public)
    sealed = bytes(Grant.objects.get(user=admin).sealed_key)
    opened = formats.open_sealed(personal, sealed, formats.grant_info(program.pk, 1, admin.pk))
    assert opened == program_private

    # B's admin cannot seal anything of C's.
    other = Client()
    sign_in(other, admin_b)
    answer = post(
        other, "grants", {"user_id": str(admin.pk), "epoch": 1, "sealed_key": body["grant"]}
    )
    assert answer.status_code == 404


def test_an_offline_key_must_be_the_one_init_was_given(client: Client) -> None:
    program, admin, token = first_admin_program()
    program_private, program_public = formats.generate_keypair()
    Epoch.objects.create(program=program, number=1, public_key=program_public)
    data = page_data(client, token)
    assert data["needs_program_key"] is True
    assert data["epoch"]["public_key"] == formats.b64e(program_public)
    body, _personal = browser_keys(data)
    grant = formats.seal(
        formats.b64d(body["public_key"]),
        program_private,
        formats.grant_info(program.pk, 1, admin.pk),
    )
    _other_private, other_public = formats.generate_keypair()
    wrong = body | {"program_public_key": formats.b64e(other_public), "grant": formats.b64e(grant)}
    assert post(client, f"signup/{token}", wrong).json() == {"error": "not_the_program_key"}
    right = body | {"grant": formats.b64e(grant)}
    assert post(client, f"signup/{token}", right).json() == {"next": "second_factor"}
    assert Grant.objects.filter(user=admin, epoch__number=1).count() == 1


def test_later_members_cannot_plant_a_program_key(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    _user, token = actions.invite(keys_a.program, "sneaky@a.example", Role.ADMIN, admin_a.user)
    data = page_data(client, token)
    assert data["needs_program_key"] is False
    body, _personal = browser_keys(data)
    private, public = formats.generate_keypair()
    grant = formats.seal(
        formats.b64d(body["public_key"]),
        private,
        formats.grant_info(keys_a.program.pk, 1, data["user_id"]),
    )
    body |= {"program_public_key": formats.b64e(public), "grant": formats.b64e(grant)}
    assert post(client, f"signup/{token}", body).json() == {"error": "program_key_not_expected"}
    assert not Grant.objects.filter(user__email="sneaky@a.example").exists()


def test_the_page_speaks_french(client: Client, keys_a: ProgramKeys) -> None:
    _user, token = actions.invite(keys_a.program, "fr@a.example", Role.ADVOCATE, None)
    page = client.get(f"/accounts/signup/{token}/", headers={"accept-language": "fr"})
    text = page.content.decode()
    assert "Rejoindre Refuge A" in text
    found = re.search(
        r'<script id="havre-signup-strings" type="application/json">(.*?)</script>', text
    )
    assert found
    strings = json.loads(found.group(1))
    assert strings["strength.rule"] == (
        "Utilisez au moins 4 mots ou 16 caractères, difficiles à deviner."
    )
    assert strings["strength.private"].startswith("Votre phrase de passe est évaluée ici")


def test_the_browser_side_keys_open_what_the_server_stored(
    client: Client, keys_a: ProgramKeys
) -> None:
    user, token = actions.invite(keys_a.program, "check@a.example", Role.ADVOCATE, None)
    body, personal = browser_keys(page_data(client, token))
    post(client, f"signup/{token}", body)
    secret = enrol(client, token)
    member = Member(User.objects.get(pk=user.pk), PASSPHRASE, secret)
    assert links.find_unused(token) is None
    browser = Client()
    sign_in(browser, member, steps_ahead=1)
    me = browser.get("/accounts/api/me").json()
    assert open_grants(member, me) == {}
    unwrapped = formats.unwrap_private_key(
        member.wrap_key(), formats.b64d(me["wrapped_private_key"]), formats.wrap_aad(me["id"])
    )
    assert unwrapped == personal
