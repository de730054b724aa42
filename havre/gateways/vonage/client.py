"""Sending through Vonage's Messages API, and redacting what Vonage keeps afterwards.

A send is POST /v1/messages with an RS256 token made from the application's
private key; Vonage answers 202 with the message's UUID. Redaction is POST
/v1/redact/transaction with the account's API key and secret (the Redact API
takes no application token), which Vonage accepts from an hour after the
message: before that it answers "premature", to be tried again later.
"""

from __future__ import annotations

import logging
from typing import Literal

import httpx

from havre.conversations.actions.channels import ChannelError, channel_secret
from havre.conversations.models import Channel
from havre.gateways import http
from havre.gateways.base import SendError
from havre.gateways.vonage.tokens import InvalidKeyError, load_private_key, send_token
from havre.gateways.vonage.wire import (
    ERROR_CODE_RE,
    MESSAGES_PATH,
    REAL_API_BASE,
    REDACT_PATH,
    UUID_RE,
)
from havre.vault import addresses

logger = logging.getLogger(__name__)


def _code(response: httpx.Response) -> str:
    """The problem document's code (the end of its `type`), never its detail."""
    try:
        data = response.json()
    except ValueError:
        data = None
    kind = data.get("type") if isinstance(data, dict) else None
    if isinstance(kind, str) and "#" in kind:
        fragment = kind.rsplit("#", 1)[1]
        if ERROR_CODE_RE.fullmatch(fragment):
            return fragment
    return f"http-{response.status_code}"


def _post(url: str, **kwargs: object) -> httpx.Response:
    try:
        return http.client("vonage").post(url, **kwargs)  # type: ignore[arg-type]
    except httpx.TimeoutException:
        raise SendError(transient=True, code="timeout") from None
    except httpx.HTTPError:
        raise SendError(transient=True, code="network") from None


class VonageGateway:
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        try:
            secret = channel_secret(channel)
            number = addresses.e164(to)
            key = load_private_key(str(secret["private_key"]))
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        except addresses.InvalidAddressError:
            raise SendError(transient=False, code="bad-address") from None
        except InvalidKeyError:
            raise SendError(transient=False, code="bad-key") from None
        token = send_token(str(channel.config["application_id"]), key)
        payload: dict[str, str] = {
            "message_type": "text",
            "text": body,
            "to": number.removeprefix("+"),
            "from": channel.address.removeprefix("+"),
            "channel": "sms",
        }
        if status_callback:
            payload["webhook_url"] = status_callback
        url = http.api_base("vonage", REAL_API_BASE) + MESSAGES_PATH
        response = _post(url, json=payload, headers={"Authorization": f"Bearer {token}"})
        if response.status_code in (200, 202):
            try:
                answer = response.json()
            except ValueError:
                answer = None
            message_uuid = answer.get("message_uuid") if isinstance(answer, dict) else None
            if isinstance(message_uuid, str) and UUID_RE.fullmatch(message_uuid):
                logger.info("vonage send accepted: channel=%s uuid=%s", channel.pk, message_uuid)
                return message_uuid
            # Vonage may have taken the message: trying again could send it twice.
            logger.warning("vonage send: unreadable answer, channel=%s", channel.pk)
            raise SendError(transient=False, code="bad-response")
        code = _code(response)
        transient = response.status_code == 429 or response.status_code >= 500
        logger.warning(
            "vonage send refused: channel=%s status=%s code=%s",
            channel.pk,
            response.status_code,
            code,
        )
        raise SendError(transient=transient, code=code)

    def delete_records(
        self, channel: Channel, *, provider_id: str, direction: Literal["in", "out"]
    ) -> None:
        """Have Vonage redact its record of one message: number and text overwritten."""
        try:
            secret = channel_secret(channel)
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        api_key, api_secret = secret.get("api_key"), secret.get("api_secret")
        if not api_key or not api_secret:
            raise SendError(transient=False, code="no-redact-credentials")
        url = http.api_base("vonage", REAL_API_BASE) + REDACT_PATH
        body = {
            "id": provider_id,
            "product": "messages",
            "type": "inbound" if direction == "in" else "outbound",
        }
        response = _post(url, json=body, auth=(str(api_key), str(api_secret)))
        if response.status_code == 204:
            logger.info("vonage record redacted: channel=%s uuid=%s", channel.pk, provider_id)
            return
        code = _code(response)
        transient = (
            response.status_code == 429
            or response.status_code >= 500
            or code == "premature-redaction"
        )
        logger.warning(
            "vonage redaction refused: channel=%s status=%s code=%s",
            channel.pk,
            response.status_code,
            code,
        )
        raise SendError(
            transient=transient, code="premature" if code == "premature-redaction" else code
        )
