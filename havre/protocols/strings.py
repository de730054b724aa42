"""The console's texts for notices, hours, quick replies and emergency mode.

Merged into the console's catalogue (havre/console/catalog.py). Keys start
with "protocols."; placeholders are written {name} and filled in by the
browser, except the notice placeholders quoted in the settings' help, which
the browser leaves as written.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def _notice_names() -> dict[str, str]:
    names = {
        "welcome_safety": _("Welcome: is it safe to text?"),
        "welcome_privacy": _("Welcome: privacy and its limits"),
        "welcome_confidentiality": _("Welcome: confidentiality and reporting"),
        "welcome_stop": _("Welcome: how to stop"),
        "closing": _("Closing message"),
        "out_of_hours": _("Out of hours"),
        "emergency": _("Unavailable (emergency mode)"),
        "media": _("Photos and files are not kept"),
    }
    return {f"notice.name.{key}": name for key, name in names.items()}


def _conversation() -> dict[str, str]:
    return {
        "notice.sent": _("Notice sent: {name}"),
        "notice.automatic": _("Automatic reply"),
        "menu.label": _("Send a notice"),
        "menu.intro": _("Sent to the texter as the program words it, in {language}."),
        "menu.sent": _("Notice sent: {name}."),
        "menu.failed": _("The notice was not sent ({code})."),
        "close.with_notice": _(
            "Send the closing message first (delete this thread, cloud backups, how to come back)"
        ),
        "quick.label": _("Quick replies"),
        "quick.language": _("Language of the quick replies"),
        "quick.inserted": _("Quick reply put in the reply box: read it over, then send."),
        "quick.none": _("No quick replies in this language yet."),
        "category.safety": _("Safety"),
        "category.understanding": _("Checking understanding"),
        "category.rights": _("Rights and reporting"),
        "category.hours": _("Hours"),
        "language.en": _("English"),
        "language.fr": _("French"),
        "texter_language.label": _("Texter's language"),
        "texter_language.unknown": _("Not known yet (the program's language is used)"),
        "texter_language.hint": _(
            "Read from her first text. Notices and quick replies are in this language."
        ),
        "texter_language.changed": _("The texter's language is now {language}."),
        "texter_language.failed": _("The language was not changed ({code})."),
    }


def _emergency() -> dict[str, str]:
    return {
        "emergency.banner": _(
            "Emergency mode is on: every new text gets the unavailability message."
        ),
        "emergency.since": _("Since {when}, by {name}. Reason: {reason}"),
        "emergency.open": _("Emergency mode…"),
        "emergency.form_title": _("Switch emergency mode on"),
        "emergency.explain": _(
            "Every new text will get the unavailability message with the emergency numbers, "
            "and every console will show a banner until someone switches it off."
        ),
        "emergency.reason": _("Reason, for the team"),
        "emergency.switch_on": _("Switch on now"),
        "emergency.switch_off": _("Switch emergency mode off"),
        "emergency.cancel": _("Cancel"),
        "emergency.switched_on": _("Emergency mode is on."),
        "emergency.switched_off": _("Emergency mode is off."),
    }


def _settings() -> dict[str, str]:
    return {
        "settings.nav": _("Settings"),
        "settings.title": _("Helpline settings"),
        "settings.loading": _("Loading the settings…"),
        "settings.save": _("Save"),
        "settings.saved": _("Saved."),
        "settings.remove": _("Remove"),
        "settings.notices": _("Notices"),
        "settings.notices_intro": _(
            "What texters receive automatically, or when an advocate sends a notice. Empty a "
            "box to go back to Havre's text. You can use {program}, {next_opening} and "
            "{emergency_numbers}: they are filled in when the notice is sent."
        ),
        "settings.edited": _("Written by the program"),
        "settings.builtin": _("Havre's text"),
        "settings.hours": _("Opening hours"),
        "settings.hours_intro": _(
            "Outside these hours, a texter gets the out-of-hours notice once, and the "
            "conversation waits in the queue. With no hours at all, the helpline is always "
            "open, except on holidays."
        ),
        "settings.time_zone": _("Time zone"),
        "settings.day": _("Day"),
        "settings.start": _("Opens at"),
        "settings.end": _("Closes at"),
        "settings.add_range": _("Add opening hours"),
        "settings.holidays": _("Holidays (closed all day)"),
        "settings.date": _("Date"),
        "settings.label": _("Label (optional)"),
        "settings.add_holiday": _("Add a holiday"),
        "settings.numbers": _("Emergency numbers"),
        "settings.numbers_intro": _(
            "Given to texters in the out-of-hours and unavailability notices."
        ),
        "settings.number": _("Number"),
        "settings.label_en": _("Label in English"),
        "settings.label_fr": _("Label in French"),
        "settings.add_number": _("Add a number"),
        "settings.preset.fr": _("Use France's numbers"),
        "settings.preset.us": _("Use the United States' numbers"),
        "settings.quick": _("Quick replies"),
        "settings.quick_intro": _(
            "Advocates pick one to fill the reply box, then read it over and send it."
        ),
        "settings.category": _("Category"),
        "settings.add_quick": _("Add a quick reply"),
        "settings.reset_quick": _("Go back to Havre's quick replies"),
        "day.0": _("Monday"),
        "day.1": _("Tuesday"),
        "day.2": _("Wednesday"),
        "day.3": _("Thursday"),
        "day.4": _("Friday"),
        "day.5": _("Saturday"),
        "day.6": _("Sunday"),
    }


def _errors() -> dict[str, str]:
    return {
        "error.forbidden": _("Only supervisors and administrators can change this."),
        "error.key_required": _(
            "You do not hold the helpline's current key: ask an administrator to give it to you. "
            "Nothing was sent."
        ),
        "error.not_allowed": _(
            "Only the person who holds this conversation, someone who joined it, or a "
            "supervisor can close it."
        ),
        "error.invalid_time_zone": _("Choose a time zone from the list, such as Europe/Paris."),
        "error.invalid_time": _("Write times as hours and minutes, such as 09:00."),
        "error.start_after_end": _("Each range must close after it opens."),
        "error.invalid_day": _("Choose a day for each range."),
        "error.invalid_date": _("Choose a date for each holiday."),
        "error.invalid_label": _("A label is too long."),
        "error.invalid_number": _("A number may hold only digits, spaces and a leading +."),
        "error.unknown_placeholder": _(
            "A word in braces is not one Havre knows: use {program}, {next_opening} or "
            "{emergency_numbers}."
        ),
        "error.invalid_text": _("A text is too long."),
        "error.empty_quick_reply": _("Each quick reply needs a text in at least one language."),
        "error.reason_required": _("Give a reason: the team will see it."),
        "error.already_on": _("Emergency mode was already on."),
        "error.already_off": _("Emergency mode was already off."),
        "error.generic": _("Not saved ({code}). Check the connection, then try again."),
    }


def console_strings() -> dict[str, str]:
    texts = {**_notice_names(), **_conversation(), **_emergency(), **_settings(), **_errors()}
    return {"protocols." + key: value for key, value in texts.items()}
