"""The texts of the desk's frame: its panes, the phone's header menu, the side panel."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from havre.plurals import Count

DESK_STRINGS: dict[str, Promise | Count] = {
    "header.menu": _("Menu"),
    "side.open": _("Tools and notes"),
    "side.title": _("About this conversation"),
    "side.back": _("Back to the conversation"),
    # The lexicon editor's count of terms (the console's, as gettext's plural forms).
    "lexicon.count": Count("{n} term", "{n} terms"),
    "inbox.more": Count(
        "Show more: {n} conversation not shown", "Show more: {n} conversations not shown"
    ),
    # keyboard shortcuts
    "shortcuts.open": _("Keyboard shortcuts"),
    "shortcuts.title": _("Keyboard shortcuts"),
    "shortcuts.intro": _(
        "One key, while the cursor is not in a field. Press ? to see this list again."
    ),
    "shortcuts.next": _("Next conversation"),
    "shortcuts.previous": _("Previous conversation"),
    "shortcuts.take": _("Take the next conversation from the queue"),
    "shortcuts.reply": _("Write a reply"),
    "shortcuts.quick": _("Quick replies (also / in an empty reply box), filtered as you type"),
    "shortcuts.close": _("Close the conversation (asks first)"),
    "shortcuts.help": _("This list"),
    "shortcuts.escape": _("Close a dialog, a menu or a question"),
    "shortcuts.send": _("Send the reply"),
    "shortcuts.done": _("Close"),
    "desk.quick_filter": _("Filter"),
    "desk.quick_none": _("No quick reply matches."),
    "desk.quick_shown": _("Matching quick replies: {n}"),
}
