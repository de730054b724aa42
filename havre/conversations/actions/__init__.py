"""Every change to conversations and messages happens in this package.

Texts and numbers reach these actions already sealed (inbound, through
`havre.intake`) or as the ciphertext an advocate's browser made (replies);
the plaintext of an outgoing text waits only in the relay (boxed, in its
own table) until a provider takes it. Events leave only after the transaction commits.
"""

from havre.conversations.actions.errors import (
    ActionError,
    ChannelRemoved,
    ConversationClosed,
    InvalidNumber,
    InvalidReply,
    MessageNotFound,
    NoProgramKey,
    NotRetryable,
    ReplyWindowClosed,
    RouteMismatch,
    StaleEpoch,
    TextGone,
)
from havre.conversations.actions.lifecycle import close_conversation, end_ongoing, mark_ongoing
from havre.conversations.actions.outbound import (
    queue_notice,
    queue_reply,
    record_delivery,
    retry_send,
    sweep_held_texts,
    sweep_stalled_sends,
)

__all__ = [
    "ActionError",
    "ChannelRemoved",
    "ConversationClosed",
    "InvalidNumber",
    "InvalidReply",
    "MessageNotFound",
    "NoProgramKey",
    "NotRetryable",
    "ReplyWindowClosed",
    "RouteMismatch",
    "StaleEpoch",
    "TextGone",
    "close_conversation",
    "end_ongoing",
    "mark_ongoing",
    "queue_notice",
    "queue_reply",
    "record_delivery",
    "retry_send",
    "sweep_held_texts",
    "sweep_stalled_sends",
]
