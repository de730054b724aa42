"""Fixtures shared by every test: two programs, and people who must be refused.

Program A is the one under test; program B exists so that every test can show
that B's staff (Charlie) reach nothing of A's.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from havre.accounts.models import Program, Role, User
from havre.conversations.models import Channel
from havre.events import capture_events
from havre.vault import formats
from havre.vault.models import Epoch, Grant

IN_CI = os.environ.get("CI", "").lower() == "true"
# A reply as a browser seals it: a real ciphertext (here, to a key nobody
# keeps), so that it has the shape the server checks before storing one.
SEALED_REPLY = formats.seal(formats.generate_keypair()[1], b"a reply", b"havre/v1|test")
CHROMIUM = Path("/usr/bin/chromium")
# The Redis databases that tests flush. Two checkouts testing at once on one
# machine each set their own, so neither empties the other's.
REDIS_QUEUE_URL = os.environ.get("HAVRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS_E2E_URL = os.environ.get("HAVRE_TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")


def need(condition: bool, reason: str) -> None:
    """Skip on a developer's laptop that lacks a service; fail in CI, never skip."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


@dataclass
class ProgramKeys:
    program: Program
    epoch: Epoch
    private_key: bytes

    def open(self, sealed: bytes, info: bytes) -> str:
        return formats.open_sealed(self.private_key, bytes(sealed), info).decode()


def make_program(name: str) -> ProgramKeys:
    program = Program.objects.create(name=name)
    private_key, public_key = formats.generate_keypair()
    epoch = Epoch.objects.create(program=program, number=1, public_key=public_key)
    return ProgramKeys(program, epoch, private_key)


@pytest.fixture
def keys_a(db: None) -> ProgramKeys:
    return make_program("Refuge A")


@pytest.fixture
def keys_b(db: None) -> ProgramKeys:
    return make_program("Refuge B")


@pytest.fixture
def program_a(keys_a: ProgramKeys) -> Program:
    return keys_a.program


@pytest.fixture
def program_b(keys_b: ProgramKeys) -> Program:
    return keys_b.program


@pytest.fixture
def program_a_private_key(keys_a: ProgramKeys) -> bytes:
    return keys_a.private_key


def signed_in(user: User) -> Client:
    """A test client signed in as `user`, both factors passed, as the APIs' tests use."""
    client = Client()
    client.force_login(user)
    return client


def staff_member(keys: ProgramKeys | Program, email: str, role: Role) -> User:
    """A member; given the program's keys, she holds a grant of its current epoch."""
    program = keys.program if isinstance(keys, ProgramKeys) else keys
    user = User.objects.create_user(email, program, role=role, display_name=email.split("@")[0])
    if isinstance(keys, ProgramKeys):
        _private_key, public_key = formats.generate_keypair()
        user.public_key = public_key
        user.save(update_fields=["public_key"])
        sealed = formats.seal(
            public_key, keys.private_key, formats.grant_info(program.pk, keys.epoch.number, user.pk)
        )
        Grant.objects.create(epoch=keys.epoch, user=user, sealed_key=sealed)
    return user


@pytest.fixture
def alice(keys_a: ProgramKeys) -> User:
    return staff_member(keys_a, "alice@a.example", Role.ADVOCATE)


@pytest.fixture
def sam(keys_a: ProgramKeys) -> User:
    return staff_member(keys_a, "sam@a.example", Role.SUPERVISOR)


@pytest.fixture
def ada(keys_a: ProgramKeys) -> User:
    return staff_member(keys_a, "ada@a.example", Role.ADMIN)


@pytest.fixture
def dana(program_a: Program) -> User:
    """Dana works for program A but holds no program key yet (she awaits her grant)."""
    return staff_member(program_a, "dana@a.example", Role.ADVOCATE)


@pytest.fixture
def charlie(keys_b: ProgramKeys) -> User:
    """Charlie works for program B and must have no access to anything of A's."""
    return staff_member(keys_b, "charlie@b.example", Role.ADMIN)


CHANNEL_A_SID = "AC" + "a1" * 16
CHANNEL_A_TOKEN = "a-twilio-auth-token-for-tests-00"
CHANNEL_A_NUMBER = "+33700000001"


def _channel(program: Program, sid: str, token: str, number: str) -> Channel:
    from havre.gateways.actions import add_channel

    return add_channel(program, "twilio", address=number, account_sid=sid, auth_token=token)


@pytest.fixture
def channel_a_token() -> str:
    return CHANNEL_A_TOKEN


@pytest.fixture
def channel_a(program_a: Program) -> Channel:
    return _channel(program_a, CHANNEL_A_SID, CHANNEL_A_TOKEN, CHANNEL_A_NUMBER)


@pytest.fixture
def channel_b(program_b: Program) -> Channel:
    return _channel(program_b, "AC" + "b2" * 16, "b-twilio-auth-token-for-tests-00", "+33700000002")


@pytest.fixture
def events() -> Iterator[list[dict[str, object]]]:
    with capture_events() as captured:
        yield captured


@pytest.fixture(scope="session", autouse=True)
def _test_data_dir() -> Iterator[None]:
    from django.conf import settings

    from havre.config import ensure_data_dir

    ensure_data_dir()
    yield
    # The SQLite test database in there is Django's to destroy, after this.
    for path in settings.DATA_DIR.iterdir():
        if not path.name.startswith("test.sqlite3"):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()


@pytest.fixture(scope="session", autouse=True)
def _release_stray_connections(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """Let the test database be dropped at the end on PostgreSQL.

    Worker threads (asgiref's executors behind websocket tests, request
    threads) keep idle connections that would otherwise block the drop.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


from tests.gateways.fake_twilio import fake_twilio  # noqa: E402, F401  (shared fixture)
