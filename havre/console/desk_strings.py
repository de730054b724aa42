"""The texts of the desk's frame: its panes, the phone's header menu, the side panel."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DESK_STRINGS: dict[str, Promise] = {
    "header.menu": _("Menu"),
    "side.open": _("Tools and notes"),
    "side.title": _("About this conversation"),
    "side.back": _("Back to the conversation"),
    "inbox.more.one": _("Show more: {n} conversation not shown"),
    "inbox.more.other": _("Show more: {n} conversations not shown"),
}
