"""Sending through the gateway: a signed POST to its send URL."""

from __future__ import annotations

import json
import logging
import uuid

import httpx

from havre.conversations.actions.channels import ChannelError, channel_secret
from havre.conversations.models import Channel
from havre.gateways import http
from havre.gateways.base import SendError
from havre.gateways.refs import provider_ref
from havre.gateways.sms_gateway.wire import ERROR_RE, ID_RE, signed_headers
from havre.vault import addresses

logger = logging.getLogger(__name__)


def _error_code(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, str) and ERROR_RE.fullmatch(error):
        return error
    return f"http-{response.status_code}"


class SmsGateway:
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        try:
            secret = str(channel_secret(channel)["secret"])
            number = addresses.e164(to)
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        except addresses.InvalidAddressError:
            raise SendError(transient=False, code="bad-address") from None
        own_id = str(uuid.uuid4())
        payload = {
            "id": own_id,
            "to": number,
            "from": channel.address,
            "text": body,
            "status_url": status_callback,
        }
        data = json.dumps(payload, ensure_ascii=False).encode()
        try:
            response = http.client("gateway").post(
                str(channel.config["send_url"]), content=data, headers=signed_headers(secret, data)
            )
        except httpx.TimeoutException:
            raise SendError(transient=True, code="timeout") from None
        except httpx.HTTPError:
            raise SendError(transient=True, code="network") from None
        if response.status_code in (200, 201, 202):
            try:
                answer = response.json()
            except ValueError:
                answer = {}
            their_id = answer.get("id", own_id) if isinstance(answer, dict) else own_id
            if not isinstance(their_id, str) or not ID_RE.fullmatch(their_id):
                # The gateway may have taken the text: trying again could send it twice.
                logger.warning("gateway send: unreadable answer, channel=%s", channel.pk)
                raise SendError(transient=False, code="bad-response")
            # The gateway's id may be built from the number: kept and logged as a digest.
            ref = provider_ref(channel.pk, their_id)
            logger.info("gateway send accepted: channel=%s ref=%s", channel.pk, ref)
            return ref
        code = _error_code(response)
        transient = response.status_code in (408, 425, 429) or response.status_code >= 500
        logger.warning(
            "gateway send refused: channel=%s status=%s code=%s",
            channel.pk,
            response.status_code,
            code,
        )
        raise SendError(transient=transient, code=code)
