"""Whatever a signed WhatsApp payload holds, Havre answers without a server error."""

from __future__ import annotations

import json
import zlib

import pytest

from havre.gateways.meta.fake import SignedPost, meta_signature
from tests.gateways.fakes import WHATSAPP_A, url_of
from tests.gateways.fuzz import mutations, noise
from tests.gateways.test_whatsapp_inbound import FIXTURES, fixture

pytestmark = pytest.mark.django_db

SAMPLES = sorted(p.name for p in FIXTURES.glob("*_received.json")) + sorted(
    p.name for p in FIXTURES.glob("status_*.json")
)


@pytest.mark.parametrize("name", SAMPLES)
def test_mutated_samples_never_cause_a_server_error(fake_whatsapp, whatsapp_a, name):
    url = url_of(whatsapp_a)
    statuses = set()
    for index, payload in enumerate(
        mutations(fixture(name), count=40, seed=zlib.crc32(name.encode()))
    ):
        body = json.dumps(payload).encode()
        webhook = SignedPost(url, body, meta_signature(WHATSAPP_A["app_secret"], body))
        response = fake_whatsapp.post(webhook)
        assert response.status_code < 500, (name, index, payload)
        statuses.add(response.status_code)
    assert statuses <= {200, 400}


def test_signed_noise_is_refused_as_malformed(fake_whatsapp, whatsapp_a):
    url = url_of(whatsapp_a)
    for body in noise(24, seed=7):
        webhook = SignedPost(url, body, meta_signature(WHATSAPP_A["app_secret"], body))
        assert fake_whatsapp.post(webhook).status_code in (400, 413)
