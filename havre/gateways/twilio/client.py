"""Sending texts through Twilio's Messages REST API."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import httpx
from django.conf import settings

from havre.conversations.actions.channels import ChannelError, channel_secret
from havre.gateways import http
from havre.gateways.base import SendError
from havre.gateways.twilio.wire import (
    ERROR_CODE_RE,
    MESSAGE_SID_RE,
    message_path,
    messages_path,
)

if TYPE_CHECKING:
    from havre.conversations.models import Channel

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


def _error_code(response: httpx.Response) -> str:
    """Twilio's numeric error code from its JSON error body, dropping the message.

    The message may quote the recipient's number, so it is never kept.
    """
    try:
        data = response.json()
    except ValueError:
        data = None
    code = data.get("code") if isinstance(data, dict) else None
    if isinstance(code, int) and not isinstance(code, bool):
        code = str(code)
    if isinstance(code, str) and ERROR_CODE_RE.fullmatch(code):
        return code
    return f"http-{response.status_code}"


def _is_transient(status: int) -> bool:
    return status == 429 or status >= 500


class TwilioGateway:
    def __init__(self, timeout: httpx.Timeout | float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout

    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        account_sid = str(channel.config["account_sid"])
        try:
            auth_token = str(channel_secret(channel)["auth_token"])
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        url = str(settings.HAVRE_TWILIO_API_BASE).rstrip("/") + messages_path(account_sid)
        form = {"To": to, "From": channel.address, "Body": body, "StatusCallback": status_callback}
        try:
            # The process's one Twilio client: its connections and TLS context
            # are kept between sends, which a surge of notices would otherwise
            # pay for on every text.
            response = http.client("twilio").post(
                url, data=form, auth=(account_sid, auth_token), timeout=self.timeout
            )
        except httpx.TimeoutException:
            logger.warning("twilio send timed out: channel=%s", channel.id)
            raise SendError(transient=True, code="timeout") from None
        except httpx.HTTPError as exc:
            logger.warning("twilio send failed: channel=%s %s", channel.id, type(exc).__name__)
            raise SendError(transient=True, code="network") from None

        if response.status_code in (200, 201):
            try:
                sid = response.json().get("sid")
            except (ValueError, AttributeError):
                sid = None
            if isinstance(sid, str) and MESSAGE_SID_RE.fullmatch(sid):
                logger.info("twilio send accepted: channel=%s sid=%s", channel.id, sid)
                return sid
            # Twilio may have taken the message: trying again could send it twice.
            logger.warning("twilio send: unreadable answer, channel=%s", channel.id)
            raise SendError(transient=False, code="bad-response")

        code = _error_code(response)
        transient = _is_transient(response.status_code)
        logger.warning(
            "twilio send refused: channel=%s status=%s code=%s",
            channel.id,
            response.status_code,
            code,
        )
        raise SendError(transient=transient, code=code)

    def delete_records(
        self, channel: Channel, *, provider_id: str, direction: Literal["in", "out"]
    ) -> None:
        """Delete Twilio's record of one message, and with it any media (number and text gone).

        A record already gone (404) counts as deleted. Twilio refuses to
        delete a message still on its way; that, rate limits and outages are
        transient, and the next sweep tries again.
        """
        account_sid = str(channel.config["account_sid"])
        if not MESSAGE_SID_RE.fullmatch(provider_id):
            raise SendError(transient=False, code="not-a-message-sid")
        try:
            auth_token = str(channel_secret(channel)["auth_token"])
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        url = str(settings.HAVRE_TWILIO_API_BASE).rstrip("/") + message_path(
            account_sid, provider_id
        )
        try:
            response = http.client("twilio").delete(
                url, auth=(account_sid, auth_token), timeout=self.timeout
            )
        except httpx.HTTPError as exc:
            logger.warning("twilio delete failed: channel=%s %s", channel.id, type(exc).__name__)
            raise SendError(transient=True, code="network") from None
        if response.status_code in (204, 404):
            logger.info("twilio record deleted: channel=%s sid=%s", channel.id, provider_id)
            return
        code = _error_code(response)
        logger.warning(
            "twilio delete refused: channel=%s status=%s code=%s",
            channel.id,
            response.status_code,
            code,
        )
        # 20009: the message is still in progress at Twilio.
        raise SendError(transient=_is_transient(response.status_code) or code == "20009", code=code)
