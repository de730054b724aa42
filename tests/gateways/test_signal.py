"""Signal through signal-cli: events read, stored, and only then acknowledged; replies by JSON-RPC."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from havre import tasks_backend
from havre.conversations import actions
from havre.conversations.actions.channels import ChannelError
from havre.conversations.models import Delivery
from havre.gateways.actions import add_channel, remove_channel, stream_position
from havre.gateways.base import SendError
from havre.gateways.refs import provider_ref
from havre.gateways.registry import gateway_for
from havre.gateways.signal import sse
from havre.gateways.signal.consumer import StreamConsumer
from havre.gateways.signal.fake import FakeSignalCli
from havre.gateways.signal.service import SignalService
from havre.gateways.signal.wire import outbound_key
from havre.vault.models import Epoch
from tests.gateways.fakes import SIGNAL_NUMBER
from tests.gateways.scan import address_of, found_in_database, received, text_of

FIXTURES = Path(__file__).resolve().parents[2] / "havre" / "gateways" / "signal" / "fixtures"
PERSON = "6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f"
NAME = "Lina Moreau"


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def event_of(data: dict[str, Any], event_id: str = "1-1") -> sse.Event:
    return sse.Event(event_id, "receive", json.dumps(data))


def consumer_for(channel, **options: Any) -> StreamConsumer:
    defaults = {"read_timeout": 2.0, "lease_seconds": 6, "first_backoff": 0.05, "max_backoff": 0.2}
    return StreamConsumer(channel.pk, "test-holder", **{**defaults, **options})


def eventually(check: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("not reached in time")


# -- the stream and its events ------------------------------------------------------


def test_the_sample_stream_reads_as_signal_cli_writes_it():
    lines = (FIXTURES / "events.sse").read_text().split("\n")
    found = list(sse.events(lines))
    assert [(e.id, e.event) for e in found] == [
        ("1764590300000-41", "receive"),
        ("1764590300000-42", "receive"),
    ]
    assert json.loads(found[0].data) == sample("receive_text.json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "body", "media"),
    [
        ("receive_text.json", "Est-ce que je peux écrire ici sans qu'il le voie ?", 0),
        ("receive_attachment.json", "screenshot of his messages", 1),
        ("receive_sticker.json", "", 1),
        ("receive_contact.json", "", 1),
        ("receive_reaction.json", "🙏", 0),
    ],
)
def test_the_samples_keep_only_her_words_and_a_count(signal_a, keys_a, name, body, media):
    assert consumer_for(signal_a).handle(signal_a, event_of(sample(name)))
    [message] = received()
    assert (text_of(message, keys_a), message.media_count) == (body, media)
    assert address_of(message.conversation, keys_a) == PERSON
    assert message.provider_id.startswith("h1:")
    private = [NAME, "Lina", PERSON, "Marc", "Delorme", "+15550104321", "Screenshot_2026", "Xq9Jb2"]
    assert found_in_database(private) == []


@pytest.mark.django_db
def test_her_account_is_her_address_even_when_signal_shows_her_number(signal_a, keys_a):
    assert consumer_for(signal_a).handle(signal_a, event_of(sample("receive_with_number.json")))
    assert address_of(received()[0].conversation, keys_a) == PERSON


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["receive_group.json", "receive_typing.json", "receive_sync.json", "receipt_read.json"]
)
def test_what_is_not_her_message_stores_nothing(signal_a, name):
    assert consumer_for(signal_a).handle(signal_a, event_of(sample(name)))
    assert received() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"envelope": "x"},
        {"envelope": {"sourceUuid": "not-a-uuid", "dataMessage": {"timestamp": 1, "message": "x"}}},
        {"envelope": {"sourceUuid": PERSON, "dataMessage": {"timestamp": "1", "message": "x"}}},
        {"envelope": {"sourceUuid": PERSON, "dataMessage": {"timestamp": 1, "message": 3}}},
        {"envelope": {"sourceUuid": PERSON, "receiptMessage": {"timestamps": "x"}}},
        {"exception": {"message": "decryption failed", "type": "ProtocolInvalidMessageException"}},
    ],
)
def test_a_malformed_event_is_skipped_and_stores_nothing(signal_a, data):
    assert consumer_for(signal_a).handle(signal_a, event_of(data))
    assert received() == []


@pytest.mark.django_db
def test_another_accounts_event_is_left_alone(signal_a):
    data = sample("receive_text.json")
    data["account"] = "+15550102222"
    assert consumer_for(signal_a).handle(signal_a, event_of(data))
    assert received() == []


@pytest.mark.django_db
def test_an_event_that_cannot_be_stored_yet_stops_the_reading_there(signal_a, keys_a):
    keys_a.epoch.delete()
    assert not consumer_for(signal_a).handle(signal_a, event_of(sample("receive_text.json")))
    assert received() == []


@pytest.mark.django_db
def test_a_removed_channel_stores_nothing_more_at_once(signal_a):
    consumer = consumer_for(signal_a)
    remove_channel(signal_a)
    assert not consumer.handle(signal_a, event_of(sample("receive_text.json")))
    assert received() == []


# -- the consumer, reading the fake daemon's stream in its own thread --------------------


@pytest.fixture
def running(signal_a):
    consumers: list[StreamConsumer] = []

    def start(**options: Any) -> StreamConsumer:
        consumer = consumer_for(signal_a, **options)
        consumers.append(consumer)
        consumer.start()
        return consumer

    yield start
    for consumer in consumers:
        consumer.stop()


@pytest.mark.django_db(transaction=True)
def test_texts_are_stored_then_acknowledged_and_a_reconnection_asks_for_the_rest(
    fake_signal: FakeSignalCli, signal_a, keys_a, running
):
    consumer = running()
    assert consumer.connected.wait(5)
    first, _ = fake_signal.receive(PERSON, "première")
    eventually(lambda: stream_position(signal_a) == first)
    assert [text_of(m, keys_a) for m in received()] == ["première"]

    fake_signal.drop_connections()
    # What arrives while Havre is away waits in signal-cli, and comes when it reconnects.
    second, _ = fake_signal.receive(PERSON, "deuxième")
    third, _ = fake_signal.receive(PERSON, "troisième")
    eventually(lambda: stream_position(signal_a) == third)
    assert [text_of(m, keys_a) for m in received()] == ["première", "deuxième", "troisième"]
    assert fake_signal.connections[0] == "0"
    assert first in fake_signal.connections[1:]
    assert second != third


@pytest.mark.django_db(transaction=True)
def test_a_text_that_cannot_be_stored_is_offered_again_until_it_can(
    fake_signal: FakeSignalCli, signal_a, keys_a, running
):
    public_key = bytes(keys_a.epoch.public_key)
    keys_a.epoch.delete()
    consumer = running()
    assert consumer.connected.wait(5)
    event_id, _ = fake_signal.receive(PERSON, "gardez-le")
    eventually(lambda: len(fake_signal.connections) >= 3)
    assert received() == []
    assert stream_position(signal_a) == ""

    Epoch.objects.create(program=keys_a.program, number=1, public_key=public_key)
    eventually(lambda: stream_position(signal_a) == event_id)
    assert [text_of(m, keys_a) for m in received()] == ["gardez-le"]


@pytest.mark.django_db(transaction=True)
def test_after_signal_cli_restarts_what_it_kept_is_read_again_and_stored_once(
    fake_signal: FakeSignalCli, signal_a, keys_a, running
):
    consumer = running()
    assert consumer.connected.wait(5)
    _, stamp = fake_signal.receive(PERSON, "avant")
    eventually(lambda: len(received()) == 1)
    fake_signal.restart()
    # The new daemon does not know Havre's last event id: it sends all it kept,
    # here the same message again (Signal redelivers it) and a new one.
    fake_signal.receive(PERSON, "avant", timestamp=stamp)
    after, _ = fake_signal.receive(PERSON, "après")
    eventually(lambda: stream_position(signal_a) == after)
    assert sorted(text_of(m, keys_a) for m in received()) == ["après", "avant"]


@pytest.mark.django_db(transaction=True)
def test_two_processes_never_read_one_stream(fake_signal: FakeSignalCli, signal_a, running):
    first = running()
    assert first.connected.wait(5)
    second = StreamConsumer(signal_a.pk, "other-holder", read_timeout=2.0, lease_seconds=6)
    second.start()
    try:
        time.sleep(0.5)
        assert not second.connected.is_set()
        assert len(fake_signal.connections) == 1
    finally:
        second.stop()


@pytest.mark.django_db(transaction=True)
def test_the_service_starts_a_consumer_per_channel_and_stops_it_on_removal(
    fake_signal: FakeSignalCli, signal_a
):
    service = SignalService(scan_seconds=0.1, read_timeout=2.0, first_backoff=0.05)
    service.start()
    try:
        eventually(lambda: signal_a.pk in service.consumers)
        consumer = service.consumers[signal_a.pk]
        assert consumer.connected.wait(5)
        remove_channel(signal_a)
        eventually(lambda: signal_a.pk not in service.consumers)
        fake_signal.receive(PERSON, "trop tard")
        time.sleep(0.3)
        assert received() == []
    finally:
        service.stop()


# -- sending -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reply_is_sent_to_her_account_and_her_receipt_delivers_it(
    fake_signal: FakeSignalCli, signal_a, alice, django_capture_on_commit_callbacks
):
    fake_signal.people[PERSON] = None
    consumer = consumer_for(signal_a)
    assert consumer.handle(signal_a, event_of(sample("receive_text.json")))
    conversation = received()[0].conversation
    with django_capture_on_commit_callbacks(execute=True):
        message = actions.queue_reply(
            conversation,
            author=alice,
            message_id=uuid.uuid4(),
            body="Nous sommes là.",
            body_sealed=b"sealed by the browser" * 4,
            number=PERSON,
            epoch=1,
        )
    message.refresh_from_db()
    [call] = fake_signal.sent
    assert call.params == {
        "account": SIGNAL_NUMBER,
        "recipient": [PERSON],
        "message": "Nous sommes là.",
    }
    assert message.provider_id == provider_ref(signal_a.pk, outbound_key(PERSON, call.timestamp))
    receipt = sample("receipt_delivery.json")
    receipt["envelope"]["receiptMessage"]["timestamps"] = [call.timestamp]
    assert consumer.handle(signal_a, event_of(receipt))
    message.refresh_from_db()
    assert message.status == Delivery.DELIVERED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("failure", "transient", "code"),
    [
        ({"code": -5}, True, "rate-limited"),
        ({"code": -3}, True, "io"),
        ({"code": -4}, False, "untrusted-identity"),
        ({"result": "IDENTITY_FAILURE"}, False, "untrusted-identity"),
        ({"result": "UNREGISTERED_FAILURE"}, False, "unregistered"),
        ({"result": "NETWORK_FAILURE"}, True, "network"),
    ],
)
def test_signal_cli_refusals_say_whether_to_try_again(
    fake_signal, signal_a, failure, transient, code
):
    fake_signal.people[PERSON] = None
    fake_signal.fail_next(**failure)
    with pytest.raises(SendError) as failed:
        gateway_for(signal_a).send(signal_a, to=PERSON, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (transient, code)


@pytest.mark.django_db
def test_a_daemon_that_is_down_means_try_again_later(signal_a, fake_signal):
    signal_a.config["rpc_url"] = "http://127.0.0.1:9"
    with pytest.raises(SendError) as failed:
        gateway_for(signal_a).send(signal_a, to=PERSON, body="x", status_callback="")
    assert (failed.value.transient, failed.value.code) == (True, "network")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rpc_url", "message"),
    [
        ("http://192.168.1.5:8080", "127.0.0.1"),
        ("https://127.0.0.1:8080", "--http address"),
        ("http://127.0.0.1", "port"),
        ("http://127.0.0.1:8080/api/v1/rpc", "--http address"),
    ],
)
def test_the_daemon_must_be_on_this_computer(program_a, rpc_url, message):
    with pytest.raises(ChannelError, match=message):
        add_channel(program_a, "signal", rpc_url=rpc_url, number=SIGNAL_NUMBER)


@pytest.mark.django_db(transaction=True)
def test_the_worker_and_the_embedded_server_start_the_signal_service(
    fake_signal: FakeSignalCli, signal_a, keys_a, settings
):
    assert settings.HAVRE_SERVICES == ["havre.gateways.signal.service.SignalService"]
    services = tasks_backend.start_services()
    try:
        [service] = services
        assert isinstance(service, SignalService)
        eventually(lambda: signal_a.pk in service.consumers)
        assert service.consumers[signal_a.pk].connected.wait(5)
        fake_signal.receive(PERSON, "par le service")
        eventually(lambda: len(received()) == 1)
        assert text_of(received()[0], keys_a) == "par le service"
    finally:
        tasks_backend.stop_services(services)
