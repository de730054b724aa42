"""Changing a passphrase, and the reset an admin issues for a forgotten one."""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from django.test import Client

from havre.accounts.models import User
from havre.audit.models import Entry
from havre.vault import formats
from havre.vault.models import Grant
from tests.accounts.helpers import Member, open_grants, post, sign_in
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db

NEW_PASSPHRASE = "copper meadow lantern violet"
# The weakest cost the server accepts for a passphrase it did not choose.
KDF = formats.KdfParams.MINIMUM


def derive(passphrase: str, salt: bytes, kdf: formats.KdfParams) -> tuple[bytes, bytes]:
    return formats.split_master(formats.derive_master(passphrase, salt, kdf))


def change_body(member: Member, old_passphrase: str, new_passphrase: str) -> dict[str, Any]:
    """What the console sends: proof of the old passphrase, the same key re-wrapped."""
    user = User.objects.get(pk=member.user.pk)
    old_secret, _old_wrap = derive(
        old_passphrase, bytes(user.kdf_salt), formats.KdfParams.from_dict(user.kdf_params)
    )
    private_key = formats.unwrap_private_key(
        member.wrap_key(), bytes(user.wrapped_private_key), formats.wrap_aad(user.pk)
    )
    salt = os.urandom(16)
    secret, wrap = derive(new_passphrase, salt, KDF)
    return {
        "old_login_secret": formats.b64e(old_secret),
        "salt": formats.b64e(salt),
        "kdf": KDF.to_dict(),
        "login_secret": formats.b64e(secret),
        "wrapped_private_key": formats.b64e(
            formats.wrap_private_key(wrap, private_key, formats.wrap_aad(user.pk))
        ),
    }


def test_a_member_changes_her_passphrase_and_keeps_her_keys(
    client: Client, admin_a: Member, keys_a: ProgramKeys
) -> None:
    elsewhere = Client()
    sign_in(elsewhere, admin_a)
    sign_in(client, admin_a, steps_ahead=1)
    body = change_body(admin_a, admin_a.passphrase, NEW_PASSPHRASE)
    assert post(client, "account/passphrase", body).json() == {"ok": True}
    # This session goes on; the other one ended.
    assert client.get("/accounts/api/me").status_code == 200
    assert elsewhere.get("/accounts/api/me").status_code == 401
    assert Entry.objects.filter(action="passphrase_changed", target=str(admin_a.user.pk)).exists()

    admin_a.passphrase = NEW_PASSPHRASE
    admin_a.user.refresh_from_db()
    # The same grant opens with the new passphrase's wrap key.
    assert open_grants(admin_a, client.get("/accounts/api/me").json()) == {1: keys_a.private_key}
    # The new login secret is the one the server takes now; the old one is not.
    fresh = Client()
    pre = post(fresh, "prelogin", {"email": admin_a.user.email}).json()
    assert pre["kdf"] == KDF.to_dict()
    secret = admin_a.login_secret(formats.b64d(pre["salt"]), pre["kdf"])
    assert (
        post(fresh, "login", {"email": admin_a.user.email, "login_secret": secret}).json()["next"]
        == "second_factor"
    )
    assert (
        post(
            Client(),
            "login",
            {"email": admin_a.user.email, "login_secret": body["old_login_secret"]},
        ).status_code
        == 400
    )


def test_a_change_needs_the_old_passphrase(client: Client, admin_a: Member) -> None:
    sign_in(client, admin_a)
    body = change_body(admin_a, "not the passphrase at all", NEW_PASSPHRASE)
    answer = post(client, "account/passphrase", body)
    assert (answer.status_code, answer.json()) == (400, {"error": "wrong_passphrase"})
    weak = change_body(admin_a, admin_a.passphrase, NEW_PASSPHRASE)
    weak["kdf"] = {"algorithm": "argon2id", "time_cost": 1, "memory_kib": 1024, "parallelism": 1}
    assert post(client, "account/passphrase", weak).json() == {"error": "bad_kdf"}
    assert post(Client(), "account/passphrase", weak).status_code == 401


def page_data(client: Client, token: str) -> dict[str, Any]:
    found = re.search(
        r'<script id="havre-signup-data" type="application/json">(.*?)</script>',
        client.get(f"/accounts/signup/{token}/").content.decode(),
    )
    assert found
    return dict(json.loads(found.group(1)))


def test_a_forgotten_passphrase_is_reset_by_an_admin_and_costs_the_grants(
    client: Client, admin_a: Member, advocate_a: Member, admin_b: Member, keys_a: ProgramKeys
) -> None:
    # The advocate held the key before she forgot her passphrase.
    sign_in(client, admin_a)
    me = post(client, "prelogin", {"email": advocate_a.user.email})
    sealed = formats.seal(
        bytes(advocate_a.user.public_key),
        keys_a.private_key,
        formats.grant_info(keys_a.program.pk, 1, advocate_a.user.pk),
    )
    assert post(
        client,
        "grants",
        {"user_id": str(advocate_a.user.pk), "epoch": 1, "sealed_key": formats.b64e(sealed)},
    ).json() == {"ok": True}
    assert me.status_code == 200
    her_session = Client()
    sign_in(her_session, advocate_a)

    outsider = Client()
    sign_in(outsider, admin_b)
    assert post(outsider, f"team/{advocate_a.user.pk}/reset-passphrase").status_code == 404
    link = post(client, f"team/{advocate_a.user.pk}/reset-passphrase").json()["link"]
    assert Entry.objects.filter(action="passphrase_reset_issued").count() == 1
    token = link.rstrip("/").rsplit("/", 1)[1]

    page = Client()
    data = page_data(page, token)
    assert data["stage"] == "new_passphrase"
    assert data["salt"] is None
    assert data["needs_program_key"] is False
    salt = os.urandom(16)
    secret, wrap = derive(NEW_PASSPHRASE, salt, KDF)
    private_key, public_key = formats.generate_keypair()
    body = {
        "salt": formats.b64e(salt),
        "kdf": KDF.to_dict(),
        "login_secret": formats.b64e(secret),
        "public_key": formats.b64e(public_key),
        "wrapped_private_key": formats.b64e(
            formats.wrap_private_key(wrap, private_key, formats.wrap_aad(advocate_a.user.pk))
        ),
    }
    # She keeps her second factor, so there is nothing to enrol.
    assert post(page, f"signup/{token}", body).json() == {"next": "done"}
    assert post(page, f"signup/{token}", body).status_code == 404

    user = User.objects.get(pk=advocate_a.user.pk)
    assert bytes(user.public_key) == public_key
    assert not Grant.objects.filter(user=user).exists()
    assert her_session.get("/accounts/api/me").status_code == 401
    assert Entry.objects.filter(action="passphrase_reset", target=str(user.pk)).exists()

    advocate_a.passphrase = NEW_PASSPHRASE
    advocate_a.user = user
    fresh = Client()
    sign_in(fresh, advocate_a, steps_ahead=1)
    assert fresh.get("/accounts/api/me").json()["grants"] == []
    # The team shows her waiting again; the admin grants the key to the new public key.
    member = next(
        m for m in client.get("/accounts/api/team").json()["members"] if m["id"] == str(user.pk)
    )
    assert (member["has_grant"], member["public_key"]) == (False, formats.b64e(public_key))


def test_only_admins_issue_resets_for_members_who_signed_up(
    client: Client, advocate_a: Member, admin_a: Member, dana: User
) -> None:
    sign_in(client, advocate_a)
    assert post(client, f"team/{admin_a.user.pk}/reset-passphrase").status_code == 403
    admin = Client()
    sign_in(admin, admin_a)
    # Dana was invited and never chose a passphrase: she needs her sign-up link, not a reset.
    assert post(admin, f"team/{dana.pk}/reset-passphrase").json() == {"error": "not_signed_up"}
