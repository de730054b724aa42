"""WhatsApp Cloud API's wire format: what its webhooks carry and what Havre reads of them."""

from __future__ import annotations

from typing import Final

OBJECT: Final = "whatsapp_business_account"
MESSAGING_PRODUCT: Final = "whatsapp"

# Message types whose content is an attachment or a card Havre never keeps:
# each counts as one item "not received", answered with the kind explanation.
# Captions are words the texter typed, and are kept as her text.
ATTACHMENTS: Final = frozenset({"image", "video", "audio", "document", "sticker"})
CARDS: Final = frozenset({"location", "contacts"})
# Notices about the account rather than messages from the texter.
IGNORED: Final = frozenset({"system", "request_welcome"})

# WhatsApp's statuses of a sent message, as Havre's delivery statuses. "read"
# means at least delivered. Anything else ("deleted", "warning") is not tracked.
STATUS_MAP: Final = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "failed": "failed",
}
