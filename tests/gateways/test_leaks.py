"""A conversation on every channel, then a search for everything private it carried.

On each channel a texter writes (with her profile name, a place, a contact
card and a photo where the channel carries them), the automatic replies go
out, an advocate answers, the provider reports delivery, and the texter is
blocked. Then the database (every row, and the database file with its WAL, or
a dump on PostgreSQL), every log line and every answer Havre gave the
providers are searched for the texts, the addresses in every common form and
the names: none may be found. The helpline's own numbers and the staff's
addresses are stored in clear by design, and are found, which shows the
search sees what is there.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection

from havre.conversations import actions
from havre.conversations.models import Conversation, Delivery, Direction, Message
from havre.gateways.refs import provider_ref
from havre.gateways.signal.consumer import StreamConsumer
from havre.gateways.signal.wire import outbound_key
from havre.safety import actions as safety
from havre.vault import formats
from tests.conftest import ProgramKeys, need
from tests.gateways.fakes import (
    GATEWAY_NUMBER,
    MESSENGER_A,
    SIGNAL_NUMBER,
    WHATSAPP_A,
    url_of,
    vonage_account,
)
from tests.gateways.scan import found_in_database

pytestmark = pytest.mark.django_db(transaction=True)

WHATSAPP_TEXTER = "16505551234"
WHATSAPP_NAME = "Maya Lindqvist"
WHATSAPP_BSUID = "US.13491208655302741918"
SIGNAL_TEXTER = "6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f"
SIGNAL_NAME = "Lina Moreau"
PSID = "6456078781510718"
VONAGE_TEXTER = "+447700900123"
GATEWAY_TEXTER = "+33612340001"
TWILIO_TEXTER = "+33647258139"


def number_forms(e164: str) -> list[str]:
    digits = e164.removeprefix("+")
    national = digits[2:] if digits.startswith(("33", "44")) else digits[1:]
    return [e164, digits, "0" + national, national[-8:]]


def private_words(channel: str) -> list[str]:
    return [f"secret in on {channel}", f"secret out on {channel}", f"ma rue sur {channel}"]


class Scenario:
    """What one channel's conversation carried, and what Havre answered along the way."""

    def __init__(self, keys: ProgramKeys, alice: Any, capture: Callable[..., Any]) -> None:
        self.keys, self.alice, self.capture = keys, alice, capture
        self.answers: list[str] = []
        self.needles: list[str] = []

    def heard(self, response: httpx.Response) -> None:
        assert response.status_code == 200, response.text
        self.answers.append(response.text)

    def reply_and_block(self, conversation: Conversation, address: str, body: str) -> Message:
        message_id = uuid.uuid4()
        info = formats.message_info(self.keys.program.pk, conversation.pk, message_id, "out")
        sealed = formats.seal(bytes(self.keys.epoch.public_key), body.encode(), info)
        with self.capture(execute=True):
            reply = actions.queue_reply(
                conversation,
                author=self.alice,
                message_id=message_id,
                body=body,
                body_sealed=sealed,
                number=address,
                epoch=self.keys.epoch.number,
            )
        reply.refresh_from_db()
        assert reply.status in (Delivery.SENDING, Delivery.SENT), reply.error_code
        return reply

    def block(self, conversation: Conversation, address: str) -> None:
        label = formats.seal(bytes(self.keys.epoch.public_key), b"a label", b"label")
        safety.block_texter(
            conversation,
            by=self.alice,
            number=address,
            block_id=uuid.uuid4(),
            label_sealed=label,
            epoch=self.keys.epoch.number,
        )


def last_inbound(channel: Any) -> Conversation:
    message = Message.objects.filter(channel=channel, direction=Direction.INBOUND).latest(
        "created_at"
    )
    return Conversation.objects.get(pk=message.conversation_id)


def test_no_channel_leaves_a_text_an_address_or_a_name_behind(
    keys_a, alice, sam, django_capture_on_commit_callbacks, caplog,
    channel_a, fake_twilio, whatsapp_a, fake_whatsapp, messenger_a, fake_messenger,
    vonage_a, fake_vonage, gateway_a, fake_sms_gateway, signal_a, fake_signal,
):  # fmt: skip
    caplog.set_level(logging.DEBUG)
    run = Scenario(keys_a, alice, django_capture_on_commit_callbacks)

    # SMS through Twilio.
    words = private_words("twilio")
    url = url_of(channel_a, "sms")
    run.heard(fake_twilio.inbound(url, sender=TWILIO_TEXTER, to=channel_a.address, body=words[0]))
    conversation = last_inbound(channel_a)
    run.reply_and_block(conversation, TWILIO_TEXTER, words[1])
    for sid in [c.sid for c in fake_twilio.sent if c.sid]:
        run.heard(fake_twilio.post_status(sid, "delivered"))
    run.block(conversation, TWILIO_TEXTER)
    run.needles += [*words, *number_forms(TWILIO_TEXTER)]

    # WhatsApp: a text, a place and a contact card, with her profile name.
    words = private_words("whatsapp")
    url = url_of(whatsapp_a)
    phone_id = WHATSAPP_A["phone_number_id"]
    run.heard(fake_whatsapp.send_text(url, phone_id, body=words[0]))
    place = fake_whatsapp.message(
        phone_id, wa_id=WHATSAPP_TEXTER, user_id=WHATSAPP_BSUID, name=WHATSAPP_NAME, kind="location",
        content={"latitude": 37.483307, "longitude": -122.148981, "name": words[2], "address": "1071 Crescent Hollow Road"},
    )  # fmt: skip
    run.heard(fake_whatsapp.post(fake_whatsapp.sign(url, phone_id, place)))
    card = fake_whatsapp.message(
        phone_id, wa_id=WHATSAPP_TEXTER, user_id=WHATSAPP_BSUID, name=WHATSAPP_NAME, kind="contacts",
        content=[{"name": {"formatted_name": "Tomas Reyes"}, "phones": [{"phone": "+16505559876", "wa_id": "16505559876"}]}],
    )  # fmt: skip
    run.heard(fake_whatsapp.post(fake_whatsapp.sign(url, phone_id, card)))
    conversation = last_inbound(whatsapp_a)
    run.reply_and_block(conversation, "+" + WHATSAPP_TEXTER, words[1])
    for call in fake_whatsapp.sent:
        assert call.wamid is not None
        run.heard(fake_whatsapp.post_status(url, call.wamid, "read"))
        run.needles.append(call.wamid)
    run.block(conversation, "+" + WHATSAPP_TEXTER)
    run.needles += [*words, *number_forms("+" + WHATSAPP_TEXTER), WHATSAPP_BSUID, WHATSAPP_NAME]
    run.needles += ["Maya", "Crescent Hollow", "37.483307", "Tomas Reyes", "16505559876"]

    # Messenger.
    words = private_words("messenger")
    url = url_of(messenger_a)
    page = MESSENGER_A["page_id"]
    run.heard(fake_messenger.send_text(url, page, PSID, words[0]))
    conversation = last_inbound(messenger_a)
    run.reply_and_block(conversation, PSID, words[1])
    for call in fake_messenger.sent:
        assert call.mid is not None
        delivered = fake_messenger.delivery(page, PSID, [call.mid])
        run.heard(fake_messenger.post(fake_messenger.sign(url, page, delivered)))
        run.needles.append(call.mid)
    run.block(conversation, PSID)
    run.needles += [*words, PSID]

    # SMS through Vonage, with a photo.
    words = private_words("vonage")
    vonage = vonage_account("a")
    run.heard(
        fake_vonage.send_text(
            url_of(vonage_a, "inbound"), to=vonage["number"], sender=VONAGE_TEXTER, text=words[0]
        )
    )
    photo = fake_vonage.inbound_payload(to=vonage["number"], sender=VONAGE_TEXTER, image=True)
    run.heard(
        fake_vonage.post(*fake_vonage.signed(url_of(vonage_a, "inbound"), vonage["number"], photo))
    )
    conversation = last_inbound(vonage_a)
    run.reply_and_block(conversation, VONAGE_TEXTER, words[1])
    for call in fake_vonage.sent:
        assert call.message_uuid is not None
        run.heard(
            fake_vonage.post_status(url_of(vonage_a, "status"), call.message_uuid, "delivered")
        )
    run.block(conversation, VONAGE_TEXTER)
    run.needles += [*words, *number_forms(VONAGE_TEXTER), photo["image"]["url"]]

    # SMS through a gateway phone.
    words = private_words("gateway")
    run.heard(fake_sms_gateway.send_text(url_of(gateway_a, "sms"), GATEWAY_TEXTER, words[0]))
    conversation = last_inbound(gateway_a)
    run.reply_and_block(conversation, GATEWAY_TEXTER, words[1])
    for call in fake_sms_gateway.sent:
        assert call.gateway_id is not None
        run.heard(fake_sms_gateway.post_status(call.gateway_id, "delivered"))
    run.block(conversation, GATEWAY_TEXTER)
    run.needles += [*words, *number_forms(GATEWAY_TEXTER)]

    # Signal, read from signal-cli's event stream, with her profile name and a photo.
    words = private_words("signal")
    consumer = StreamConsumer(signal_a.pk, "leak-test", read_timeout=2.0, first_backoff=0.05)
    consumer.start()
    try:
        assert consumer.connected.wait(5)
        fake_signal.receive(
            SIGNAL_TEXTER, words[0], number="+15550104444", name=SIGNAL_NAME, attachments=1
        )
        _wait(
            lambda: Message.objects.filter(channel=signal_a, direction=Direction.INBOUND).exists()
        )
        conversation = last_inbound(signal_a)
        run.reply_and_block(conversation, SIGNAL_TEXTER, words[1])
        stamps = [c.timestamp for c in fake_signal.sent if c.timestamp]
        fake_signal.receipt(SIGNAL_TEXTER, stamps)
        reply_ref = provider_ref(signal_a.pk, outbound_key(SIGNAL_TEXTER, stamps[-1]))
        _wait(
            lambda: Message.objects.filter(
                provider_id=reply_ref, status=Delivery.DELIVERED
            ).exists()
        )
    finally:
        consumer.stop()
    conversation.refresh_from_db()
    run.block(conversation, SIGNAL_TEXTER)
    run.needles += [
        *words,
        SIGNAL_TEXTER,
        SIGNAL_NAME,
        "Lina",
        *number_forms("+15550104444"),
        "IMG_0000",
    ]

    # Every channel's conversation went the whole way: replies out, reports back, blocked.
    assert (
        Message.objects.filter(direction=Direction.OUTBOUND, status=Delivery.DELIVERED).count() >= 6
    )
    assert not Conversation.objects.filter(status="open").exists()

    stored = _stored_bytes()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    # The search finds what is stored in clear by design.
    assert b"alice@a.example" in stored
    assert WHATSAPP_A["number"].encode() in stored
    assert GATEWAY_NUMBER.encode() in stored
    assert SIGNAL_NUMBER in logged or SIGNAL_NUMBER.encode() in stored

    assert found_in_database(run.needles) == []
    for needle in run.needles:
        for encoding in ("utf-8", "utf-16-le"):
            assert needle.encode(encoding) not in stored, f"{needle!r} in the database's files"
        assert needle not in logged, f"{needle!r} in the logs"
        for answer in run.answers:
            assert needle not in answer, f"{needle!r} in an answer to a provider"


def _wait(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.05)


def _stored_bytes() -> bytes:
    """The database as it lies on disk: the SQLite file and its WAL, or a dump of PostgreSQL."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        path = Path(str(settings["NAME"]))
        files = [path, path.with_name(path.name + "-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    need(shutil.which("pg_dump") is not None, "pg_dump is not installed")
    command = [
        "pg_dump", "--data-only", "-h", str(settings["HOST"] or "127.0.0.1"),
        "-p", str(settings["PORT"] or 5432), "-U", str(settings["USER"] or "postgres"),
        str(settings["NAME"]),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, check=True).stdout
