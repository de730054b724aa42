"""Whatever a signed Twilio form holds, Havre answers without a server error."""

from __future__ import annotations

import random
import zlib
from urllib.parse import urlencode

import pytest

from havre.gateways.registry import webhook_urls
from havre.gateways.twilio.fake import twilio_signature
from tests.conftest import CHANNEL_A_TOKEN
from tests.gateways.conftest import for_channel
from tests.gateways.fuzz import ODD_VALUES

pytestmark = pytest.mark.django_db

ODD_TEXTS = [v for v in ODD_VALUES if isinstance(v, str) and "\ud800" not in v] + [
    "-1", "999999999999999999999", "1e3", "AC" + "0" * 32, "SM" + "f" * 32, "+33 6 00", "%00",
]  # fmt: skip


def mutated(params: dict[str, str], rng: random.Random) -> list[tuple[str, str]]:
    pairs = list(params.items())
    index = rng.randrange(len(pairs))
    action = rng.randrange(4)
    if action == 0:
        del pairs[index]
    elif action == 1:
        pairs[index] = (pairs[index][0], rng.choice(ODD_TEXTS))
    elif action == 2:
        pairs.append((pairs[index][0], rng.choice(ODD_TEXTS)))
    else:
        pairs.append((rng.choice(ODD_TEXTS) or "Extra", pairs[index][1]))
    return pairs


@pytest.mark.parametrize(
    "name",
    [
        "sms_received.form",
        "sms_received_photo.form",
        "status_delivered.form",
        "status_failed_30008.form",
    ],
)
def test_mutated_samples_never_cause_a_server_error(twilio, channel_a, name):
    event = "sms" if name.startswith("sms") else "status"
    url = webhook_urls(channel_a)[event]
    rng = random.Random(zlib.crc32(name.encode()))  # noqa: S311 (seeded on purpose: a failure must replay)
    statuses: list[int] = []
    for _ in range(40):
        pairs = mutated(for_channel(channel_a, name), rng)
        # Signed as Twilio signs a form, repeated fields included: every value, sorted.
        data = url + "".join(k + v for k, v in sorted(pairs))
        signature = twilio_signature(CHANNEL_A_TOKEN, data, {})
        response = twilio.http.post(
            url,
            content=urlencode(pairs),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": signature,
            },
        )
        statuses.append(response.status_code)
        assert response.status_code in (200, 400, 403), pairs
    # Most mutations get past the signature (the twilio library reads some repeated
    # fields differently) and reach the parser.
    assert statuses.count(403) < len(statuses) // 4, statuses
