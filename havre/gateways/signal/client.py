"""Sending through signal-cli: the JSON-RPC `send` method, one recipient at a time."""

from __future__ import annotations

import logging
from typing import Any

from havre.conversations.models import Channel
from havre.gateways.base import SendError
from havre.gateways.refs import provider_ref
from havre.gateways.signal import rpc
from havre.gateways.signal.wire import RESULT_CODES, outbound_key
from havre.vault import addresses
from havre.vault.addresses import AddressKind

logger = logging.getLogger(__name__)


def _result(answer: Any) -> tuple[int, dict[str, Any]]:
    """The send's timestamp and its one recipient's result, or SendError."""
    results = answer.get("results") if isinstance(answer, dict) else None
    stamp = answer.get("timestamp") if isinstance(answer, dict) else None
    first = results[0] if isinstance(results, list) and len(results) == 1 else None
    if not isinstance(stamp, int) or isinstance(stamp, bool) or not isinstance(first, dict):
        raise SendError(transient=False, code="bad-response")
    return stamp, first


class SignalGateway:
    def send(self, channel: Channel, *, to: str, body: str, status_callback: str) -> str:
        # Receipts come on the event stream, not to a per-message URL.
        if channel.removed_at is not None:
            raise SendError(transient=False, code="channel-removed")
        try:
            recipient = addresses.normalize(AddressKind.SIGNAL, to)
        except addresses.InvalidAddressError:
            raise SendError(transient=False, code="bad-address") from None
        params = {"account": channel.address, "recipient": [recipient], "message": body}
        rpc_url = str(channel.config["rpc_url"])
        try:
            answer = rpc.call(rpc_url, "send", params)
        except rpc.RpcError as error:
            failure = rpc.send_error(error)
            # signal-cli puts the per-recipient result in the error when nobody got it.
            response = error.data.get("response") if isinstance(error.data, dict) else None
            if isinstance(response, dict):
                try:
                    _, result = _result(response)
                    code, transient = RESULT_CODES.get(
                        str(result.get("type")), (failure.code, failure.transient)
                    )
                    failure = SendError(transient=transient, code=code)
                except SendError:
                    pass
            logger.warning(
                "signal send refused: channel=%s code=%s transient=%s",
                channel.pk,
                failure.code,
                failure.transient,
            )
            raise failure from None
        stamp, result = _result(answer)
        kind = str(result.get("type"))
        if kind != "SUCCESS":
            code, transient = RESULT_CODES.get(kind, ("failed", False))
            logger.warning("signal send refused: channel=%s code=%s", channel.pk, code)
            raise SendError(transient=transient, code=code)
        # Receipts name her by her account's UUID: key the reply the same way.
        address = result.get("recipientAddress")
        uuid_ = address.get("uuid") if isinstance(address, dict) else None
        key_address = recipient
        if isinstance(uuid_, str):
            try:
                key_address = addresses.normalize(AddressKind.SIGNAL, uuid_)
            except addresses.InvalidAddressError:
                key_address = recipient
        ref = provider_ref(channel.pk, outbound_key(key_address, stamp))
        logger.info("signal send accepted: channel=%s ref=%s", channel.pk, ref)
        return ref
