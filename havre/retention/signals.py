"""What the retention sweep tells the apps above it.

`conversation_erased(conversation_id=...)` is sent inside the transaction that
erases a closed conversation's contents, so that an app above retention (the
web chat's sessions) deletes its own rows about it in the same transaction:
all of it goes, or none.
"""

from __future__ import annotations

from django.dispatch import Signal

conversation_erased = Signal()
