"""Every change to conversations and messages happens in this package.

Texts and numbers arrive in plaintext from a provider or from an advocate's
browser; they are sealed to the program key (or handed to the relay) before
anything is written, and events leave only after the transaction commits.
"""

from havre.conversations.actions.errors import (
    ActionError,
    ChannelRemoved,
    ConversationClosed,
    InvalidNumber,
    InvalidReply,
    NoProgramKey,
    ReplyWindowClosed,
    RouteMismatch,
    StaleEpoch,
)
from havre.conversations.actions.inbound import receive_inbound
from havre.conversations.actions.lifecycle import close_conversation
from havre.conversations.actions.outbound import (
    deliver,
    queue_notice,
    queue_reply,
    record_delivery,
    reply_window_closes_at,
    send_notice,
    sweep_stalled_sends,
)

__all__ = [
    "ActionError",
    "ChannelRemoved",
    "ConversationClosed",
    "InvalidNumber",
    "InvalidReply",
    "NoProgramKey",
    "ReplyWindowClosed",
    "RouteMismatch",
    "StaleEpoch",
    "close_conversation",
    "deliver",
    "queue_notice",
    "queue_reply",
    "receive_inbound",
    "record_delivery",
    "reply_window_closes_at",
    "send_notice",
    "sweep_stalled_sends",
]
