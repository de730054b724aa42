"""The texts of the inbox's previews, unread counts, filters and search, and of linked conversations."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from havre.plurals import Count

INBOX_STRINGS: dict[str, Promise | Count] = {
    "inbox.unread": Count("{n} unread text", "{n} unread texts"),
    "inbox.preview.you": _("You"),
    "inbox.preview.from": _("{who}: {text}"),
    "inbox.count_filtered": Count(
        "{n} conversation shown of {total} open", "{n} conversations shown of {total} open"
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
    "inbox.search.unsearched": Count(
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
    "team_work.shown_of": Count(
        "{n} conversation shown of {total}.", "{n} conversations shown of {total}."
    ),
    "team_work.more_in_inbox": Count("Show it in the inbox", "Show all {n} in the inbox"),
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
    "related.title": Count(
        "This texter wrote before (ongoing relationship):",
        "This texter wrote before, {n} times (ongoing relationship):",
    ),
    "related.open": _("Open conversation, begun {when}"),
    "related.closed": _("Conversation begun {when}, closed {closed}"),
    "related.why": _(
        "Havre links conversations only while an ongoing relationship keeps the texter's route."
    ),
}
