"""The console's texts for team work: the shift, the queue, handing on, the crew
of a conversation, staff support and the supervisor view.

Merged into the console's catalog (havre/console/catalog.py); keys start
with `team_work.`. Placeholders are written `{name}` and filled in by the
browser; a `Count` becomes one key per plural form of the language (havre/plurals.py).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from havre.plurals import Count

_TEXTS: dict[str, Promise | Count] = {
    "nav": _("Supervision"),
    "loading": _("Loading…"),
    # the shift
    "shift_title": _("Your shift"),
    "on_duty_since": _("On duty since {when}"),
    "off_duty": _("Off duty"),
    "my_load": _("{load} of {cap} conversations"),
    "go_on_duty": _("Go on duty"),
    "end_shift": _("End shift…"),
    "off_duty_now": _("You are off duty."),
    # the queue
    "queue_title": _("Queue"),
    "waiting": Count("{n} waiting", "{n} waiting"),
    "in_crisis": Count("{n} in crisis", "{n} in crisis"),
    "longest_wait": _("longest wait {wait}"),
    "wait": Count("{n} min", "{n} min"),
    "more_waiting": Count("and {n} more waiting", "and {n} more waiting"),
    "take_next": _("Take next"),
    "take_needs_duty": _("Go on duty to take conversations."),
    "take_at_cap": _("You hold {cap} conversations, your maximum."),
    "taken": _("You took the next conversation."),
    "crisis.suicide": _("Crisis: suicide risk"),
    "crisis.danger": _("Crisis: immediate danger"),
    "badge_waiting": _("Waiting in the queue"),
    "badge_yours": _("Yours"),
    "badge_held": _("With {name}"),
    # pause after heavy conversations
    "pause_title": _("Time for a pause?"),
    "pause_heavy": Count(
        "You marked {n} conversation as heavy in this shift.",
        "You marked {n} conversations as heavy in this shift.",
    ),
    "pause_text": _(
        "Take a few minutes away from the screen, and ask a supervisor for a debrief "
        "when you are ready. Nobody else sees this."
    ),
    "pause_ok": _("Noted"),
    # the conversation's crew
    "holder_none": _("Waiting in the queue"),
    "holder_you": _("You hold this conversation"),
    "holder_named": _("Held by {name}"),
    "also_here": _("Also here: {names}"),
    "you": _("you"),
    "you_paren": _("(you)"),
    "join_to_answer": _("Someone else holds this conversation: join it to answer."),
    "transfer": _("Hand on…"),
    "join": _("Join"),
    "joined": _("You joined the conversation."),
    "leave": _("Leave"),
    "heavy": _("Heavy conversation"),
    "heavy_hint": _("Only you and the supervisors see this mark."),
    "notes_title": _("Handoff notes"),
    "note_from_to": _("From {author} to {recipient}"),
    "note_to_queue": _("the queue"),
    "for_you": _("For you"),
    # handing on
    "transfer_title": _("Hand on the conversation with {texter}"),
    "to": _("Hand to"),
    "hand_to": _("Hand to"),
    "to_queue": _("Back to the queue"),
    "choose": _("Choose where the conversation goes."),
    "choose_short": _("Choose…"),
    "nobody_on_duty": _("Nobody else is on duty."),
    "load": _("{load} of {cap}"),
    "full": _("(full)"),
    "override": _("Go past their maximum, on purpose (recorded)"),
    "note_label": _("Handoff note"),
    "note_optional": _("Handoff note (optional)"),
    "note_hint": _(
        "What the next person needs to know. It is encrypted here and only staff can read it."
    ),
    "hand_on": _("Hand on"),
    "cancel": _("Cancel"),
    "end_shift_title": _("End your shift"),
    "end_shift_intro": _(
        "Hand each of your conversations to a colleague on duty or back to the queue, "
        "with a short note, before you go off duty."
    ),
    "end_shift_submit": _("Hand on and go off duty"),
    "done.transfer": _("Conversation handed on."),
    "done.escalate": _("Conversation handed to a supervisor."),
    "done.requeue": _("Conversation back in the queue."),
    "done.assign": _("Conversation assigned."),
    "role.advocate": _("advocate"),
    "role.supervisor": _("supervisor"),
    "role.admin": _("administrator"),
    # the supervisor view
    "supervision_title": _("Supervision"),
    "health": _("Queue health"),
    "unanswered_count": Count(
        "{n} with no reply for over {minutes} min", "{n} with no reply for over {minutes} min"
    ),
    "none": _("None"),
    "staff_title": _("Staff"),
    "col_member": _("Member"),
    "col_role": _("Role"),
    "col_duty": _("Duty"),
    "col_load": _("Load"),
    "col_heavy": _("Heavy this shift"),
    "col_cap": _("Own maximum"),
    "own_cap_for": _("Own maximum for {name}"),
    "save_cap_for": _("Save the maximum for {name}"),
    "crisis_title": _("Crisis"),
    "unanswered_title": _("No reply for over {minutes} min"),
    "texter_wrote": _("texter wrote {wait} ago"),
    "open": pgettext_lazy("button", "Open"),
    "open_for": _("Open the conversation with {texter}"),
    "join_for": _("Join the conversation with {texter}"),
    "assign": _("Assign…"),
    "assign_for": _("Assign the conversation with {texter}"),
    "reassign": _("Reassign…"),
    "reassign_for": _("Reassign the conversation with {texter}"),
    "settings_title": _("Caseloads"),
    "setting_cap": _("Maximum conversations per person"),
    "setting_minutes": _("Flag no reply after (minutes)"),
    "setting_auto": _("Assign new conversations automatically to the least busy advocate on duty"),
    "save": _("Save"),
    "saved": _("Saved."),
    # refusals
    "error.generic": _("That did not work ({code})."),
    "error.network": _("No connection to the server. Try again."),
    "error.error_generic": _("Something went wrong. Try again."),
    "error.not_on_duty": _("That person is not on duty (or you are not)."),
    "error.at_capacity": _("No room: that would go past the maximum of conversations."),
    "error.queue_empty": _("Nothing is waiting in the queue."),
    "error.not_allowed": _("Only the person who holds it, or a supervisor, can do that."),
    "error.invalid_target": _("The conversation cannot go there."),
    "error.note_required": _("Write a handoff note for each conversation."),
    "error.invalid_note": _("The note could not be encrypted. Try again."),
    "error.handoff_required": _(
        "Your conversations changed meanwhile. Close this and end the shift again."
    ),
    "error.not_participant": _("Join the conversation first."),
    "error.stale_epoch": _("The helpline's key has changed: lock and unlock the console."),
    "error.conversation_closed": _("This conversation is closed."),
    "error.no_program_key": _("The helpline has no key yet."),
    "error.not_found": _("Not found: it may have changed meanwhile."),
    "error.duplicate_note": _("That note was already sent."),
    "error.forbidden": _("Only supervisors can do that."),
    "error.too_many_attempts": _("Too many tries. Wait a few minutes, then try again."),
}

TEAM_WORK_STRINGS: dict[str, Promise | Count] = {
    f"team_work.{key}": text for key, text in _TEXTS.items()
}
