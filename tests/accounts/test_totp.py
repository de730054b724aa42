"""Second-factor codes: the drift allowed, each step once, secrets boxed per member."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from havre.accounts import totp
from havre.accounts.models import User
from havre.vault.formats import FormatError
from tests.accounts.helpers import Member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 29, 12, 0, 10, tzinfo=UTC)


def code_at(member: Member, at: datetime) -> str:
    return pyotp.TOTP(member.totp_secret).at(at)


def test_one_step_of_drift_either_way(advocate_a: Member) -> None:
    secret = advocate_a.totp_secret
    for seconds in (-30, 0, 30):
        assert totp.matching_step(
            secret, code_at(advocate_a, NOW + timedelta(seconds=seconds)), NOW
        )
    for seconds in (-90, 90):
        assert (
            totp.matching_step(secret, code_at(advocate_a, NOW + timedelta(seconds=seconds)), NOW)
            is None
        )
    assert totp.matching_step(secret, "12 34", NOW) is None
    assert totp.matching_step(secret, "abcdef", NOW) is None


def test_each_step_is_used_once_and_never_an_older_one(advocate_a: Member) -> None:
    user = advocate_a.user
    current = code_at(advocate_a, NOW)
    assert totp.verify(user, current, NOW)
    assert not totp.verify(User.objects.get(pk=user.pk), current, NOW)
    earlier = code_at(advocate_a, NOW - timedelta(seconds=30))
    assert not totp.verify(User.objects.get(pk=user.pk), earlier, NOW)
    later = code_at(advocate_a, NOW + timedelta(seconds=30))
    assert totp.verify(User.objects.get(pk=user.pk), later, NOW)


def test_a_code_works_for_its_own_member_only(advocate_a: Member, admin_b: Member) -> None:
    # Program B's admin cannot pass as A's advocate with their own authenticator
    # (unless the two six-digit codes happen to coincide, one chance in a million).
    theirs = code_at(admin_b, NOW)
    if theirs != code_at(advocate_a, NOW):
        assert not totp.verify(advocate_a.user, theirs, NOW)
    assert totp.read_secret(admin_b.user) == admin_b.totp_secret


def test_a_boxed_secret_does_not_open_on_another_row(advocate_a: Member, admin_b: Member) -> None:
    stolen = User.objects.get(pk=admin_b.user.pk)
    stolen.totp_secret_box = advocate_a.user.totp_secret_box
    with pytest.raises(FormatError):
        totp.read_secret(stolen)
    assert advocate_a.totp_secret.encode() not in bytes(advocate_a.user.totp_secret_box)


def test_enrolment_is_confirmed_by_a_first_code(advocate_a: Member) -> None:
    user = advocate_a.user
    secret = totp.new_secret()
    totp.store_secret(user, secret)
    assert not totp.is_enrolled(user)
    assert totp.confirm(user, pyotp.TOTP(secret).at(NOW), NOW)
    assert totp.is_enrolled(User.objects.get(pk=user.pk))
    assert "Refuge%20A" in totp.provisioning_uri(user, secret)
