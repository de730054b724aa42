"""A program's web chat, and a visitor who seals as her browser would."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from havre.chat import actions
from havre.chat.models import ChatSettings
from havre.vault import formats
from tests.conftest import ProgramKeys


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def chat_a(keys_a: ProgramKeys) -> ChatSettings:
    return actions.configure(keys_a.program, by=None, slug="notes-a", enabled=True)


@dataclass
class Visitor:
    """The visitor's browser, in Python: her key pair, her token, what she sent."""

    keys: ProgramKeys
    slug: str
    client: Client = field(default_factory=Client)
    private_key: bytes = b""
    public_key: bytes = b""
    token: str = ""
    session: str = ""
    conversation: str = ""

    def url(self, name: str) -> str:
        return f"/chat/{self.slug}/api/{name}"

    def start(self, language: str = "en") -> Any:
        self.private_key, self.public_key = formats.generate_keypair()
        answer = self.client.post(
            self.url("start"),
            json.dumps({"public_key": formats.b64e(self.public_key), "language": language}),
            content_type="application/json",
        )
        if answer.status_code == 201:
            data = answer.json()
            self.token, self.session, self.conversation = (
                data["token"],
                data["session"],
                data["conversation"],
            )
        return answer

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def send(
        self, text: str, *, message_id: str | None = None, flag: str | None = None, epoch: int = 1
    ) -> Any:
        message_id = message_id or str(uuid.uuid4())
        program = str(self.keys.program.pk)
        sealed = formats.seal(
            bytes(self.keys.epoch.public_key),
            text.encode(),
            formats.message_info(program, self.conversation, message_id, "in"),
        )
        own = formats.seal(
            self.public_key,
            text.encode(),
            formats.message_info(program, self.conversation, message_id, "visitor"),
        )
        return self.client.post(
            self.url("messages"),
            json.dumps(
                {
                    "message_id": message_id,
                    "epoch": epoch,
                    "body_sealed": formats.b64e(sealed),
                    "own_sealed": formats.b64e(own),
                    "flag": flag,
                }
            ),
            content_type="application/json",
            headers=self.headers(),
        )

    def poll(self, after: int = 0) -> Any:
        return self.client.get(self.url("messages"), {"after": after}, headers=self.headers())

    def read(self, message: dict[str, Any]) -> str:
        info = formats.message_info(
            str(self.keys.program.pk), self.conversation, message["id"], "visitor"
        )
        return formats.open_sealed(self.private_key, formats.b64d(message["sealed"]), info).decode()

    def leave(self) -> Any:
        return self.client.post(
            self.url("leave"), "{}", content_type="application/json", headers=self.headers()
        )


@pytest.fixture
def visitor(keys_a: ProgramKeys, chat_a: ChatSettings) -> Visitor:
    return Visitor(keys_a, chat_a.slug)
