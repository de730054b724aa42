"""What an admin's browser does to make a new epoch, here in Python."""

from __future__ import annotations

from typing import Any

from django.test import Client

from havre.vault import formats
from tests.accounts.helpers import Member, post


def personal_key(member: Member) -> bytes:
    return formats.unwrap_private_key(
        member.wrap_key(), bytes(member.user.wrapped_private_key), formats.wrap_aad(member.user.pk)
    )


def new_epoch_body(client: Client) -> tuple[dict[str, Any], bytes]:
    """The request the Team area posts, and the new program private key it made."""
    rotation = client.get("/accounts/api/team/rotation").json()
    private_key, public_key = formats.generate_keypair()
    grants = [
        {
            "user_id": holder["id"],
            "sealed_key": formats.b64e(
                formats.seal(
                    formats.b64d(holder["public_key"]),
                    private_key,
                    formats.grant_info(rotation["program_id"], rotation["next"], holder["id"]),
                )
            ),
        }
        for holder in rotation["holders"]
    ]
    body = {"number": rotation["next"], "public_key": formats.b64e(public_key), "grants": grants}
    return body, private_key


def rotate(client: Client) -> bytes:
    body, private_key = new_epoch_body(client)
    answer = post(client, "team/epochs", body)
    assert answer.status_code == 200, answer.content
    return private_key
