"""Intake: the one path every inbound text takes, whatever the channel.

Providers' webhook views (`havre.gateways.<provider>.views`) verify and parse
what the provider sent, then call `receive_inbound`; see pipeline.py.
"""

from havre.conversations.actions.errors import InvalidNumber, NoProgramKey
from havre.intake.pipeline import receive_inbound
from havre.intake.sealed import SealedText, receive_sealed

__all__ = ["InvalidNumber", "NoProgramKey", "SealedText", "receive_inbound", "receive_sealed"]
