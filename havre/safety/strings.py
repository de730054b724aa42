"""The safety tools' texts in the console (`safety.*`), merged into its catalogue.

The glossary of SMS abbreviations is not here: it is data, in both
languages, in frontend/src/console/glossary.ts.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from havre.plurals import Count, texts


def _code_word() -> dict[str, str]:
    return {
        "title": _("Safety tools"),
        "codeword.title": _("Code word"),
        "codeword.recorded": _("recorded"),
        "codeword.none": _("none yet"),
        "codeword.verify_intro": _(
            "Type what the person gives as the code word. It is compared in this browser; "
            "the code word itself is never shown."
        ),
        "codeword.attempt": _("What the person says"),
        "codeword.check": _("Check"),
        "codeword.matches": _("Matches the code word."),
        "codeword.differs": _("Does not match the code word."),
        "codeword.attempt_empty": _("Type what the person says first."),
        "codeword.locked": _("The code word cannot be opened with your keys."),
        "codeword.new_label": _("Code word agreed with the person"),
        "codeword.replace_label": _("New code word (replaces the current one)"),
        "codeword.new_hint": _(
            "Encrypted before it leaves this computer. Nobody can display it afterwards, "
            "not even you. Capitals, accents and extra spaces do not count."
        ),
        "codeword.save": _("Save the code word"),
        "codeword.replace": _("Replace the code word"),
        "codeword.clear": _("Remove the code word"),
        "codeword.empty": _("Type a code word first."),
        "codeword.saved": _("Code word saved."),
        "codeword.cleared": _("Code word removed."),
    }


def _checkins() -> dict[str, str | Count]:
    return {
        "checkin.title": _("Check-ins"),
        "checkin.off": pgettext("check-ins", "off"),
        "checkin.intro": _(
            "A reminder for you to ask whether it is still safe to text. "
            "Nothing is ever sent to the texter on its own."
        ),
        "checkin.every_label": _("Remind me"),
        "checkin.every_days": Count("every day", "every {n} days"),
        "checkin.every_hours": Count("every hour", "every {n} hours"),
        "checkin.save": _("Save"),
        "checkin.saved": _("Check-ins saved."),
        "checkin.stop": _("Stop check-ins"),
        "checkin.stopped": _("Check-ins stopped."),
        "checkin.next": _("Next check-in: {when}."),
        "checkin.due_title": _("Check-in due."),
        "checkin.due_text": _("Ask whether it is still safe to text."),
        "checkin.due_since": _("Due since {when}."),
        "checkin.done": _("Done, I asked"),
        "checkin.snooze_hour": _("Remind me in an hour"),
        "checkin.snooze_tomorrow": _("Remind me tomorrow"),
        "checkin.due_badge": _("Check-in due"),
        "checkin.due_announce": _(
            "Check-in due with {texter}: ask whether it is still safe to text."
        ),
    }


def _blocks() -> dict[str, str]:
    return {
        "block.title": _("Block this number"),
        "block.intro": _(
            "Texts from this number will no longer reach the helpline, and this conversation "
            "closes without any message to the texter. Only a supervisor can lift the block."
        ),
        "block.label": _("Label, to recognise this block later"),
        "block.label_hint": _(
            "Encrypted. Do not write the number: supervisors see only this label."
        ),
        "block.label_missing": _("Write a label first."),
        "block.submit": _("Block and close the conversation"),
        "block.done": _("Number blocked. The conversation is closed."),
        "blocks.title": _("Blocked numbers"),
        "blocks.show": _("Show the list"),
        "blocks.loading": _("Loading…"),
        "blocks.empty": _("No number is blocked."),
        "blocks.label_locked": _("A label your keys cannot decrypt"),
        "blocks.by": _("Blocked {when} by {name}"),
        "blocks.lift": _("Lift the block"),
        "blocks.lift_named": _("Lift the block: {label}"),
        "blocks.confirm": _(
            "Texts from this number will reach the helpline again. Lift the block?"
        ),
        "blocks.confirm_yes": _("Yes, lift it"),
        "blocks.confirm_no": _("Keep the block"),
        "blocks.lifted": _("Block lifted."),
    }


def _write_first() -> dict[str, str]:
    return {
        "write.title": _("Write first to a client"),
        "write.open": _("Write first to a client"),
        "write.intro": _(
            "Only for someone who agreed to be contacted. Type the number twice; you will "
            "confirm its last digits before anything is sent."
        ),
        "write.channel": _("Send from"),
        "write.number": _("Number to write to"),
        "write.number_again": _("The same number again"),
        "write.number_again_hint": _("Type it again rather than copying it: both must match."),
        "write.message": _("First message"),
        "write.message_missing": _("Write the first message."),
        "write.continue": _("Continue"),
        "write.cancel": _("Cancel"),
        "write.confirm": _(
            "You are about to write to a number ending in {digits}. "
            "Type its last {n} digits to confirm."
        ),
        "write.digits": _("Last digits"),
        "write.send": _("Send"),
        "write.back": _("Back"),
        "write.sent": _("Message sent. The conversation is open."),
        "write.sent_existing": _(
            "A conversation with this number was already open: the message was added to it."
        ),
    }


def _errors() -> dict[str, str]:
    return {
        "error.numbers_differ": _("The two numbers are not the same. Type the number again."),
        "error.key_required": _(
            "You do not hold the helpline's current key: ask an administrator to give it to you. "
            "Nothing was done."
        ),
        "error.not_allowed": _(
            "Only the person who holds this conversation, someone who joined it, or a "
            "supervisor can block it."
        ),
        "error.last_digits_wrong": _(
            "Those are not the last digits of the number. Check the number."
        ),
        "error.number_blocked": _("This number is blocked: the helpline does not write to it."),
        "error.invalid_number": _("This is not a phone number the helpline can write to."),
        "error.conversation_closed": _("This conversation is closed."),
        "error.stale_epoch": _(
            "The helpline's key has changed: lock and unlock the console, then try again."
        ),
        "error.no_program_key": _("The helpline has no key yet."),
        "error.route_mismatch": _("The number did not match this conversation: nothing was done."),
        "error.already_blocked": _("This number is already blocked."),
        "error.invalid_sealed": _("The code word could not be saved. Try again."),
        "error.invalid_label": _("The label could not be saved. Try a shorter one."),
        "error.no_checkin": _("There are no check-ins on this conversation."),
        "error.supervisors_only": _("Only supervisors can do this."),
        "error.not_found": _("This no longer exists."),
        "error.network": _("No connection to the server: nothing was done."),
        "error.generic": _("That did not work ({code})."),
    }


def safety_strings() -> dict[str, str]:
    """Every `safety.*` text, in the active language."""
    strings = {**_code_word(), **_checkins(), **_blocks(), **_write_first(), **_errors()}
    return texts({f"safety.{key}": value for key, value in strings.items()})
