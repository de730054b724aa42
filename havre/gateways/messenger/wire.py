"""The Messenger Platform's wire format: what its webhooks carry and what Havre reads of them."""

from __future__ import annotations

from typing import Final

OBJECT: Final = "page"
# The Send API's message type for an answer to someone who wrote, within 24 hours.
MESSAGING_TYPE: Final = "RESPONSE"
