"""The texts of the Records section (`records.*`) and of the ongoing relationship (`relationship.*`)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from havre.plurals import Count

RECORDS_STRINGS: dict[str, Promise | Count] = {
    "records.nav": _("Records"),
    "records.title": _("Records"),
    "records.intro": _(
        "What the helpline keeps, and for how long. Nothing here shows what was said "
        "or who wrote: only durations, counts, staff names and times."
    ),
    # the policy
    "records.policy.title": _("Retention"),
    "records.policy.intro": _(
        "Write a duration like 24h, 7d, 90m or 0s; units may be combined (1d12h)."
    ),
    "records.policy.delete_after": _("Delete a closed conversation's messages after"),
    "records.policy.delete_after_hint": _(
        "Its messages, notes and code word, and its number unless a relationship is ongoing. "
        "0s deletes them at the next sweep. Default {default}; from {low} to {high}."
    ),
    "records.policy.close_idle_after": _("Close an open conversation idle for"),
    "records.policy.close_idle_after_hint": _(
        "No message and no change for this long. Default {default}; from {low} to {high}."
    ),
    "records.policy.audit_keep": _("Keep the audit log and purge reports for"),
    "records.policy.audit_keep_hint": _("Default {default}; from {low} to {high}."),
    "records.policy.save": _("Save the retention"),
    "records.policy.saved": _("Saved."),
    "records.policy.updated": _("Last changed {when}."),
    "records.policy.error": _("Not saved: check the connection and try again."),
    "records.policy.bad": _("Not a duration: write it like 24h, 7d, 90m or 0s."),
    "records.policy.out_of_bounds": _("Choose from {low} to {high}."),
    "records.policy.fix": _("Not saved: correct the field marked below."),
    # purge reports
    "records.purges.title": _("Purge reports"),
    "records.purges.intro": _(
        "Each sweep that deleted something, and each purge run by hand: counts and how long it "
        "took."
    ),
    "records.purges.none": _("No purge yet."),
    "records.purges.when": _("When"),
    "records.purges.trigger": _("Run by"),
    "records.purges.duration": _("Duration"),
    "records.purges.what": _("What it did"),
    "records.purges.ms": _("{n} ms"),
    "records.purges.nothing": _("nothing to do"),
    "records.purges.count": _("{what}: {n}"),
    "records.trigger.sweep": _("the schedule"),
    "records.trigger.command": _("the command line"),
    "records.count.closed_idle": _("closed when idle"),
    "records.count.closing_notices_owed": _("left open for the closing notice"),
    "records.count.closing_notices_unsent": _("closed without the closing notice owed"),
    "records.count.conversations_erased": _("conversations erased"),
    "records.count.messages_deleted": _("messages deleted"),
    "records.count.notes_deleted": _("notes deleted"),
    "records.count.numbers_erased": _("numbers erased"),
    "records.count.code_words_erased": _("code words erased"),
    "records.count.audit_entries_deleted": _("audit entries deleted"),
    "records.count.reports_deleted": _("reports deleted"),
    "records.count.epochs_shredded": _("old keys shredded"),
    "records.count.grants_deleted": _("key copies deleted"),
    # the audit log
    "records.audit.title": _("Audit log"),
    "records.audit.intro": _(
        "Who signed in, opened, closed, changed a setting or a key, and when. Never what was "
        "said, never a number."
    ),
    "records.audit.filter": _("Filter"),
    "records.audit.kind": _("Kind"),
    "records.audit.kind_any": _("Any"),
    "records.audit.member": _("Member"),
    "records.audit.member_any": _("Anyone"),
    "records.audit.from": _("From"),
    "records.audit.to": _("To"),
    "records.audit.show": _("Show"),
    "records.audit.when": _("When"),
    "records.audit.who": _("Who"),
    "records.audit.action": _("What"),
    "records.audit.target": _("On (id)"),
    "records.audit.system": _("Havre (automatic)"),
    "records.audit.none": _("No entry."),
    "records.audit.older": _("Older entries"),
    "records.audit.shown": Count("{n} entry shown.", "{n} entries shown."),
    "records.audit.error": _("The audit log could not be loaded. Try again in a moment."),
    "records.audit.bad_dates": _("Choose dates: the first on or before the last."),
    "records.loading": _("Loading…"),
    "records.forbidden": _("Only administrators see the records."),
    # audit kinds, as the filter offers them
    "records.kind.sign_in": _("Sign-ins"),
    "records.kind.opened": _("Conversations opened"),
    "records.kind.close": _("Conversations closed"),
    "records.kind.conversation": _("Closed by the texter or when idle"),
    "records.kind.relationship": _("Ongoing relationships"),
    "records.kind.block": _("Blocks"),
    "records.kind.transfer": _("Transfers"),
    "records.kind.join": _("Joins"),
    "records.kind.deactivate": _("Members deactivated"),
    "records.kind.grant": _("Keys given"),
    "records.kind.epoch": _("New program keys"),
    "records.kind.route_key_rotated": _("Route key rotated"),
    "records.kind.retention_set": _("Retention changed"),
    "records.kind.triage": _("Crisis triage"),
    "records.kind.emergency": _("Emergency mode"),
    # the closing notice owed after the idle time
    "owed.text": _(
        "No activity for the helpline's idle time, and she wrote last: she is owed the closing "
        "notice. Close with the notice; otherwise it closes without it at {when}."
    ),
    "owed.close": _("Close with the closing notice"),
    "owed.badge": _("closing notice owed"),
    # the ongoing relationship, in the conversation's side panel
    "relationship.title": _("Ongoing relationship"),
    "relationship.none": _(
        "Not marked: when this conversation closes, its number and route are erased at once."
    ),
    "relationship.marked": _(
        "Marked since {when}: the number and route stay after closing, until the relationship "
        "ends. Messages are still deleted when due."
    ),
    "relationship.mark": _("Mark an ongoing relationship"),
    "relationship.mark_confirm": _(
        "Keep her number and route after this conversation closes, so that the next "
        "conversation with her can be linked? They stay until someone ends the relationship."
    ),
    "relationship.mark_yes": _("Mark it"),
    "relationship.end": _("End the relationship"),
    "relationship.end_confirm_open": _(
        "End the ongoing relationship? Her number and route will be erased when this "
        "conversation closes."
    ),
    "relationship.end_confirm_closed": _(
        "End the ongoing relationship? Her number and route are erased now: nobody will be "
        "able to read the number again."
    ),
    "relationship.end_yes": _("End it"),
    "relationship.cancel": _("Cancel"),
    "relationship.marked_done": _("Ongoing relationship marked."),
    "relationship.ended_done": _("Ongoing relationship ended."),
    "relationship.list_title": _("Ongoing relationships"),
    "relationship.list_show": _("Show closed conversations kept for an ongoing relationship"),
    "relationship.list_none": _("None: every closed conversation's number is erased."),
    "relationship.list_error": _("The list could not be loaded. Try again in a moment."),
    "relationship.error": _("Not changed ({code})."),
    "relationship.not_allowed": _(
        "Only the person who holds this conversation, someone who joined it, or a supervisor "
        "can change this."
    ),
}
