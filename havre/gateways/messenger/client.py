"""Sending through the Messenger Platform's Send API: POST /<page id>/messages on the Graph API."""

from __future__ import annotations

import logging

from havre.conversations.actions.channels import ChannelError, channel_secret
from havre.conversations.models import Channel
from havre.gateways.base import SendError
from havre.gateways.messenger.wire import MESSAGING_TYPE
from havre.gateways.meta import graph
from havre.gateways.meta.payload import MAX_ID_LENGTH
from havre.gateways.refs import provider_ref
from havre.vault import addresses
from havre.vault.addresses import AddressKind

logger = logging.getLogger(__name__)


class MessengerGateway:
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        # Delivery events come to the app's webhook, not to a per-message URL.
        try:
            token = str(channel_secret(channel)["access_token"])
            psid = addresses.normalize(AddressKind.MESSENGER, to)
        except ChannelError:
            raise SendError(transient=False, code="channel-removed") from None
        except addresses.InvalidAddressError:
            raise SendError(transient=False, code="bad-address") from None
        payload = {
            "recipient": {"id": psid},
            "messaging_type": MESSAGING_TYPE,
            "message": {"text": body},
        }
        url = graph.graph_url(f"{channel.address}/messages")
        try:
            answer = graph.post("messenger", url, token, payload)
        except SendError as exc:
            logger.warning(
                "messenger send refused: channel=%s code=%s transient=%s",
                channel.pk,
                exc.code,
                exc.transient,
            )
            raise
        mid = answer.get("message_id")
        if not isinstance(mid, str) or not 0 < len(mid) <= MAX_ID_LENGTH:
            # Meta may have taken the message: trying again could send it twice.
            logger.warning("messenger send: unreadable answer, channel=%s", channel.pk)
            raise SendError(transient=False, code="bad-response")
        ref = provider_ref(channel.pk, mid)
        logger.info("messenger send accepted: channel=%s ref=%s", channel.pk, ref)
        return ref
