"""The texts of the inbox's previews, unread counts, filters and search, and of linked conversations."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


def _plural(key: str, singular: str, plural: str) -> dict[str, Promise]:
    """A count's two texts through gettext's plural forms (msgid_plural in the catalogue).

    The browser picks `.one` or `.other` with the language's plural rule
    (Intl.PluralRules); each is gettext's form for a number of that kind,
    so French says "1 conversation" and "0 conversation" as its grammar does.
    """
    return {
        f"{key}.one": ngettext_lazy(singular, plural, 1),
        f"{key}.other": ngettext_lazy(singular, plural, 2),
    }


INBOX_STRINGS: dict[str, Promise] = {
    **_plural("inbox.unread", "{n} unread text", "{n} unread texts"),
    "inbox.preview.you": _("You"),
    "inbox.preview.from": _("{who}: {text}"),
    **_plural(
        "inbox.count_filtered",
        "{n} conversation shown of {total} open",
        "{n} conversations shown of {total} open",
    ),
    "inbox.none_match": _("No open conversation matches these filters."),
    "inbox.filter.legend": _("Filter the list"),
    "inbox.filter.show": _("Show"),
    "inbox.filter.all": _("All open conversations"),
    "inbox.filter.mine": _("Mine"),
    "inbox.filter.queue": _("In the queue"),
    "inbox.filter.unread": _("Unread"),
    "inbox.filter.waiting": _("Waiting for a reply"),
    "inbox.filter.crisis": _("Crisis"),
    "inbox.filter.channel": _("Channel"),
    "inbox.filter.every_channel": _("Every channel"),
    "inbox.search.label": _("Search this page"),
    "inbox.search.hint": _(
        "Looks only through what this page has decrypted: the numbers and last messages of "
        "the conversations shown so far. The server cannot search, because it cannot read them."
    ),
    **_plural(
        "inbox.search.unsearched",
        "{n} conversation not yet shown on this page was not searched.",
        "{n} conversations not yet shown on this page were not searched.",
    ),
    "conversation.closed_blocked": _(
        "This conversation is closed: its number was blocked. Texts from it no longer reach "
        "the helpline until a supervisor lifts the block."
    ),
    "safety.block.confirm": _(
        "Block this number and close the conversation now? Nothing is sent to the texter, "
        "and her texts will no longer reach the helpline."
    ),
    "safety.block.confirm_yes": _("Yes, block and close"),
    "safety.block.confirm_no": _("Cancel"),
    **_plural(
        "team_work.shown_of",
        "{n} conversation shown of {total}.",
        "{n} conversations shown of {total}.",
    ),
    **_plural("team_work.more_in_inbox", "Show it in the inbox", "Show all {n} in the inbox"),
    "team_work.note_by": _("Note by {author}"),
    "note.title": _("Note for the team"),
    "note.label": _("Write a note"),
    "note.hint": _(
        "Sealed in this browser: only staff who hold the program key can read it. "
        "Never shown to the texter."
    ),
    "note.empty": _("Write the note first."),
    "note.save": _("Save the note"),
    "note.saved": _("Note saved."),
    "note.failed": _("The note was not saved ({code})."),
    **_plural(
        "related.title",
        "This texter wrote before (ongoing relationship):",
        "This texter wrote before, {n} times (ongoing relationship):",
    ),
    "related.open": _("Open conversation, begun {when}"),
    "related.closed": _("Conversation begun {when}, closed {closed}"),
    "related.why": _(
        "Havre links conversations only while an ongoing relationship keeps the texter's route."
    ),
}
