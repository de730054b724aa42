"""Every change triage makes: programs' lexicons (lexicons.py), and crisis
flags and alerts on conversations (flags.py)."""

from __future__ import annotations

from havre.triage.actions.flags import (
    CLEAR_REASONS,
    FlagError,
    acknowledge_alert,
    alert_recipients,
    clear_flag,
    flag_conversation,
    pending_alerts,
)
from havre.triage.actions.lexicons import (
    MAX_TERMS,
    LexiconError,
    clean_terms,
    reset_lexicon,
    save_lexicon,
)

__all__ = [
    "CLEAR_REASONS",
    "MAX_TERMS",
    "FlagError",
    "LexiconError",
    "acknowledge_alert",
    "alert_recipients",
    "clean_terms",
    "clear_flag",
    "flag_conversation",
    "pending_alerts",
    "reset_lexicon",
    "save_lexicon",
]
