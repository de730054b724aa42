"""The chat page's headers, its 404, the settings, `havre chat` and the admins' form."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from havre.accounts.models import User
from havre.chat import actions
from havre.chat.models import ChatSettings
from havre.conversations.models import Channel
from tests.conftest import ProgramKeys

pytestmark = pytest.mark.django_db


def test_the_page_is_never_stored_nor_referred_and_runs_only_havres_scripts(chat_a: ChatSettings):
    page = Client().get("/chat/notes-a/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    html = page.content.decode()
    assert "<script>" not in html
    assert " on" not in html.replace(" one", "")
    assert "Set-Cookie" not in page.headers
    api = Client().get("/chat/notes-a/api/state")
    assert "no-store" in api["Cache-Control"]


def test_an_unknown_or_switched_off_chat_is_a_plain_404(chat_a: ChatSettings, keys_a: ProgramKeys):
    for path in ("/chat/nobody/", "/chat/nobody/api/state"):
        answer = Client().get(path)
        assert answer.status_code == 404
        assert answer["Content-Type"].startswith("text/plain")
    actions.configure(keys_a.program, by=None, enabled=False)
    assert Client().get("/chat/notes-a/").status_code == 404
    assert (
        Client().post("/chat/notes-a/api/start", "{}", content_type="application/json").status_code
        == 404
    )


def test_a_neutral_title_hides_the_program_name(chat_a: ChatSettings, keys_a: ProgramKeys):
    actions.configure(keys_a.program, by=None, neutral_title="Recipes")
    html = Client().get("/chat/notes-a/").content.decode()
    assert "<title>Recipes</title>" in html
    assert keys_a.program.name not in html
    assert "chat-neutral.svg" in html


def test_the_page_speaks_the_browsers_language(chat_a: ChatSettings):
    html = Client().get("/chat/notes-a/", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).content
    assert b'lang="fr"' in html
    assert b"Quitter vite" in html


def test_settings_are_checked(keys_a: ProgramKeys, chat_a: ChatSettings, keys_b: ProgramKeys):
    for bad in ("", "Notes", "-a", "a" * 41, "a b", "a/b"):
        with pytest.raises(actions.ChatError):
            actions.configure(keys_a.program, by=None, slug=bad)
    for bad in ("http://example.org", "javascript:alert(1)", "https://", "https://u:p@example.org"):
        with pytest.raises(actions.ChatError):
            actions.configure(keys_a.program, by=None, exit_url=bad)
    with pytest.raises(actions.ChatError) as taken:
        actions.configure(keys_b.program, by=None, slug="notes-a")
    assert taken.value.code == "slug_taken"
    assert not ChatSettings.objects.filter(program=keys_b.program).exists()
    assert Channel.objects.filter(program=keys_b.program).count() == 0


def run(*args: str) -> str:
    out = StringIO()
    call_command("chat", *args, stdout=out)
    return out.getvalue()


def test_havre_chat_set_and_show(keys_a: ProgramKeys):
    program = str(keys_a.program.pk)
    assert "no web chat yet" in run("show", "--program", program)
    with pytest.raises(CommandError, match="slug"):
        run("set", "--program", program, "--on")
    run(
        "set",
        "--program",
        program,
        "--slug",
        "garden",
        "--exit-url",
        "https://weather.example/",
        "--neutral-title",
        "Garden club",
        "--on",
    )
    shown = json.loads(run("show", "--program", program, "--json"))
    assert shown["chat"]["slug"] == "garden"
    assert shown["chat"]["enabled"] is True
    assert shown["chat"]["exit_url"] == "https://weather.example/"
    assert shown["chat"]["neutral_title"] == "Garden club"
    assert "/chat/garden/" in shown["snippet"]
    assert "<script" not in shown["snippet"]
    run("set", "--program", program, "--off")
    assert "off" in run("show", "--program", program)
    with pytest.raises(CommandError, match="https"):
        run("set", "--program", program, "--exit-url", "http://plain.example/")


def test_channel_list_leaves_the_chat_to_havre_chat(chat_a: ChatSettings):
    out = StringIO()
    call_command("channel", "list", "--json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_only_admins_change_the_chat_in_the_console(ada: User, alice: User, charlie: User, chat_a):
    admin, advocate, other = Client(), Client(), Client()
    admin.force_login(ada)
    advocate.force_login(alice)
    other.force_login(charlie)
    url = "/console/api/chat/settings"
    assert advocate.get(url).json()["chat"]["slug"] == "notes-a"
    assert advocate.get(url).json()["may_edit"] is False
    change = json.dumps({"neutral_title": "Recipes", "enabled": True})
    assert advocate.post(url, change, content_type="application/json").status_code == 403
    assert other.get(url).json()["chat"] is None
    answer = admin.post(url, change, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["chat"]["neutral_title"] == "Recipes"
    bad = admin.post(url, json.dumps({"slug": "Not A Slug"}), content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["error"] == "bad_slug"
