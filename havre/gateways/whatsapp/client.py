"""Sending through WhatsApp's Cloud API: POST /<phone number id>/messages on the Graph API."""

from __future__ import annotations

import logging

from havre.conversations.actions.channels import ChannelError, channel_secret
from havre.conversations.models import Channel
from havre.gateways.base import SendError
from havre.gateways.meta import graph
from havre.gateways.meta.payload import MAX_ID_LENGTH
from havre.gateways.refs import provider_ref
from havre.gateways.whatsapp.wire import MESSAGING_PRODUCT
from havre.vault import addresses
from havre.vault.addresses import AddressKind

logger = logging.getLogger(__name__)


def recipient(address: str) -> dict[str, str]:
    """WhatsApp's way of naming her: her number's digits, or her business-scoped user id."""
    if addresses.is_phone_number(address):
        return {"to": address.removeprefix("+")}
    return {"recipient": address}


class WhatsAppGateway:
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        # Delivery reports come to the app's webhook, not to a per-message URL.
        try:
            token = str(channel_secret(channel)["access_token"])
            address = addresses.normalize(AddressKind.WHATSAPP, to)
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        except addresses.InvalidAddressError:
            raise SendError(transient=False, code="bad-address") from None
        payload = {
            "messaging_product": MESSAGING_PRODUCT,
            "recipient_type": "individual",
            **recipient(address),
            "type": "text",
            "text": {"preview_url": False, "body": body},
        }
        url = graph.graph_url(f"{channel.config['phone_number_id']}/messages")
        try:
            answer = graph.post("whatsapp", url, token, payload)
        except SendError as exc:
            logger.warning(
                "whatsapp send refused: channel=%s code=%s transient=%s",
                channel.pk,
                exc.code,
                exc.transient,
            )
            raise
        messages = answer.get("messages")
        first = messages[0] if isinstance(messages, list) and messages else None
        wamid = first.get("id") if isinstance(first, dict) else None
        if not isinstance(wamid, str) or not 0 < len(wamid) <= MAX_ID_LENGTH:
            # Meta may have taken the message: trying again could send it twice.
            logger.warning("whatsapp send: unreadable answer, channel=%s", channel.pk)
            raise SendError(transient=False, code="bad-response")
        ref = provider_ref(channel.pk, wamid)
        logger.info("whatsapp send accepted: channel=%s ref=%s", channel.pk, ref)
        return ref
