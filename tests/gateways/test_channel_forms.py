"""`havre channel add <provider>` in each provider's form, `list` with webhook URLs, `remove` at once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from tests.gateways.fakes import MESSENGER_A, WHATSAPP_A, url_of, vonage_account
from tests.gateways.scan import found_in_database

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("channel", *args, stdout=out)
    return out.getvalue()


def secret_file(tmp_path: Path, name: str, value: str) -> str:
    path = tmp_path / name
    path.write_text(value + ("\n" if not value.endswith("\n") else ""))
    return str(path)


def forms(tmp_path: Path) -> dict[str, list[str]]:
    vonage = vonage_account("a")
    return {
        "whatsapp": [
            "--phone-number-id", WHATSAPP_A["phone_number_id"],
            "--access-token-file", secret_file(tmp_path, "wa-token", WHATSAPP_A["access_token"]),
            "--app-secret-file", secret_file(tmp_path, "wa-secret", WHATSAPP_A["app_secret"]),
            "--verify-token", WHATSAPP_A["verify_token"],
            "--number", WHATSAPP_A["number"],
        ],
        "signal": ["--rpc-url", "http://127.0.0.1:8080", "--number", "+15550101000"],
        "messenger": [
            "--page-id", MESSENGER_A["page_id"],
            "--page-access-token-file",
            secret_file(tmp_path, "page-token", MESSENGER_A["page_access_token"]),
            "--app-secret-file", secret_file(tmp_path, "m-secret", MESSENGER_A["app_secret"]),
            "--verify-token", MESSENGER_A["verify_token"],
        ],
        "vonage": [
            "--application-id", vonage["application_id"],
            "--private-key-file", secret_file(tmp_path, "private.key", vonage["private_key"]),
            "--signature-secret-file",
            secret_file(tmp_path, "signature", vonage["signature_secret"]),
            "--number", vonage["number"],
        ],
        "gateway": [
            "--send-url", "https://gateway.example/send",
            "--secret-file", secret_file(tmp_path, "shared", "a-shared-secret-of-forty-characters-0001"),
            "--number", "+33700000011",
        ],
    }  # fmt: skip


SECRETS = [
    WHATSAPP_A["access_token"],
    WHATSAPP_A["app_secret"],
    WHATSAPP_A["verify_token"],
    MESSENGER_A["page_access_token"],
    MESSENGER_A["app_secret"],
    vonage_account("a")["signature_secret"],
    "PRIVATE KEY",
    "a-shared-secret-of-forty-characters-0001",
]


@pytest.mark.parametrize(
    ("provider", "webhooks"),
    [
        ("whatsapp", {"webhook": "/hooks/whatsapp/{id}/"}),
        ("messenger", {"webhook": "/hooks/messenger/{id}/"}),
        (
            "vonage",
            {"inbound": "/hooks/vonage/{id}/inbound", "status": "/hooks/vonage/{id}/status"},
        ),
        ("gateway", {"sms": "/hooks/gateway/{id}/sms", "status": "/hooks/gateway/{id}/status"}),
        ("signal", {}),
    ],
)
def test_each_provider_is_added_in_its_own_form(program_a, tmp_path, settings, provider, webhooks):
    settings.HAVRE_PUBLIC_URL = "https://helpline.example"
    added = json.loads(run("add", provider, *forms(tmp_path)[provider], "--json"))
    channel = Channel.objects.get()
    assert (added["id"], added["provider"], added["kind"]) == (
        str(channel.pk),
        provider,
        channel.address_kind,
    )
    assert added["webhooks"] == {
        event: "https://helpline.example" + path.format(id=channel.pk)
        for event, path in webhooks.items()
    }
    assert channel_secret(channel) is not None
    printed = json.dumps(added)
    for secret in SECRETS:
        assert secret not in printed
    assert found_in_database(SECRETS) == []


def test_the_words_say_where_to_paste_each_url(program_a, tmp_path):
    for provider, form in forms(tmp_path).items():
        text = run("add", provider, *form)
        channel = Channel.objects.get(provider=provider)
        assert f"Channel {channel.pk} added" in text
        for secret in SECRETS:
            assert secret not in text
    assert "/hooks/whatsapp/" in run("list")


def test_the_setup_words_of_each_provider(program_a, tmp_path):
    said = {provider: run("add", provider, *form) for provider, form in forms(tmp_path).items()}
    assert "WhatsApp > Configuration" in said["whatsapp"]
    assert "24 hours" in said["whatsapp"]
    assert "Messenger > Settings" in said["messenger"]
    assert "Inbound URL" in said["vonage"]
    assert "auto-redaction" in said["vonage"]
    assert "docs/channels.md" in said["gateway"]
    assert "signal-cli -a +15550101000 daemon --http 127.0.0.1:8080" in said["signal"]
    assert "--ignore-attachments" in said["signal"]


def test_list_shows_every_channel_with_its_webhook_urls(program_a, tmp_path):
    for provider, form in forms(tmp_path).items():
        run("add", provider, *form)
    listed = json.loads(run("list", "--json"))
    assert sorted(c["provider"] for c in listed) == [
        "gateway",
        "messenger",
        "signal",
        "vonage",
        "whatsapp",
    ]
    by_provider = {c["provider"]: c for c in listed}
    assert by_provider["signal"]["events"] == "http://127.0.0.1:8080/api/v1/events"
    assert by_provider["messenger"]["number"] is None
    assert by_provider["messenger"]["address"] == MESSENGER_A["page_id"]
    text = run("list")
    for channel in listed:
        assert channel["id"] in text
        for url in channel["webhooks"].values():
            assert url in text
    for secret in SECRETS:
        assert secret not in text


def test_remove_stops_intake_at_once_and_says_what_becomes_of_open_conversations(
    program_a, whatsapp_a, fake_whatsapp
):
    url = url_of(whatsapp_a)
    for who in ("16505551234", "16505559999"):
        assert (
            fake_whatsapp.send_text(
                url, WHATSAPP_A["phone_number_id"], body="allo", wa_id=who
            ).status_code
            == 200
        )

    text = run("remove", str(whatsapp_a.pk))

    assert "Havre takes no more texts from it" in text
    assert "It had 2 open conversations" in text
    assert "no reply can be sent through this channel" in text
    assert "another WhatsApp channel" in text
    assert "Meta's App Dashboard" in text
    assert (
        fake_whatsapp.send_text(url, WHATSAPP_A["phone_number_id"], body="encore").status_code
        == 404
    )
    removed = json.loads(run("list", "--all", "--json"))
    assert removed[0]["removed_at"] is not None


def test_remove_as_json_counts_the_open_conversations(program_a, tmp_path):
    added = json.loads(run("add", "signal", *forms(tmp_path)["signal"], "--json"))
    removed = json.loads(run("remove", added["id"], "--json"))
    assert removed["open_conversations"] == 0
    assert removed["removed_at"] is not None


@pytest.mark.parametrize(
    ("provider", "change", "message"),
    [
        ("whatsapp", ("--phone-number-id", "abc"), "phone number ID"),
        ("messenger", ("--page-id", "my-page"), "Page ID"),
        ("signal", ("--rpc-url", "http://10.0.0.2:8080"), "127.0.0.1"),
        ("gateway", ("--send-url", "http://gateway.example/send"), None),
    ],
)
def test_bad_settings_are_refused_in_one_sentence(program_a, tmp_path, provider, change, message):
    form = forms(tmp_path)[provider]
    index = form.index(change[0])
    form[index + 1] = change[1]
    if message is None:
        run("add", provider, *form)  # plain http is fine outside production
        return
    with pytest.raises(CommandError, match=message):
        run("add", provider, *form)
    assert not Channel.objects.exists()


def test_a_secret_file_that_cannot_be_read_is_named(program_a, tmp_path):
    form = forms(tmp_path)["whatsapp"]
    form[form.index("--app-secret-file") + 1] = str(tmp_path / "missing")
    with pytest.raises(CommandError, match="cannot read"):
        run("add", "whatsapp", *form)
