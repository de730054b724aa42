"""The console page: one document, its texts in English and French, its configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from havre.accounts.models import User
from havre.console.catalog import STRINGS, catalog
from havre.conversations.models import Delivery
from havre.triage.matcher import CATEGORIES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "havre/console/templates/console/home.html"
SOURCES = [ROOT / "frontend/src/console.ts", *sorted((ROOT / "frontend/src/console").glob("*.ts"))]
# Words that French writes the same way.
SAME_IN_FRENCH = {
    "team_work.nav",
    "team_work.supervision_title",
    "team_work.wait.0",
    "team_work.wait.1",
    "header.label",
    "header.conversations",
    "header.menu",
    "signin.code",
    "conversation.messages",
    "inbox.via",
    # The channels' names are the same in both languages.
    "channel.kind.phone",
    "channel.kind.whatsapp",
    "channel.kind.messenger",
    "channel.kind.signal",
}


def data_block(html: str, block_id: str) -> object:
    match = re.search(
        rf'<script id="{block_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, block_id
    return json.loads(match.group(1))


def test_the_page_serves_everyone_and_carries_its_texts_as_data():
    response = Client().get(reverse("console:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert '<script src="/static/havre/console.js" defer></script>' in html
    # No inline script: the Content-Security-Policy forbids it.
    assert not re.search(r"<script(?![^>]*(type=\"application/json\"|src=))", html)

    config = data_block(html, "havre-console-config")
    assert isinstance(config, dict)
    assert config["signedIn"] is False
    assert config["language"] == "en"
    assert config["urls"]["inbox"] == "/console/api/inbox"
    assert config["urls"]["conversations"] == "/console/api/conversations/"
    assert config["urls"]["websocket"] == "/ws/console/"

    catalogs = data_block(html, "havre-catalog")
    assert isinstance(catalogs, dict)
    assert set(catalogs) == {"en", "fr"}
    assert catalogs["fr"]["inbox.title"] == "Conversations ouvertes"
    # The sign-in errors and the team panel's texts come from the accounts app.
    assert "session.wrong_passphrase" in catalogs["en"]
    assert "team.heading" in catalogs["fr"]


def test_a_signed_in_session_is_told_to_unlock(alice: User):
    client = Client()
    client.force_login(alice)
    config = data_block(
        client.get(reverse("console:home")).content.decode(), "havre-console-config"
    )
    assert isinstance(config, dict)
    assert config["signedIn"] is True


def test_the_page_renders_in_the_sessions_language():
    client = Client()
    session = client.session
    session["havre_language"] = "fr"
    session.save()
    html = client.get(reverse("console:home")).content.decode()
    assert '<html lang="fr">' in html
    assert "Connexion à la console" in html
    assert "Conversations ouvertes" in html
    assert data_block(html, "havre-console-config")["language"] == "fr"  # type: ignore[index]


def test_every_text_has_its_french_with_the_same_placeholders():
    english, french = catalog("en"), catalog("fr")
    # A count is one key per plural form; English and French both have two.
    keys = [k for k in english if k in STRINGS or k.rpartition(".")[0] in STRINGS]
    assert "inbox.count.0" in keys
    for key in keys:
        assert french[key], key
        if key not in SAME_IN_FRENCH:
            assert french[key] != english[key], f"{key} is not translated"
        assert set(re.findall(r"\{\w+\}", french[key])) == set(
            re.findall(r"\{\w+\}", english[key])
        ), key


def test_every_key_the_page_and_its_scripts_use_is_in_the_catalog():
    known = set(catalog("en"))
    template = TEMPLATE.read_text()
    used = set(re.findall(r'\{% t ["\']([\w.]+)["\'] %\}', template))
    used |= set(re.findall(r'data-t(?:-[\w-]+)?="([\w.]+)"', template))
    for source in SOURCES:
        text = source.read_text()
        used |= set(re.findall(r'\bt\("([\w.]+)"', text))
        # Counts: tn("key", n) reads "key.<form>", one per plural form of the language.
        plurals = re.findall(r'\btn\("([\w.]+)"', text)
        used |= {f"{key}.{form}" for key in plurals for form in (0, 1)}
    # Keys built at run time.
    used |= {f"status.{status}" for status in Delivery.values}
    used |= {f"triage.{part}.{c}" for part in ("marker", "alert", "category") for c in CATEGORIES}
    assert used - known == set()
