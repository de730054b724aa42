"""The one signal between the conversations that queue texts and the gateways that send them.

Conversations sit below the gateways and never import them. When texts are
queued, the action sends `texts_queued` (with their ids, in the order they
must go out) once its transaction commits; the gateways' sender listens
(`havre.gateways.apps`) and hands them to providers. Nothing is lost if
nobody listens: queued rows stay queued in the database, and a stalled one
ends visibly failed (`actions.outbound.sweep_stalled_sends`).
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent with message_ids: list[uuid.UUID], after the commit that queued them.
texts_queued = Signal()


def announce_queued_on_commit(message_ids: list[uuid.UUID]) -> None:
    """Tell the sender, once the current transaction commits, that these texts wait."""
    if not message_ids:
        return
    ids = list(message_ids)

    def announce() -> None:
        for _receiver, error in texts_queued.send_robust(sender=None, message_ids=ids):
            if error is not None:
                # The rows stay queued; the stalled-send sweep makes them visible.
                logger.error(
                    "queued texts not handed on: messages=%s %s",
                    ",".join(str(i) for i in ids),
                    type(error).__name__,
                )

    transaction.on_commit(announce, robust=True)
