"""The console websocket: who may connect, which events reach whom, and sign-out."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.test import Client

from havre import tasks_backend
from havre.accounts import sessions
from havre.accounts.models import User
from havre.accounts.sessions import end_sessions
from havre.asgi import application
from havre.console import consumers
from havre.conversations.models import Message
from havre.events import program_group
from tests.console.conftest import Thread, start_thread, text_in
from tests.console.wsclient import Socket

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def session_cookie(user: User | None) -> bytes:
    if user is None:
        return b""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def communicator(cookie: bytes) -> Socket:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie))
    return Socket(application, "/ws/console/", headers)


@asynccontextmanager
async def console_socket(user: User) -> AsyncIterator[Socket]:
    socket = communicator(await sync_to_async(session_cookie)(user))
    connected, _ = await socket.connect()
    assert connected
    try:
        yield socket
    finally:
        await socket.disconnect()


async def test_anonymous_and_made_up_sessions_are_refused():
    for cookie in (b"", f"{settings.SESSION_COOKIE_NAME}=madeup".encode()):
        socket = communicator(cookie)
        connected, code = await socket.connect()
        assert not connected
        assert code == consumers.CLOSE_SIGNED_OUT
        await socket.disconnect()


async def every_event(socket: Socket) -> list[dict[str, Any]]:
    """What the socket received until it fell quiet."""
    received = [await socket.receive_json_from(timeout=2)]
    while not await socket.receive_nothing(timeout=0.3):
        received.append(await socket.receive_json_from(timeout=2))
    return received


async def test_events_reach_their_own_program_only(
    channel_a: Any, channel_b: Any, keys_a: Any, alice: User, sam: User, charlie: User
):
    async with console_socket(alice) as a1, console_socket(sam) as a2, console_socket(charlie) as b:
        thread: Thread = await sync_to_async(start_thread)(channel_a, keys_a, "help")
        # The text and the automatic replies answering it (one number each), in
        # one event; then their sending.
        seen = await every_event(a1)
        stored = await Message.objects.filter(conversation=thread.conversation).acount()
        assert seen[0] == {
            "type": "conversation",
            "conversation": str(thread.conversation.pk),
            "seq": stored,
        }
        assert {e["conversation"] for e in seen} == {str(thread.conversation.pk)}
        assert await every_event(a2) == seen
        assert await b.receive_nothing(timeout=0.3)

        await sync_to_async(text_in)(channel_b, "Bonjour", sender="+33612345678")
        [b_event] = [await b.receive_json_from(timeout=2)]
        assert b_event["type"] == "conversation"
        assert b_event["conversation"] != str(thread.conversation.pk)
        assert await a1.receive_nothing(timeout=0.3)


@pytest.fixture
def queue_held(settings: Any, tmp_path: Path) -> Iterator[None]:
    """A task queue that keeps what it is given: nothing is sent, so no send moves a conversation."""
    settings.HAVRE_HUEY = {
        "immediate": False,
        "name": f"havre-test-{uuid.uuid4().hex[:8]}",
        "redis_url": None,
        "sqlite_path": tmp_path / "tasks.sqlite3",
        "workers": 1,
    }
    tasks_backend.get_huey.cache_clear()
    yield
    tasks_backend.get_huey.cache_clear()


async def test_an_arrival_is_one_event_at_its_last_number(
    channel_a: Any, keys_a: Any, alice: User, queue_held: None
):
    async with console_socket(alice) as socket:
        # A new conversation: the text and its automatic replies, one number each.
        thread: Thread = await sync_to_async(start_thread)(channel_a, keys_a, "hello")
        conversation = str(thread.conversation.pk)
        opened = await every_event(socket)
        stored = await Message.objects.filter(conversation=thread.conversation).acount()
        assert stored >= 5
        assert opened == [{"type": "conversation", "conversation": conversation, "seq": stored}]

        # A follow-up: one more number, one more event.
        await sync_to_async(text_in)(channel_a, "are you there?")
        assert await every_event(socket) == [
            {"type": "conversation", "conversation": conversation, "seq": stored + 1}
        ]

        # What the console fetches after the number it knew holds every message.
        client = Client()
        await sync_to_async(client.force_login)(alice)
        url = f"/console/api/conversations/{conversation}"
        for after, expected in ((0, range(1, stored + 2)), (stored, [stored + 1])):
            response = await sync_to_async(client.get)(url, {"after": after})
            assert response.status_code == 200
            assert sorted(m["seq"] for m in response.json()["messages"]) == list(expected)


async def test_events_carry_ids_and_sequence_numbers_only(channel_a: Any, keys_a: Any, alice: User):
    async with console_socket(alice) as socket:
        await sync_to_async(text_in)(channel_a, "my address is 12 rue des Lilas")
        event = await socket.receive_json_from(timeout=2)
        assert set(event) == {"type", "conversation", "seq"}
        assert "Lilas" not in str(event)


async def test_signing_out_closes_that_sessions_sockets_only(alice: User):
    leaving = Client()
    await sync_to_async(leaving.force_login)(alice)
    cookie = f"{settings.SESSION_COOKIE_NAME}={leaving.cookies[settings.SESSION_COOKIE_NAME].value}"
    socket = communicator(cookie.encode())
    assert (await socket.connect())[0]
    async with console_socket(alice) as other_tab_elsewhere:
        await sync_to_async(leaving.logout)()
        output = await socket.receive_output(timeout=2)
        assert output == {"type": "websocket.close", "code": consumers.CLOSE_SIGNED_OUT}
        assert await other_tab_elsewhere.receive_nothing(timeout=0.2)
    await socket.disconnect()


async def test_an_expired_session_is_noticed_before_the_next_event(
    alice: User, monkeypatch: pytest.MonkeyPatch
):
    client = Client()
    await sync_to_async(client.force_login)(alice)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    socket = communicator(cookie.encode())
    assert (await socket.connect())[0]
    # The session row disappears without a logout signal (expiry, cleanup, deactivation).
    await sync_to_async(client.session.delete)()
    monkeypatch.setattr(consumers, "RECHECK_SECONDS", -1.0)
    layer = get_channel_layer()
    event = {"type": "conversation", "conversation": "x", "seq": 1}
    await layer.group_send(program_group(alice.program_id), {"type": "havre.event", "event": event})
    output = await socket.receive_output(timeout=2)
    assert output == {"type": "websocket.close", "code": consumers.CLOSE_SIGNED_OUT}
    await socket.disconnect()


async def test_pings_are_answered(alice: User):
    async with console_socket(alice) as socket:
        await socket.send_json_to({"type": "ping"})
        assert await socket.receive_json_from(timeout=2) == {"type": "pong"}
        await socket.send_json_to({"type": "anything else"})
        assert await socket.receive_nothing(timeout=0.2)


async def test_ending_a_members_sessions_closes_every_socket_of_hers_at_once(
    alice: User, sam: User
):
    async with (
        console_socket(alice) as first,
        console_socket(alice) as second,
        console_socket(sam) as colleague,
    ):
        await sync_to_async(end_sessions)(alice)
        for socket in (first, second):
            output = await socket.receive_output(timeout=2)
            assert output == {"type": "websocket.close", "code": consumers.CLOSE_SIGNED_OUT}
        assert await colleague.receive_nothing(timeout=0.2)


async def test_a_session_idle_past_the_lock_closes_its_socket(
    alice: User, monkeypatch: pytest.MonkeyPatch
):
    client = Client()
    await sync_to_async(client.force_login)(alice)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    socket = communicator(cookie.encode())
    assert (await socket.connect())[0]

    def idle_for_an_hour() -> None:
        session = client.session
        session[sessions.ACTIVE_AT_KEY] = int(time.time()) - 3600
        session.save()

    await sync_to_async(idle_for_an_hour)()
    monkeypatch.setattr(consumers, "RECHECK_SECONDS", -1.0)
    event = {"type": "conversation", "conversation": "x", "seq": 1}
    await get_channel_layer().group_send(
        program_group(alice.program_id), {"type": "havre.event", "event": event}
    )
    output = await socket.receive_output(timeout=2)
    assert output == {"type": "websocket.close", "code": consumers.CLOSE_SIGNED_OUT}
    await socket.disconnect()
