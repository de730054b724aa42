"""Checking the settings that Meta's channels (WhatsApp, Messenger) share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from havre.conversations.actions.channels import ChannelError
from havre.gateways.spec import token

GRAPH_ID_RE: Final = re.compile(r"[0-9]{1,32}")


def graph_id(values: Mapping[str, str], name: str, what: str) -> str:
    value = values.get(name, "").strip()
    if not GRAPH_ID_RE.fullmatch(value):
        raise ChannelError(f"the {what} is a number, as Meta's dashboard shows it")
    return value


def app_credentials(values: Mapping[str, str], access_token: str) -> dict[str, str]:
    """The credentials every Meta channel keeps: its token, the app secret, the verify token."""
    return {
        "access_token": token(values, access_token, "access token"),
        "app_secret": token(values, "app_secret", "app secret"),
        "verify_token": token(values, "verify_token", "verify token"),
    }
