"""Refusals an action may raise. `code` is a short machine string, never user content."""

from __future__ import annotations


class ActionError(Exception):
    """A refused action; `code` is a short machine string, never user content."""

    code = "invalid"


class InvalidNumber(ActionError):  # noqa: N818 (reads as the condition it reports)
    code = "invalid_number"


class NoProgramKey(ActionError):  # noqa: N818
    code = "no_program_key"


class KeyRequired(ActionError):  # noqa: N818
    """The member does not hold the current program key: nothing she sends is looked at."""

    code = "key_required"


class RouteMismatch(ActionError):  # noqa: N818
    code = "route_mismatch"


class ConversationClosed(ActionError):  # noqa: N818
    code = "conversation_closed"


class InvalidReply(ActionError):  # noqa: N818
    code = "invalid_reply"


class StaleEpoch(ActionError):  # noqa: N818
    """Sealed to a program key that is no longer current: the browser reloads
    its keys and seals again, rather than store a ciphertext under the wrong epoch."""

    code = "stale_epoch"


class ChannelRemoved(ActionError):  # noqa: N818
    """The conversation's channel was removed: nothing can leave through it any more."""

    code = "channel_removed"


class ReplyWindowClosed(ActionError):  # noqa: N818
    """The channel lets the helpline answer only within a while of the texter's
    last message (24 hours on WhatsApp and Messenger), and that while is over."""

    code = "window_closed"


class MessageNotFound(ActionError):  # noqa: N818
    code = "not_found"


class NotRetryable(ActionError):  # noqa: N818
    """Only a text that ended failed can be tried again."""

    code = "not_failed"


class TextGone(ActionError):  # noqa: N818
    """The text of a failed message is no longer held (its hold lapsed): a reply
    can still be put back in the reply box and sent anew."""

    code = "text_gone"
