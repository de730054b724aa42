"""`havre channel add|list|remove`, and the auth token that never lands in the database in clear."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from havre.audit.models import Entry
from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from havre.vault.formats import FormatError

pytestmark = pytest.mark.django_db

SID = "AC" + "5e" * 16
TOKEN = "0123456789abcdef-token-in-the-box"


def run(*args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    out = io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("channel", *args, stdout=out)
    return out.getvalue()


def add(program_id: object, *extra: str, number: str = "+15145550100") -> dict[str, object]:
    args = ["add", "twilio", "--account-sid", SID, "--number", number, "--json", *extra]
    if program_id is not None:
        args += ["--program", str(program_id)]
    result: dict[str, object] = json.loads(run(*args))
    return result


def test_add_prints_the_channel_and_its_webhook_urls(program_a, tmp_path: Path, settings):
    settings.HAVRE_PUBLIC_URL = "https://helpline.example"
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")

    added = add(program_a.pk, "--auth-token-file", str(token_file))

    channel = Channel.objects.get()
    assert added["id"] == str(channel.pk)
    assert added["provider"] == "twilio"
    assert added["number"] == "+15145550100"
    assert added["program"] == {"id": str(program_a.pk), "name": program_a.name}
    assert added["webhooks"] == {
        "sms": f"https://helpline.example/hooks/twilio/{channel.pk}/sms",
        "status": f"https://helpline.example/hooks/twilio/{channel.pk}/status",
    }
    assert TOKEN not in json.dumps(added)
    assert channel_secret(channel) == {"auth_token": TOKEN}
    assert Entry.objects.filter(action="channel.add", target=str(channel.pk)).count() == 1


def test_add_in_words_and_with_the_token_on_standard_input(program_a, monkeypatch):
    text = run(
        "add", "twilio", "--account-sid", SID, "--number", "+1 514 555 0100",
        "--auth-token-file", "-",
        stdin=TOKEN, monkeypatch=monkeypatch,
    )  # fmt: skip
    channel = Channel.objects.get()
    assert str(channel.pk) in text
    assert f"/hooks/twilio/{channel.pk}/sms" in text
    assert TOKEN not in text
    assert channel.address == "+15145550100"
    assert channel_secret(channel) == {"auth_token": TOKEN}


def test_program_may_be_left_out_only_when_there_is_one(program_a, program_b):
    with pytest.raises(CommandError, match="--program"):
        add(None, "--auth-token", TOKEN)
    program_b.delete()
    assert add(None, "--auth-token", TOKEN)["program"] == {
        "id": str(program_a.pk),
        "name": program_a.name,
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--number", "not a number"], "international"),
        (["--number", "+33"], "number"),
        (["--account-sid", "SK123"], "AC followed by"),
        (["--auth-token", ""], "empty"),
        (["--program", str(uuid.UUID(int=1))], "no program"),
        (["--program", "nonsense"], "no program"),
    ],
)
def test_add_refuses_bad_input(program_a, extra, message):
    args = ["add", "twilio", "--account-sid", SID, "--number", "+15145550100"]
    args += ["--program", str(program_a.pk), "--auth-token", TOKEN]
    with pytest.raises(CommandError, match=message):
        run(*args, *extra)
    assert not Channel.objects.exists()


def test_a_number_already_in_use_is_refused_until_removed(program_a, program_b):
    first = add(program_a.pk, "--auth-token", TOKEN)
    with pytest.raises(CommandError, match="already uses this number"):
        add(program_b.pk, "--auth-token", TOKEN)
    run("remove", str(first["id"]))
    assert add(program_b.pk, "--auth-token", TOKEN)["program"]["id"] == str(program_b.pk)  # type: ignore[index]


def test_list_shows_channels_without_their_tokens(program_a, program_b):
    a = add(program_a.pk, "--auth-token", TOKEN)
    b = add(program_b.pk, "--auth-token", TOKEN + "-b", number="+33700000003")

    listed = json.loads(run("list", "--json"))
    assert [c["id"] for c in listed] == [a["id"], b["id"]]
    assert listed[0]["webhooks"] == a["webhooks"]
    text = run("list")
    assert str(a["id"]) in text
    assert "+33700000003" in text
    for output in (json.dumps(listed), text):
        assert TOKEN not in output


def test_remove_stops_the_channel_and_forgets_its_token(program_a):
    added = add(program_a.pk, "--auth-token", TOKEN)

    text = run("remove", str(added["id"]))

    assert "removed" in text
    channel = Channel.objects.get()
    assert channel.removed_at is not None
    assert bytes(channel.secret_box) == b""
    assert json.loads(run("list", "--json")) == []
    assert json.loads(run("list", "--all", "--json"))[0]["removed_at"] is not None
    with pytest.raises(CommandError, match="already removed"):
        run("remove", str(added["id"]))
    with pytest.raises(CommandError, match="no channel"):
        run("remove", str(uuid.uuid4()))
    assert Entry.objects.filter(action="channel.remove").count() == 1


def test_a_boxed_token_does_not_open_on_another_row(program_a, program_b):
    a = Channel.objects.get(pk=add(program_a.pk, "--auth-token", TOKEN)["id"])
    b = Channel.objects.get(
        pk=add(program_b.pk, "--auth-token", "other", number="+33700000003")["id"]
    )
    b.secret_box = a.secret_box
    with pytest.raises(FormatError):
        channel_secret(b)


def test_the_database_holds_no_auth_token_in_clear(program_a, channel_a, channel_a_token):
    add(program_a.pk, "--auth-token", TOKEN)
    needles = [TOKEN, channel_a_token]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                for value in row:
                    raw = (
                        bytes(value)
                        if isinstance(value, (bytes, memoryview))
                        else str(value).encode()
                    )
                    found += [(table, n) for n in needles if n.encode() in raw]
    assert found == []
