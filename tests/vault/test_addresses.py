"""Every kind of texter address has one canonical form, a route of its own and a shared block."""

from __future__ import annotations

from datetime import timedelta

import pytest

from havre.vault.addresses import (
    AddressKind,
    InvalidAddressError,
    block_subject,
    normalize,
    reply_window,
    route_subject,
)

SIGNAL_UUID = "6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f"


@pytest.mark.parametrize(
    ("kind", "raw", "canonical"),
    [
        (AddressKind.PHONE, "+33 6 47 25 81 39", "+33647258139"),
        (AddressKind.WHATSAPP, "33647258139", "+33647258139"),
        (AddressKind.WHATSAPP, "+33647258139", "+33647258139"),
        (AddressKind.WHATSAPP, "US.13491208655302741918", "US.13491208655302741918"),
        (AddressKind.WHATSAPP, "US.ENT.11815799212886844830", "US.ENT.11815799212886844830"),
        (AddressKind.MESSENGER, "6456078781510718", "6456078781510718"),
        (AddressKind.SIGNAL, SIGNAL_UUID.upper(), SIGNAL_UUID),
        (AddressKind.SIGNAL, "+33647258139", "+33647258139"),
    ],
)
def test_each_kind_has_one_canonical_form(kind, raw, canonical):
    assert normalize(kind, raw) == canonical
    assert normalize(kind, canonical) == canonical


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (AddressKind.PHONE, "PROMO"),
        (AddressKind.PHONE, "0647258139"),
        (AddressKind.WHATSAPP, "us.1349"),
        (AddressKind.WHATSAPP, "Sheena Nelson"),
        (AddressKind.WHATSAPP, "1"),
        (AddressKind.MESSENGER, "m_abc"),
        (AddressKind.MESSENGER, "+33647258139"),
        (AddressKind.SIGNAL, "not-a-uuid"),
        (AddressKind.SIGNAL, "{" + SIGNAL_UUID + "}"),
        (AddressKind.SIGNAL, SIGNAL_UUID.replace("-", "")),
        (AddressKind.SIGNAL, ""),
    ],
)
def test_anything_else_is_refused_without_quoting_it(kind, raw):
    with pytest.raises(InvalidAddressError) as refused:
        normalize(kind, raw)
    assert raw not in str(refused.value) or raw == ""


def test_routes_keep_channels_apart_but_sms_keeps_its_old_routes():
    number = "+33647258139"
    assert route_subject(AddressKind.PHONE, number) == number
    assert route_subject(AddressKind.WHATSAPP, number) == "whatsapp:" + number
    assert route_subject(AddressKind.SIGNAL, number) == "signal:" + number
    assert route_subject(AddressKind.SIGNAL, SIGNAL_UUID) == "signal:" + SIGNAL_UUID


def test_a_block_on_a_number_holds_on_every_app_that_gives_the_number():
    number = "+33647258139"
    subjects = {block_subject(kind, number) for kind in AddressKind}
    assert subjects == {number}
    assert block_subject(AddressKind.SIGNAL, SIGNAL_UUID) == "signal:" + SIGNAL_UUID
    assert block_subject(AddressKind.MESSENGER, "645607") == "messenger:645607"


def test_only_meta_channels_limit_when_a_reply_may_go():
    assert reply_window(AddressKind.WHATSAPP) == timedelta(hours=24)
    assert reply_window(AddressKind.MESSENGER) == timedelta(hours=24)
    assert reply_window(AddressKind.PHONE) is None
    assert reply_window(AddressKind.SIGNAL) is None
